"""People in an article: full names define them, shorter mentions resolve to them.

A full name with its titles and appositions defines a person; a surname ("Kim"), a title
("the president") or a pronoun ("she") then resolves in context: the nearest full mention,
the title the person holds, and the gender the text shows. Person keys are normalized full
names, so the same person merges across articles and spellings ("Lee Jae-myung",
"Lee Jae Myung") without any global state.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from .lexicon import facts, korean_surnames, titles, word_set
from .model import Mention, Person
from .names import person_key

PARTICLES = (
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "di",
    "du",
    "le",
    "la",
    "del",
    "dos",
    "das",
    "bin",
    "ten",
    "ter",
)
_PART = "(?:(?:" + "|".join(PARTICLES) + r")[ \u00a0])?"
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
TOKEN_RUN_RE = re.compile(rf"\b{_PART}{_CAP}(?:[ \u00a0]{_PART}{_CAP})*")
POSSESSIVE_MARKS = ("'s", "’s", "'", "’")  # longest first: "Kim's" is Kim with 's
PRONOUN_RE = re.compile(r"\b(?:he|she|his|her|him|hers)\b", re.I)
MALE = {"he", "his", "him", "mr.", "mr"}
FEMALE = {"she", "her", "hers", "ms.", "ms", "mrs.", "mrs"}
PREPOSITIONS = {
    "with",
    "to",
    "for",
    "by",
    "of",
    "from",
    "and",
    "about",
    "on",
    "at",
    "as",
    "under",
    "against",
    "between",
    "toward",
    "towards",
    "than",
    "like",
    "meet",
    "met",
    "meeting",
    "visit",
    "visited",
    "told",
    "invited",
    "urged",
    "asked",
}
APPOSITION_RE = re.compile(r",\s+((?:the\s+|a\s+|an\s+)?[^,.;:“”\"()]{3,90}?)(?=,|\.\s|\.$|;|\))")
APPOSITION_STOP = {
    "along",
    "with",
    "who",
    "which",
    "and",
    "but",
    "as",
    "while",
    "when",
    "where",
    "said",
    "says",
    "told",
    "added",
    "including",
    "in",
    "on",
    "at",
    "for",
    "from",
    "to",
    "after",
    "before",
    "during",
    "who's",
    "whose",
    "both",
    "also",
    "however",
    "though",
    "although",
    "according",
    "then",
    "not",
    "is",
    "was",
}
ROLE_PREFIX_RE = re.compile(r"((?:[A-Z][\w.'’-]*\s+(?:(?:for|of|on|and)\s+)?){1,6})$")
ROLE_BEFORE_RE = re.compile(r"((?:[Tt]he|[Aa]n?)\s+[^,.;:“”\"()]{3,80}?),\s+$")


@cache
def _not_names() -> frozenset[str]:
    return word_set("not_names.txt")


@cache
def _titles_by_first_word() -> dict[str, list[tuple[str, list[str]]]]:
    """Titles grouped by their first word, longest first, so a run is matched in one lookup;
    each with its words in lower case, to compare with a run's words."""
    table: dict[str, list[tuple[str, list[str]]]] = {}
    for t in _title_words()[1]:
        table.setdefault(t.split()[0].lower(), []).append((t, t.lower().split()))
    return table


@cache
def _title_words() -> tuple[frozenset[str], list[str]]:
    table = titles()
    ordered = sorted(table, key=lambda t: len(t.split()), reverse=True)
    return frozenset(w.lower() for t in table for w in t.split()), ordered


@dataclass
class Token:
    start: int
    end: int
    text: str
    possessive: bool = False


@dataclass
class NameHit:
    """A capitalized run split into titles, a name core, and where each sits."""

    tokens: list[Token]
    title: str | None
    title_start: int | None
    possessive: bool = False
    weak: bool = False  # a word that is usually no name ("Paris"): a mention only of a known surname

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


