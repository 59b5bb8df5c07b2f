#!/usr/bin/env python3
"""A deterministic synthetic corpus of wire articles on South Korea–Japan relations.

    python tests/perf/make_corpus.py OUT N [--seed S] [--quiet]

writes N articles of about 450 words each to OUT/YYYY/MM/SOURCE-NNNNNN.txt (a few hundred
files per folder at 100k articles). The same N and seed always give byte-identical files,
and article i does not depend on N, so a 1k corpus is a prefix of the 10k one (except for
the needle fallback below).

Each article has a title line, a dateline in one of several real forms (Yonhap,
NationPress, Reuters, AP with an "Updated" line, Jiji Press, Kyodo), paragraphs with
direct quotes (straight and curly marks, `"...," Kim said.` and `"...," said NAME, ROLE.`),
continuations, partial quotes and indirect speech, by a fixed pool of a few hundred
people with Korean (surname first, hyphenated given name), Japanese and Western names and
titles, weekday references consistent with the dateline date, month-day references,
years and year ranges.

Every file's mtime is its article's day at noon UTC, as in an old archive (and so that
no file looks freshly modified to an index build).

A rare needle phrase (NEEDLE) is planted in about 1 article in 500; if that leaves a small
corpus with none, the middle article gets it. The count is printed.

Pure standard library; 100k articles take well under a minute on one core.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

NEEDLE = "zebra quorum protocol"
NEEDLE_RATE = 1 / 500
EPOCH = date(1970, 1, 1)
FIRST_DAY = date(2006, 1, 1)
LAST_DAY = date(2025, 12, 31)
POOL_SEED = 20250820  # the people pool is the same for every corpus seed

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# AP style (Yonhap, Reuters with periods) and the shorter forms other wires use.
MONTHS_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
MONTHS_SHORT = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sep", "Oct", "Nov", "Dec"]

# ---------------------------------------------------------------------------------------
# The people pool

KR_SURNAMES = [
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Han",
    "Oh",
    "Seo",
    "Shin",
    "Kwon",
    "Hwang",
    "Ahn",
    "Song",
    "Yoo",
    "Hong",
    "Jeon",
    "Moon",
    "Bae",
    "Baek",
]
KR_GIVEN_1 = [
    "Min",
    "Eun",
    "Ji",
    "Seung",
    "Hyun",
    "Jae",
    "Soo",
    "Young",
    "Dong",
    "Sung",
    "Hye",
    "Kyung",
    "Jin",
    "Yeon",
    "Sang",
    "Woo",
    "Ha",
    "Da",
    "Tae",
    "Chang",
]
KR_GIVEN_2 = [
    "seok",
    "hee",
    "na",
    "ho",
    "woo",
    "jin",
    "min",
    "soo",
    "young",
    "bin",
    "yeon",
    "jun",
    "hoon",
    "ah",
    "kyung",
    "sik",
    "won",
    "mi",
]
JP_GIVEN = [
    "Shigeru",
    "Yoko",
    "Takeshi",
    "Hiroshi",
    "Kenji",
    "Akiko",
    "Yuko",
    "Toshimitsu",
    "Masato",
    "Naoko",
    "Haruki",
    "Kazuo",
    "Emi",
    "Daisuke",
    "Taro",
    "Yoshiko",
    "Ryota",
    "Keiko",
    "Hideo",
    "Mariko",
    "Satoshi",
    "Tomoko",
]
JP_FAMILY = [
    "Tanaka",
    "Suzuki",
    "Takahashi",
    "Watanabe",
    "Ito",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Kato",
    "Yoshida",
    "Yamada",
    "Sasaki",
    "Matsumoto",
    "Inoue",
    "Kimura",
    "Shimizu",
    "Mori",
    "Ikeda",
    "Hashimoto",
    "Ishikawa",
    "Ogawa",
    "Fujita",
    "Okada",
    "Goto",
    "Sakamoto",
    "Aoki",
]
WEST_FIRST = [
    "John",
    "Sarah",
    "Michael",
    "Emily",
    "David",
    "Laura",
    "James",
    "Rachel",
    "Thomas",
    "Anna",
    "Robert",
    "Karen",
    "Daniel",
    "Maria",
    "Peter",
    "Helen",
]
WEST_LAST = [
    "Smith",
    "Miller",
    "Carter",
    "Bennett",
    "Hughes",
    "Foster",
    "Palmer",
    "Reed",
    "Grant",
    "Sullivan",
    "Brooks",
    "Howard",
    "Fisher",
    "Walsh",
    "Kelly",
    "Mercer",
    "Dalton",
    "Harper",
]

# (title before the name, appositive after it); either may be empty.
KR_ROLES = [
    ("Foreign Minister", "South Korea's foreign minister"),
    ("Vice Foreign Minister", "the vice foreign minister"),
    ("Trade Minister", "South Korea's trade minister"),
    ("Unification Minister", "the unification minister"),
    ("Defense Minister", "South Korea's defense minister"),
    ("Ambassador", "South Korea's ambassador to Japan"),
    ("", "a foreign ministry spokesperson"),
    ("", "a ministry spokesperson"),
    ("", "a spokesperson for the presidential office"),
    ("", "a professor of international relations at Seoul National University"),
    ("", "a researcher at the Asan Institute for Policy Studies"),
    ("", "director-general of the ministry's Asia-Pacific affairs bureau"),
    ("Rep.", "a lawmaker of the main opposition party"),
    ("", "head of a civic group representing forced labor victims"),
]
JP_ROLES = [
    ("Foreign Minister", "Japan's foreign minister"),
    ("Chief Cabinet Secretary", "the top government spokesperson"),
    ("Deputy Chief Cabinet Secretary", "a deputy chief cabinet secretary"),
    ("Defense Minister", "Japan's defense minister"),
    ("Ambassador", "Japan's ambassador to South Korea"),
    ("", "a foreign ministry spokesperson"),
    ("", "a professor of Korean studies at Keio University"),
    ("", "a senior official of the Foreign Ministry"),
    ("", "director general of the Asian and Oceanian Affairs Bureau"),
    ("", "a lawmaker of the ruling Liberal Democratic Party"),
]
WEST_ROLES = [
    ("U.S. Ambassador", "the U.S. ambassador to Japan"),
    ("Sen.", "a member of the Senate Foreign Relations Committee"),
    ("", "a State Department spokesperson"),
    ("", "a senior fellow at the Center for Strategic and International Studies"),
    ("", "an analyst at the International Crisis Group"),
    ("", "a professor of East Asian studies at Georgetown University"),
]


def people_pool(size: int = 360) -> list[dict]:
    """A fixed pool of people: 45% Korean, 40% Japanese, 15% Western, unique names."""
    rng = random.Random(POOL_SEED)
    pool: list[dict] = []
    seen: set[str] = set()
    while len(pool) < size:
        r = rng.random()
        if r < 0.45:
            surname = rng.choice(KR_SURNAMES)
            given = rng.choice(KR_GIVEN_1) + "-" + rng.choice(KR_GIVEN_2)
            name, country, roles = f"{surname} {given}", "KR", KR_ROLES
        elif r < 0.85:
            surname = rng.choice(JP_FAMILY)
            name, country, roles = f"{rng.choice(JP_GIVEN)} {surname}", "JP", JP_ROLES
        else:
            surname = rng.choice(WEST_LAST)
            name, country, roles = f"{rng.choice(WEST_FIRST)} {surname}", "US", WEST_ROLES
        if name in seen:
            continue
        seen.add(name)
        title, appositive = rng.choice(roles)
        pool.append(
            {"name": name, "surname": surname, "country": country, "title": title, "role": appositive}
        )
    return pool


PEOPLE = people_pool()
BY_COUNTRY = {c: [p for p in PEOPLE if p["country"] == c] for c in ("KR", "JP", "US")}

# ---------------------------------------------------------------------------------------
# Vocabulary

TOPICS = [
    "supply chain cooperation",
    "wartime forced labor",
    "export controls",
    "the Sado mine",
    "fisheries",
    "semiconductor materials",
    "North Korea's missile launches",
    "trilateral security cooperation",
    "the Dokdo islets",
    "history textbooks",
    "critical minerals",
    "hydrogen and energy",
    "youth exchanges",
    "visa waivers",
    "the Fukushima water release",
    "economic security",
    "shuttle diplomacy",
    "a currency swap",
    "maritime search and rescue",
    "tourism and flights",
]
PLACES = {
    "KR": ["Seoul", "Busan", "Incheon", "Gyeongju", "Jeju"],
    "JP": ["Tokyo", "Osaka", "Fukuoka", "Hiroshima", "Niigata"],
}
QUOTE_OPENINGS = [
    "We will continue to work closely with our neighbor",
    "The two countries share the responsibility to manage differences wisely",
    "This is an important step toward a future-oriented relationship",
    "We cannot ignore the pain of the victims",
    "Dialogue is the only way to resolve these issues",
    "Our position on the matter has not changed",
    "Both governments have agreed to keep communication channels open",
    "The talks were candid and constructive",
    "We hope the momentum will not be lost",
    "There is still a gap between the two sides",
    "I believe we can build trust step by step",
    "The relationship is too important to be held hostage by the past",
    "We expect concrete results before the end of the year",
    "Security cooperation with Washington remains our top priority",
    "The public deserves an honest account of what happened",
    "Business leaders on both sides are eager for stability",
]
QUOTE_CLOSINGS = [
    "and we will keep that promise",
    "so that our children can see a better future",
    "while respecting the feelings of the people",
    "in line with international law",
    "based on mutual respect",
    "even when the politics are difficult",
    "as we agreed at the last meeting",
    "without preconditions",
    "for the sake of regional stability",
    "and that is what we told our counterparts",
]
PARTIALS = [
    "inseparable neighbors",
    "a new chapter",
    "managed wisely",
    "deeply regrettable",
    "a meaningful first step",
    "unacceptable",
    "a partner that shares universal values",
    "forward-looking",
    "a turning point",
    "premature",
]
INDIRECT = [
    "the two sides would hold another round of talks soon",
    "Seoul had lodged a formal protest with the Japanese embassy",
    "Tokyo was ready to expand exchanges between young people",
    "the government would review the proposal carefully",
    "working-level officials had narrowed their differences",
    "the issue should not be allowed to define the relationship",
    "more frequent visits by the leaders were needed",
    "companies from both countries would join the new fund",
    "the agreement would be implemented in stages",
    "the ministry was closely monitoring public opinion",
]
SPEECH = ["said", "said", "said", "told reporters", "stressed", "added", "noted"]
# (first year the sentence makes sense in, text)
BACKGROUND = [
    (
        0,
        "Relations between the two neighbors have long been strained over issues stemming from "
        "Japan's {colonial} colonial rule of the Korean Peninsula.",
    ),
    (0, "Korea was under Japanese colonial rule from 1910 to 1945."),
    (0, "The two countries normalized diplomatic relations in 1965 under the Treaty on Basic Relations."),
    (
        2020,
        "Ties sank to their lowest point in years after Japan tightened export controls on key "
        "chipmaking materials in 2019.",
    ),
    (2019, "The 2015 comfort women agreement was effectively shelved in 2018."),
    (0, "Officials from both sides have met regularly since {since}, according to the ministry."),
    (0, "Trade between the two countries grew steadily between {r1} and {r2}, official data show."),
    (0, "Analysts say public sentiment in both countries remains a wild card for {topic}."),
    (0, "The issue has been a recurring irritant since the late 1990s."),
    (0, "Both governments face domestic pressure over {topic}, with opinion polls showing deep divisions."),
]
TITLES = [
    "S. Korea, Japan agree to expand {topic} talks",
    "Japan, S. Korea to hold working-level talks on {topic}",
    "Seoul, Tokyo clash over {topic} as talks stall",
    "{surname} urges Tokyo to act on {topic}",
    "Japan says it values ties with South Korea amid dispute over {topic}",
    "S. Korea, Japan foreign ministers discuss {topic}",
    "Tokyo and Seoul pledge closer cooperation on {topic}",
    "{surname} calls for 'new chapter' in relations with Japan",
]
COLONIAL = ["1910-45", "1910-1945", "35-year"]


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def month_day(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


# ---------------------------------------------------------------------------------------
# Datelines: (source slug, place country, paragraph separator, how the dateline is written)


def _dateline(rng: random.Random, d: date) -> tuple[str, str, str, str]:
    """Returns (source slug, country of the place, header text before the body, separator)."""
    m = d.month - 1
    form = rng.randrange(7)
    if form == 0:
        place = rng.choice(["SEOUL", "SEOUL", "BUSAN"])
        return "yonhap", "KR", f"{place}, {MONTHS_AP[m]} {d.day} (Yonhap) -- ", "\n\n"
    if form == 1:
        place = rng.choice(["Seoul", "Seoul", "Tokyo"])
        return "nationpress", "KR", f"{place}, {MONTHS_SHORT[m]} {d.day} (NationPress) ", "\n"
    if form == 2:
        place = rng.choice(["TOKYO", "SEOUL"])
        home = "JP" if place == "TOKYO" else "KR"
        return "reuters", home, f"{place}, {MONTHS_SHORT[m]} {d.day} (Reuters) - ", "\n\n"
    if form == 3:
        place = rng.choice(["TOKYO", "SEOUL"])
        hour = rng.randrange(1, 12)
        minute = rng.randrange(60)
        ampm = rng.choice(["AM", "PM"])
        updated = f"Updated {hour}:{minute:02d} {ampm} EDT, {MONTHS[m]} {d.day}, {d.year}\n\n"
        return "ap", "JP" if place == "TOKYO" else "KR", updated + f"{place} (AP) — ", "\n\n"
    if form == 4:
        return "jiji", "JP", f"Tokyo, {MONTHS[m]} {d.day} (Jiji Press)--", "\n\n"
    if form == 5:
        return "kyodo", "JP", f"TOKYO, {MONTHS[m]} {d.day} Kyodo - ", "\n\n"
    return "kyodo", "JP", f"Tokyo, {MONTHS_SHORT[m]} {d.day} (Kyodo) - ", "\n\n"


# ---------------------------------------------------------------------------------------
# One article


class _Writer:
    """Builds one article: keeps track of who was introduced and how many words so far."""

    def __init__(self, rng: random.Random, d: date, home: str, curly: bool):
        self.rng = rng
        self.d = d
        self.home = home
        self.curly = curly
        self.introduced: set[str] = set()
        self.paragraphs: list[str] = []
        self.words = 0
        self.topic = rng.choice(TOPICS)
        away = "JP" if home == "KR" else "KR"
        cast = rng.sample(BY_COUNTRY[home], 2) + rng.sample(BY_COUNTRY[away], 2)
        if rng.random() < 0.4:
            cast.append(rng.choice(BY_COUNTRY["US"]))
        self.cast = cast

    def q(self, text: str) -> str:
        return f"“{text}”" if self.curly else f'"{text}"'

    def add(self, paragraph: str) -> None:
        self.paragraphs.append(paragraph)
        self.words += paragraph.count(" ") + 1

    def ref(self, p: dict) -> str:
        """First mention: title + full name (or name + appositive); later, the surname."""
        if p["name"] in self.introduced:
            return p["surname"]
        self.introduced.add(p["name"])
        if p["title"]:
            return f"{p['title']} {p['name']}"
        return f"{p['name']}, {p['role']},"

    def weekday(self, delta: int = 0) -> str:
        return WEEKDAYS[(self.d + timedelta(days=delta)).weekday()]

    def quote_text(self) -> str:
        rng = self.rng
        text = rng.choice(QUOTE_OPENINGS)
        if rng.random() < 0.6:
            text += ", " + rng.choice(QUOTE_CLOSINGS)
        return text

    # paragraph kinds ------------------------------------------------------------------

    def lead(self) -> None:
        rng, p = self.rng, self.cast[0]
        who = self.ref(p)
        verb = rng.choice(["agreed", "pledged", "decided"])
        self.add(
            f"South Korea and Japan {verb} {self.weekday()} to step up talks on {self.topic}, "
            f"{who} said, as the two neighbors seek to keep the recent improvement in ties on track."
        )

    def direct(self) -> None:
        rng = self.rng
        p = rng.choice(self.cast)
        form = rng.randrange(4)
        text = self.quote_text()
        if form == 0 and p["name"] not in self.introduced:
            self.introduced.add(p["name"])
            role = p["role"] or "an official"
            self.add(f"{self.q(text + ',')} said {p['name']}, {role}.")
        elif form == 1:
            who = self.ref(p)
            self.add(f"{self.q(text + ',')} {who} {rng.choice(SPEECH)}. {self.q(self.quote_text() + '.')}")
        elif form == 2:
            who = self.ref(p)
            self.add(
                f"{self.q(text + ',')} {who} {rng.choice(SPEECH)} at a press conference in "
                f"{rng.choice(PLACES[p['country']] if p['country'] in PLACES else PLACES['KR'])} "
                f"on {self.weekday()}."
            )
        else:
            who = self.ref(p)
            self.add(f"{who} {rng.choice(SPEECH)}: {self.q(text + '.')}")

    def partial(self) -> None:
        rng = self.rng
        p = rng.choice(self.cast)
        who = self.ref(p)
        if rng.random() < 0.5:
            self.add(
                f"{who} called the outcome {self.q(rng.choice(PARTIALS) + ',')} saying that "
                f"{rng.choice(INDIRECT)}."
            )
        else:
            self.add(
                f"{who} described the talks on {self.topic} as {self.q(rng.choice(PARTIALS))} and "
                f"said differences should be {self.q(rng.choice(PARTIALS))}."
            )

    def indirect(self) -> None:
        rng = self.rng
        p = rng.choice(self.cast)
        who = self.ref(p)
        self.add(f"{who} said that {rng.choice(INDIRECT)}.")

    def dated(self) -> None:
        rng = self.rng
        form = rng.randrange(6)
        place = rng.choice(PLACES[rng.choice(["KR", "JP"])])
        if form == 0:
            k = rng.randrange(1, 6)
            self.add(
                f"The two sides last met on {self.weekday(-k)} in {place}, where senior officials "
                f"reviewed progress on {self.topic}."
            )
        elif form == 1:
            k = rng.randrange(1, 6)
            self.add(
                f"The next round is set for {self.weekday(k)} in {place}, and officials said they "
                f"expected a joint statement."
            )
        elif form == 2:
            fut = self.d + timedelta(days=rng.randrange(7, 60))
            self.add(
                f"The ministers are expected to meet again on {month_day(fut)} in {place}, the ministry said."
            )
        elif form == 3:
            past = self.d - timedelta(days=rng.randrange(3, 40))
            p = rng.choice(self.cast)
            who = self.ref(p)
            self.add(
                f"Earlier, on {month_day(past)}, {who} said that {rng.choice(INDIRECT)}. "
                f"{self.q(self.quote_text() + ',')} {p['surname']} said."
            )
        elif form == 4:
            p = rng.choice(self.cast)
            when = rng.choice(["later this week", "next week", "next month", "early next year"])
            self.add(f"{self.ref(p)} is scheduled to visit {place} {when} to discuss {self.topic}.")
        else:
            n = self.d.year - 1965
            self.add(
                f"This year marks the {ordinal(n)} anniversary of the normalization of diplomatic "
                f"ties between South Korea and Japan, and events are planned through "
                f"{MONTHS[rng.randrange(12)]}."
            )

    def background(self) -> None:
        rng = self.rng
        y = self.d.year
        r1 = rng.randrange(max(1990, y - 15), y - 1)
        since, text = rng.choice(BACKGROUND)
        if y < since:
            since, text = BACKGROUND[0]
        self.add(
            text.format(
                colonial=rng.choice(COLONIAL),
                since=rng.randrange(1998, y),
                r1=r1,
                r2=rng.randrange(r1 + 1, y),
                topic=self.topic,
            )
        )


def render_article(i: int, seed: int = 0) -> tuple[str, str, bool]:
    """Article number i for `seed`: (relative path, text, has the needle)."""
    return _article(i, seed)[1:]


def _article(i: int, seed: int) -> tuple[date, str, str, bool]:
    rng = random.Random(seed * 1_000_003 + i)
    d = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    slug, home, header, sep = _dateline(rng, d)
    needle = rng.random() < NEEDLE_RATE
    w = _Writer(rng, d, home, curly=rng.random() < 0.25)
    lead_person = w.cast[0]
    title = rng.choice(TITLES).format(topic=w.topic, surname=lead_person["surname"])
    w.lead()
    target = rng.randrange(400, 461)
    kinds = [w.direct, w.direct, w.partial, w.indirect, w.dated, w.dated, w.background]
    needle_at = rng.randrange(2, 6)
    while w.words < target:
        rng.choice(kinds)()
        if needle and len(w.paragraphs) == needle_at:
            w.add(
                f"Delegates also discussed what officials called the {NEEDLE}, a procedural "
                f"arrangement for handling disputes over {w.topic}."
            )
    body = sep.join(w.paragraphs)
    text = f"{title}\n\n{header}{body}\n"
    rel = f"{d.year:04d}/{d.month:02d}/{slug}-{i:06d}.txt"
    return d, rel, text, needle


def generate(out: Path, n: int, seed: int = 0, force_needle: bool = True) -> dict:
    """Write the corpus; returns {articles, needle, needle_articles, folders, seconds}."""
    started = time.perf_counter()
    out = Path(out)
    made: set[str] = set()
    planted: list[str] = []
    for i in range(n):
        day, rel, text, needle = _article(i, seed)
        if needle:
            planted.append(rel)
        _write(out, rel, text, day, made)
    if force_needle and n > 0 and not planted:
        # small corpora: plant the needle in the middle article so searches have a target
        i = n // 2
        day, rel, text, _ = _article(i, seed)
        text = text.rstrip("\n") + f" Delegates also discussed what officials called the {NEEDLE}.\n"
        _write(out, rel, text, day, made)
        planted.append(rel)
    return {
        "articles": n,
        "seed": seed,
        "needle": NEEDLE,
        "needle_articles": planted,
        "folders": len(made),
        "seconds": round(time.perf_counter() - started, 3),
    }


def _write(out: Path, rel: str, text: str, day: date, made: set[str]) -> None:
    folder = rel.rsplit("/", 1)[0]
    if folder not in made:
        (out / folder).mkdir(parents=True, exist_ok=True)
        made.add(folder)
    path = out / rel
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    # An archive's files are old: the article's day at noon UTC, reproducible, and never
    # "racy" (modified within seconds of an index build) for the store's change detection.
    stamp = (day - EPOCH).days * 86400 + 12 * 3600
    os.utime(path, (stamp, stamp))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="output folder (created)")
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--quiet", action="store_true", help="print only the needle count")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must be >= 0")
    stats = generate(args.out, args.n, args.seed)
    k = len(stats["needle_articles"])
    if args.quiet:
        print(k)
    else:
        print(
            f"wrote {stats['articles']} articles in {stats['folders']} folders to {args.out} "
            f"in {stats['seconds']:.1f} s (seed {args.seed})"
        )
        print(f"needle {NEEDLE!r} planted in {k} article(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