@dataclass
class PeopleIndex:
    """The people of one article and every mention of them, in text order."""

    people: dict[str, Person] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    first_seen: dict[str, int] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, repr=False)
    _full: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions starting in [start, end), found by bisection: text order is kept."""
        if len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        return self.mentions[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def by_surname(self, surname: str) -> list[Person]:
        """The people (not groups) with this surname or alias, in any case."""
        low = surname.lower()
        return [
            p
            for p in self.people.values()
            if not p.group and ((p.surname or "").lower() == low or low in {a.lower() for a in p.aliases})
        ]


def _tokens(text: str, start: int, end: int) -> list[list[Token]]:
    runs = []
    for m in TOKEN_RUN_RE.finditer(text, start, end):
        toks = []
        pos = m.start()
        for piece in m.group().replace("\u00a0", " ").split(" "):
            a, b = pos, pos + len(piece)
            pos = b + 1
            word = piece
            possessive = False
            mark = (
                next(m for m in POSSESSIVE_MARKS if word.endswith(m))
                if word.endswith(POSSESSIVE_MARKS)
                else ""
            )
            if mark and len(word) > 2 and not word.endswith("'s'"):
                possessive = mark in ("'s", "’s")
                word = word[: -len(mark)]
            full_stop = word.endswith(".") and word[:-1].isalpha() and len(word) > 3 and word not in titles()
            if full_stop:
                word = word[:-1]
            if not word:
                continue
            toks.append(Token(a, a + len(word), word, possessive))
            if possessive or full_stop:  # "... to Scientology. Paris claims": two sentences
                runs.append(toks)
                toks = []
        if toks:
            runs.append(toks)
    return runs


def _split_run(run: list[Token], text: str = "") -> list[NameHit]:
    """Titles and name cores in one capitalized run ("South Korean President Lee Jae-myung")."""
    not_names = _not_names()
    title_words = _title_words()[0]
    titles_by_first_word = _titles_by_first_word()
    surnames = korean_surnames_lower()
    heads = word_set("org_heads.txt")
    hits: list[NameHit] = []
    i = 0
    title: str | None = None
    title_start: int | None = None
    while i < len(run):
        matched = None
        for t, words in titles_by_first_word.get(run[i].text.lower(), ()):
            if [tok.text.lower() for tok in run[i : i + len(words)]] == words:
                matched = t
                break
        if matched:
            n = len(words)
            title = matched if title is None or title_start is None else f"{title} {matched}"
            title_start = run[i].start if title_start is None else title_start
            i += n
            continue
        tok = run[i]
        parts = [p for p in tok.text.replace("‐", "-").split("-") if p]
        low = tok.text.lower()
        is_not_name = (
            low in not_names
            or (len(parts) > 1 and all(p.lower() in not_names for p in parts))
            or tok.text.isupper()
            and len(tok.text) <= 4
            or _has_digit(tok.text)
        )
        if is_not_name or (low in title_words and low not in surnames):
            if title is not None and hits == [] and is_not_name:
                title, title_start = None, None
            if is_not_name and len(run) == 1 and tok.text.istitle() and low in not_names:
                hits.append(NameHit([tok], None, None, tok.possessive, weak=True))
            i += 1
            continue
        j = i
        while j < len(run) and j - i < 4:
            t2 = run[j]
            l2 = t2.text.lower()
            if l2 in not_names or _has_digit(t2.text):
                if not (
                    j == i + 1 and j == len(run) - 1 and t2.text.istitle() and _person_follows(text, t2.end)
                ):
                    break  # "Valeska Paris, an Australian woman": a name that is also a place
            if j > i and l2 in title_words:
                break
            j += 1
            if t2.possessive:
                break
        core = run[i:j]
        if any(t.text.lower() in heads for t in core) or (j < len(run) and run[j].text.lower() in heads):
            i, title, title_start = j + 1, None, None  # "International Cycling Union": a body
            continue
        hits.append(NameHit(core, title, title_start, core[-1].possessive))
        title, title_start = None, None
        i = j
    return hits


def _has_digit(word: str) -> bool:
    """Whether a word holds a digit; most words are letters only, which no digit is."""
    return not word.isalpha() and any(ch.isdigit() for ch in word)


PERSON_CUE_RE = re.compile(
    r",\s+an?\s+(?:[\w-]+\s+){0,3}?(?:woman|man|girl|boy|student|teacher|mother|father|resident|"
    r"former|member|spokesperson|spokeswoman|spokesman|professor|lawyer|activist|official|doctor)\b"
    r"|\s+(?:also\s+)?(?:said|says|told|claims|claimed|added|stated)\b"
)


def _person_follows(text: str, end: int) -> bool:
    """Words after a name that only a person takes: an apposition naming one, or a speech verb."""
    return bool(text) and bool(PERSON_CUE_RE.match(text, end, min(len(text), end + 80)))


@cache
def korean_surnames_lower() -> frozenset[str]:
    return frozenset(s.lower() for s in korean_surnames())


def split_name(tokens: list[str]) -> tuple[str, bool]:
    """The surname of a full name and whether it is written surname-first (Korean)."""
    first = tokens[0]
    if len(tokens) >= 2 and tokens[-2] in PARTICLES:
        k = len(tokens) - 2
        while k > 0 and tokens[k - 1] in PARTICLES:
            k -= 1
        return " ".join(tokens[k:]), False
    if first in korean_surnames() and len(tokens) in (2, 3) and all(len(t) <= 9 for t in tokens[1:]):
        return first, True
    return tokens[-1], False


@cache
def _kb_people() -> dict[str, dict]:
    return {person_key(p["name"]): p for p in facts().get("people", [])}


@cache
def _kb_people_by_surname() -> dict[str, list[tuple[str, dict]]]:
    """Known people by lower-case surname (a Korean's first word, another's last)."""
    table: dict[str, list[tuple[str, dict]]] = {}
    for key, p in _kb_people().items():
        tokens = p["name"].split()
        surname = tokens[0] if p.get("country") == "KR" else tokens[-1]
        table.setdefault(surname.lower(), []).append((key, p))
    return table


def kb_person(key: str) -> dict | None:
    return _kb_people().get(key)


def office_holder(office: str, on: date) -> dict | None:
    for person in facts().get("people", []):
        for term in person.get("terms", []):
            if (
                term["office"] == office
                and term["start"] <= on
                and (term["end"] is None or on <= term["end"])
            ):
                return person
    return None


def find_people(
    text: str,
    regions: list[tuple[int, int]],
    on: date | None,
    quotes: list[tuple[int, int]] = (),
) -> PeopleIndex:
    """Every person and mention in `regions` (body sentences, title...) of `text`."""
    index = PeopleIndex()
    pending_surnames: list[tuple[NameHit, Token]] = []
    for start, end in regions:
        for run in _tokens(text, start, end):
            for hit in _split_run(run, text):
                words = [t.text for t in hit.tokens]
                if words[0] in PARTICLES:  # "van Dijk": a surname with its particle
                    merged = Token(hit.tokens[0].start, hit.end, " ".join(words))
                    hit = NameHit([merged], hit.title, hit.title_start, hit.possessive)
                    pending_surnames.append((hit, merged))
                elif len(words) >= 2:
                    if _after_of(text, hit) and not split_name(words)[1]:
                        continue  # "Julien Marchand of Banque Lemaire": a body or a place
                    _define(index, text, hit, words, on)
                else:
                    pending_surnames.append((hit, hit.tokens[0]))
    _genders(index, text)
    for m in sorted(index.mentions, key=lambda m: m.start):
        index._full.setdefault(m.person, []).append(m.start)
    # Who each surname can be: asked once per surname, since only a known office holder
    # found for a surname no one in the text has (`_kb_by_surname`) adds a person or alias.
    known_by_surname: dict[str, list[Person]] = {}
    for hit, tok in pending_surnames:
        low = tok.text.lower()
        if low not in known_by_surname:
            known_by_surname[low] = index.by_surname(tok.text)
        known = known_by_surname[low]
        if hit.weak:
            person = known[0] if len(known) == 1 and known[0].surname == tok.text else None
        elif not known:
            person = _kb_by_surname(index, tok.text, hit, on)
            if person is not None:  # it added a person or an alias
                known_by_surname.clear()
        else:
            person = _resolve_surname(index, text, hit, known)
        if person:
            index.mentions.append(
                Mention(tok.start, tok.end, tok.text, person.key, "title" if hit.title else "surname")
            )
            if hit.title and hit.title_start is not None:
                index.mentions[-1] = Mention(
                    hit.title_start, tok.end, text[hit.title_start : tok.end], person.key, "title"
                )
    index.mentions.sort(key=lambda m: m.start)
    _genders(index, text)
    return index


def _after_of(text: str, hit: NameHit) -> bool:
    return hit.title is None and text[max(0, hit.start - 4) : hit.start] == " of "


def _define(index: PeopleIndex, text: str, hit: NameHit, words: list[str], on) -> None:
    name = " ".join(words)
    key = person_key(name)
    surname, korean = split_name(words)
    kb = kb_person(key)
    person = index.people.get(key)
    if person is None:
        person = Person(
            key=key,
            name=kb["name"] if kb else name,
            surname=surname,
            country=(kb or {}).get("country") or ("KR" if korean else None),
            gender=(kb or {}).get("gender"),
        )
        index.people[key] = person
        index.first_seen[key] = hit.start
    elif "-" in name and "-" not in person.name and not kb:
        person.name = name
    person.aliases.add(name)
    person.aliases.add(surname)
    start = hit.title_start if hit.title_start is not None else hit.start
    role = _office_role(kb, hit.title, on) or _role_for(text, hit, start)
    if role and role not in person.roles:
        person.roles.append(role)
    if person.country is None and role:
        person.country = _country_of(role)
    if hit.title:
        person.aliases.add(f"{hit.title} {name}")
    index.mentions.append(Mention(start, hit.end, text[start : hit.end], key, "name"))


def _office_role(kb: dict | None, title: str | None, on: date | None) -> str | None:
    """The official role name when a known office holder is named with that office's title."""
    if not kb or not title or on is None:
        return None
    offices = facts()["offices"]
    for term in kb.get("terms", []):
        office = offices[term["office"]]
        in_term = term["start"] <= on and (term["end"] is None or on <= term["end"])
        if in_term and title.split()[-1] in " ".join(office["titles"]).split():
            return office["role"]
    return None


def _role_for(text: str, hit: NameHit, start: int) -> str | None:
    """A role from the title before the name or an apposition around it."""
    if hit.title_start is not None:
        # Include nationality words right before the title ("South Korean President").
        left = text[max(0, hit.title_start - 40) : hit.title_start]
        m = re.search(
            r"((?:(?:South|North)\s+)?(?:Korean|Japanese|US|U\.S\.|American|Chinese)"
            r"\s+)$",
            left,
        )
        prefix = m.group(1) if m else ""
        pre = text[max(0, hit.title_start - 40 - len(prefix)) : hit.title_start - len(prefix)]
        former = "former " if re.search(r"\bformer\s+$", pre, re.I) else ""
        return f"{former}{prefix}{hit.title}".strip()
    lead = ROLE_PREFIX_RE.search(text, max(0, start - 70), start)
    if (
        lead
        and lead.group(1).split()[-1] not in ("and", "of", "for", "on")
        and any(w in _title_words()[0] for w in lead.group(1).lower().split())
    ):
        return lead.group(1).strip()  # "Ambassador for Economic Security Park Dong-hyun"
    after = APPOSITION_RE.match(text, hit.end)
    if after and after.group(1).split()[0].lower() not in APPOSITION_STOP:
        role = after.group(1).strip()
        if not re.search(r"\b(?:said|says|told|added|who|which|that)\b", role):
            return re.sub(r"^(?:the|a|an)\s+", "", role)
    before = ROLE_BEFORE_RE.search(text, max(0, start - 90), start)
    if before:
        role = before.group(1)
        if not re.search(r"\b(?:said|says|told|added)\b", role):
            return re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", role)
    return None


def _country_of(role: str) -> str | None:
    if re.search(r"\b(?:South )?Korean?\b", role):
        return "KR"
    if re.search(r"\bJapan(?:ese)?\b", role):
        return "JP"
    if re.search(r"\b(?:US|U\.S\.|American)\b", role):
        return "US"
    return None


def _resolve_surname(index: PeopleIndex, text: str, hit: NameHit, candidates: list[Person]) -> Person:
    """Which of the people with this surname (`candidates`, one or more) a surname mention means."""
    tok = hit.tokens[0]
    if len(candidates) == 1:
        return candidates[0]
    if hit.title:
        wanted = set(hit.title.lower().split())
        titled = [p for p in candidates if any(wanted <= set(r.lower().split()) for r in p.roles)]
        if titled:
            candidates = titled
    gender = _cataphoric_gender(text, tok.start)
    if gender:
        fitting = [p for p in candidates if p.gender in (gender, None)]
        known = [p for p in fitting if p.gender == gender]
        candidates = known or fitting or candidates
    preceding = [p for p in candidates if index.first_seen[p.key] < tok.start]
    pool = preceding or candidates
    chosen = max(pool, key=lambda p: _last_full_mention(index, p.key, tok.start))
    if gender and chosen.gender is None:
        chosen.gender = gender
    return chosen


def _last_full_mention(index: PeopleIndex, key: str, before: int) -> int:
    spots = index._full.get(key, [])
    i = bisect_left(spots, before)
    return spots[i - 1] if i else -1


def _cataphoric_gender(text: str, at: int) -> str | None:
    """ "In her remarks, Kim said": a possessive pronoun earlier in the same clause."""
    left = text[max(0, at - 60) : at]
    clause = re.split(r"[.;!?”\"]", left)[-1]
    words = re.findall(r"\b(?:his|her|Mr\.?|Ms\.?|Mrs\.?)\b", clause)
    if not words:
        return None
    w = words[-1].lower().rstrip(".")
    return "female" if w in ("her", "ms", "mrs") else "male"


def _kb_by_surname(index: PeopleIndex, surname: str, hit: NameHit, on) -> Person | None:
    """A surname alone that names a known office holder of the article's date."""
    matches = []
    for key, p in _kb_people_by_surname().get(surname.lower(), ()):
        in_office = on is not None and any(
            t["start"] <= on and (t["end"] is None or on <= t["end"]) for t in p["terms"]
        )
        if in_office or (hit.title is None and surname.lower() not in korean_surnames_lower()):
            matches.append((in_office, key, p))
    if not matches:
        return None
    matches.sort(key=lambda m: not m[0])
    _, key, p = matches[0]
    person = index.people.get(key)
    if person is None:
        person = Person(
            key=key,
            name=p["name"],
            surname=surname,
            country=p.get("country"),
            gender=p.get("gender"),
        )
        index.people[key] = person
        index.first_seen[key] = hit.start
    person.aliases.add(surname)
    return person


def _genders(index: PeopleIndex, text: str) -> None:
    """Give each person the gender of the pronoun that follows their first mentions."""
    named = [m for m in index.mentions if m.kind in ("name", "surname", "title")]
    for i, m in enumerate(named):
        person = index.people.get(m.person)
        if person is None or person.gender:
            continue
        limit = named[i + 1].start if i + 1 < len(named) else m.end + 200
        window = text[m.end : min(limit, m.end + 200)]
        window = window.split("\n", 1)[0]
        pm = PRONOUN_RE.search(window)
        if pm:
            person.gender = "male" if pm.group().lower() in MALE else "female"


def subject_before(text: str, index: PeopleIndex, at: int, floor: int) -> Mention | None:
    """The person mention that is the subject of a verb at `at`, if one ends just before it."""
    for m in reversed(index.mentions):
        if m.end > at or m.start < floor:
            continue
        gap = text[m.end : at]
        if len(gap) > 60 or re.search(r"[.;:“”\"]", gap):
            return None
        return m
    return None


TITLE_ONLY_RE = re.compile(
    r"\b(?:[Tt]he|[Tt]heir|[Ii]ts|[Hh]is|[Hh]er)\s+((?:(?:South\s+)?(?:Korean|Japanese|U\.S\.|US|"
    r"American|Chinese|British|French|German)\s+|(?:new|former|outgoing|incoming|acting)\s+)?"
    r"(?:[Pp]resident|[Pp]rime\s+[Mm]inister|[Pp]remier|[Ff]oreign\s+[Mm]inister|[Mm]inister|"
    r"[Aa]mbassador|[Ss]pokesperson|[Ss]pokesman|[Ss]pokeswoman|[Cc]hancellor|[Ss]ecretary|"
    r"[Gg]overnor|[Mm]ayor|[Cc]hairman|[Cc]hairwoman|[Cc]hair|[Cc]oach|[Jj]udge|[Cc]andidate|"
    r"[Ll]eader|[Ee]nvoy|[Ee]mperor|[Kk]ing|[Qq]ueen|[Pp]ope))\s*$"
)


def resolve_title(index: PeopleIndex, text: str, phrase: str, at: int, on: date | None) -> Person | None:
    """ "the president", "the prime minister": a titled person of the article, else the
    office holder on the article's date (from facts.toml) for the country the story is about."""
    words = phrase.lower().split()
    if words and words[0] in ("former", "outgoing", "late"):
        return None
    head = " ".join(w for w in words if w not in ("new", "incoming", "acting"))
    title_words = head.split()
    core = (
        " ".join(title_words[-2:])
        if title_words[-2:-1] == ["prime"] or title_words[-2:-1] == ["foreign"]
        else title_words[-1]
    )
    best, best_at = None, -1
    for m in index.between(at - 4000, at):
        if m.person is None:
            continue
        person = index.people.get(m.person)
        if person and not person.group and any(core in r.lower() for r in person.roles):
            if m.start > best_at:
                best, best_at = person, m.start
    if best is not None:
        return best
    if on is None:
        return None
    offices = facts()["offices"]
    fitting = [k for k, o in offices.items() if any(t.lower() == core for t in o["titles"])]
    if not fitting:
        return None
    nationality = head.split()[0] if len(title_words) > 1 else ""

    def weight(office_key: str) -> int:
        office = offices[office_key]
        if nationality and any(nationality in c.lower() for c in office["context"]):
            return 10_000
        return sum(text.count(c) for c in office["context"])

    office_key = max(fitting, key=weight)
    holder = office_holder(office_key, on)
    if holder is None:
        return None
    key = person_key(holder["name"])
    person = index.people.get(key)
    if person is None:
        tokens = holder["name"].split()
        korean = holder.get("country") == "KR"
        person = Person(
            key=key,
            name=holder["name"],
            surname=tokens[0] if korean else tokens[-1],
            country=holder.get("country"),
            gender=holder.get("gender"),
        )
        index.people[key] = person
        index.first_seen[key] = at
    role = offices[office_key]["role"]
    if role not in person.roles:
        person.roles.append(role)
    return person
