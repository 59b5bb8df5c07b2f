"""One unit test per extraction rule, each on a short wire-style article written inline.

The expected values follow tests/data/wire/ANNOTATION.md. Every article's weekdays agree
with its dates (checked with Python's calendar). "Today" is pinned to 2026-11-22 by the
autouse fixture in conftest.py. Articles that are not about year inference are dated by a
catalog entry, so that each test exercises one rule only.
"""

from __future__ import annotations

from datetime import date

import pytest

from korjp.corpus import CatalogEntry
from korjp.extract import extract
from korjp.model import ArticleFacts, Event, Quote

AUG20 = CatalogEntry(published=date(2025, 8, 20))  # a Wednesday


def run(text: str, entry: CatalogEntry | None = None) -> ArticleFacts:
    """Extract an article and check that every reported span locates its own text."""
    facts = extract("rules/article.txt", "rules/article.txt", text, entry)
    for q in facts.quotes:
        assert text[q.start : q.end] == q.text, q
        if q.mention_start is not None:
            assert text[q.mention_start : q.mention_end] == q.speaker_mention, q
    for e in facts.events:
        assert text[e.start : e.end] == e.evidence, e
    return facts


def quote(facts: ArticleFacts, fragment: str) -> Quote:
    found = [q for q in facts.quotes if fragment in q.text]
    assert len(found) == 1, (fragment, [(q.kind, q.text) for q in facts.quotes])
    return found[0]


def speaker(facts: ArticleFacts, q: Quote) -> str | None:
    return facts.people[q.speaker].name if q.speaker else None


def event(facts: ArticleFacts, phrase: str) -> Event:
    """The one event whose evidence contains `phrase` (ANNOTATION: shortest phrase)."""
    found = [e for e in facts.events if phrase in e.evidence]
    assert len(found) == 1, (phrase, [(e.evidence, e.value.iso()) for e in facts.events])
    return found[0]


def iso(value) -> str | None:
    return value.iso() if value is not None else None


# ------------------------------------------------------------------ datelines


def test_dateline_yonhap_with_period_month():
    text = (
        "S. Korea, Japan agree to expand shuttle diplomacy\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- South Korea and Japan agreed on Wednesday to expand "
        "shuttle diplomacy between their leaders, the foreign ministry said.\n"
        "President Lee Jae-myung is expected to visit Tokyo later this month, according to "
        "officials.\n"
    )
    facts = run(text)
    dl = facts.dateline
    assert (dl.text, dl.place, dl.source, dl.month, dl.day) == (
        "SEOUL, Aug. 20 (Yonhap)",
        "SEOUL",
        "Yonhap",
        8,
        20,
    )
    assert text[dl.start : dl.end] == dl.text
    assert text[dl.body_start :].startswith("South Korea and Japan agreed")
    assert facts.title == "S. Korea, Japan agree to expand shuttle diplomacy"
    assert facts.date.iso() == "2025-08-20"
    assert dl.date == date(2025, 8, 20)
    first = facts.events[0]
    assert (first.kind, first.evidence, first.value.iso(), first.inferred) == (
        "dateline",
        "SEOUL, Aug. 20 (Yonhap)",
        "2025-08-20",
        True,
    )


def test_dateline_kyodo_month_without_period_and_single_dash():
    text = (
        "Japan, South Korea agree to resume security dialogue\n\n"
        "Tokyo, Aug 23 (Kyodo) - Japan and South Korea on Saturday agreed to resume their "
        "vice-ministerial security dialogue, government sources said.\n"
        "The first round is expected to be held in Seoul next month, the sources said.\n"
    )
    facts = run(text)
    dl = facts.dateline
    assert (dl.text, dl.place, dl.source, dl.month, dl.day) == (
        "Tokyo, Aug 23 (Kyodo)",
        "Tokyo",
        "Kyodo",
        8,
        23,
    )
    assert text[dl.body_start :].startswith("Japan and South Korea on Saturday")
    assert facts.date.iso() == "2025-08-23"  # Aug 23 was last a Saturday in 2025


def test_dateline_xinhua_full_month_name():
    text = (
        "South Africa's rand firms as mining output rises\n\n"
        "JOHANNESBURG, August 7 (Xinhua) -- South Africa's rand firmed against the U.S. dollar "
        "on Thursday after data showed mining output rose for a second straight month.\n"
        '"The numbers were better than the market expected," said Thabo Nkosi, an economist '
        "at a local bank.\n"
    )
    facts = run(text)
    dl = facts.dateline
    assert (dl.text, dl.place, dl.source, dl.month, dl.day) == (
        "JOHANNESBURG, August 7 (Xinhua)",
        "JOHANNESBURG",
        "Xinhua",
        8,
        7,
    )
    assert facts.date.iso() == "2025-08-07"
    q = quote(facts, "better than the market")
    assert (q.kind, speaker(facts, q)) == ("direct", "Thabo Nkosi")


def test_dateline_reuters_place_and_source_without_date():
    text = (
        "Japan's exports to South Korea rise for third month\n\n"
        "TOKYO (Reuters) - Japan's exports to South Korea rose for a third straight month, led "
        "by chip-making equipment, finance ministry data showed.\n"
        '"Demand for semiconductor materials has clearly recovered," said Kenji Yamada, an '
        "economist at a Tokyo think tank.\n"
    )
    facts = run(text)
    dl = facts.dateline
    assert (dl.text, dl.place, dl.source, dl.month, dl.day) == (
        "TOKYO (Reuters)",
        "TOKYO",
        "Reuters",
        None,
        None,
    )
    assert text[dl.body_start :].startswith("Japan's exports")
    assert facts.date is None
    assert any("undated" in w for w in facts.warnings), facts.warnings
    q = quote(facts, "semiconductor materials")
    assert (q.kind, speaker(facts, q), q.said_on) == ("direct", "Kenji Yamada", None)


def test_dateline_place_only_with_em_dash():
    text = (
        "Seoul steps up checks on Japanese seafood\n\n"
        "SEOUL — South Korea will expand radiation testing of seafood imported from Japan, "
        "officials said, as public concern over the release of treated water from the "
        "Fukushima plant persists.\n"
        "“We will test every shipment until public anxiety is eased,” Vice Oceans Minister "
        "Song Sang-keun told reporters.\n"
    )
    facts = run(text)
    dl = facts.dateline
    assert (dl.text, dl.place, dl.source, dl.month, dl.day) == ("SEOUL", "SEOUL", None, None, None)
    assert text[dl.body_start :].startswith("South Korea will expand")
    assert facts.date is None
    q = quote(facts, "every shipment")
    assert (q.kind, speaker(facts, q)) == ("direct", "Song Sang-keun")


@pytest.mark.parametrize("month", ["Sept.", "Sept", "Sep", "Sep."])
def test_dateline_september_abbreviations(month):
    text = (
        "S. Korea, Japan hold talks on export controls\n\n"
        f"SEOUL, {month} 3 (Yonhap) -- South Korea and Japan held director-general-level talks "
        "on export controls on Wednesday, the industry ministry said.\n"
        "The two sides agreed to meet again in Tokyo later this year.\n"
    )
    facts = run(text)
    dl = facts.dateline
    assert (dl.text, dl.month, dl.day, dl.source) == (f"SEOUL, {month} 3 (Yonhap)", 9, 3, "Yonhap")
    assert facts.date.iso() == "2025-09-03"  # Sept 3 was last a Wednesday in 2025


def test_dateline_jiji_press_dash_without_space():
    text = (
        "Japan to extend gasoline subsidies\n\n"
        "Tokyo, March 4 (Jiji Press)--The Japanese government decided on Tuesday to extend its "
        "gasoline subsidy program, officials said.\n"
    )
    facts = run(text)
    dl = facts.dateline
    assert (dl.text, dl.place, dl.source, dl.month, dl.day) == (
        "Tokyo, March 4 (Jiji Press)",
        "Tokyo",
        "Jiji Press",
        3,
        4,
    )
    assert text[dl.body_start :].startswith("The Japanese government")
    assert facts.date.iso() == "2025-03-04"  # a Tuesday


@pytest.mark.parametrize("after", [" - ", "\n"])
def test_dateline_agency_without_parentheses(after):
    text = (
        "Japan, S. Korea finance ministers agree on currency cooperation\n\n"
        f"TOKYO, March 13 Kyodo{after}Japanese and South Korean finance ministers met in Tokyo "
        "on Thursday and agreed to cooperate closely on currency markets, officials said.\n"
    )
    facts = run(text)
    dl = facts.dateline
    assert (dl.text, dl.place, dl.source, dl.month, dl.day) == (
        "TOKYO, March 13 Kyodo",
        "TOKYO",
        "Kyodo",
        3,
        13,
    )
    assert facts.date.iso() == "2025-03-13"  # a Thursday
    assert not any("Kyodo" in s.text for s in facts.sentences)


def test_dateline_bare_place_line():
    text = (
        "Japan weighs new envoy to Seoul\n\n"
        "TOKYO\n\n"
        "Japan is considering appointing a veteran diplomat as its next ambassador to South "
        "Korea, government sources said.\n"
    )
    facts = run(text)
    dl = facts.dateline
    assert (dl.text, dl.place, dl.source, dl.month, dl.day) == ("TOKYO", "TOKYO", None, None, None)
    assert facts.date is None
    assert facts.sentences[0].text.startswith("Japan is considering")


def test_dateline_nationpress_after_title_synopsis_and_takeaways():
    text = (
        "South Korea and Japan vow closer cooperation on supply chains\n\n"
        "Synopsis\n"
        "Key Takeaways\n"
        "- Seoul and Tokyo agree to expand supply chain cooperation.\n"
        "- President Lee Jae-myung calls Japan an essential partner.\n"
        "- The talks come ahead of the 60th anniversary of diplomatic ties.\n"
        "Seoul, June 16 (NationPress) The trade ministers of South Korea and Japan agreed on "
        "Monday to expand cooperation on supply chains for semiconductors and batteries.\n"
        '"Japan is an essential partner in a rapidly changing global environment," President '
        "Lee Jae-myung said in a video message.\n"
    )
    facts = run(text)
    assert facts.title == "South Korea and Japan vow closer cooperation on supply chains"
    assert [t.text for t in facts.takeaways] == [
        "Seoul and Tokyo agree to expand supply chain cooperation.",
        "President Lee Jae-myung calls Japan an essential partner.",
        "The talks come ahead of the 60th anniversary of diplomatic ties.",
    ]
    dl = facts.dateline
    assert (dl.text, dl.place, dl.source, dl.month, dl.day) == (
        "Seoul, June 16 (NationPress)",
        "Seoul",
        "NationPress",
        6,
        16,
    )
    assert text[dl.body_start :].startswith("The trade ministers")
    assert facts.date.iso() == "2025-06-16"  # Monday, and Lee took office on 2025-06-04
    assert len(facts.quotes) == 1
    q = facts.quotes[0]
    assert (q.kind, speaker(facts, q), iso(q.said_on)) == ("direct", "Lee Jae-myung", "2025-06-16")


# ------------------------------------------------------------ article date


def test_article_without_dateline_is_undated_with_warning_but_yields_quotes():
    text = (
        "Seoul and Tokyo must look beyond history, scholars say\n\n"
        "South Korean and Japanese scholars called for a new framework for bilateral ties at a "
        "forum in Seoul.\n"
        "“Both governments should separate history from economic cooperation,” said Park "
        "Cheol-hee, a professor at Seoul National University. “That is the only way forward.”\n"
    )
    facts = run(text)
    assert facts.dateline is None
    assert facts.date is None
    assert any("no dateline" in w for w in facts.warnings), facts.warnings
    got = [(q.kind, speaker(facts, q), q.said_on, q.text) for q in facts.quotes]
    assert got == [
        (
            "direct",
            "Park Cheol-hee",
            None,
            "Both governments should separate history from economic cooperation",
        ),
        ("continuation", "Park Cheol-hee", None, "That is the only way forward"),
    ]


def test_catalog_published_date_dates_an_article_without_dateline():
    text = (
        "Japan, S. Korea agree on youth exchange program\n\n"
        "Japan and South Korea agreed on Wednesday to double the number of working holiday "
        "visas for young people, the Japanese Foreign Ministry said.\n"
        "“Young people are the future of our relationship,” Foreign Minister Takeshi Iwaya "
        "told a news conference.\n"
    )
    facts = run(text, CatalogEntry(published=date(2025, 9, 3)))
    assert facts.date.iso() == "2025-09-03"
    assert any("catalog" in e for e in facts.year_evidence), facts.year_evidence
    assert facts.warnings == []
    assert event(facts, "Wednesday").value.iso() == "2025-09-03"
    q = quote(facts, "Young people")
    assert (speaker(facts, q), iso(q.said_on)) == ("Takeshi Iwaya", "2025-09-03")


def test_catalog_date_picks_the_year_of_a_yearless_dateline_across_new_year():
    text = (
        "S. Korea, Japan sign fisheries pact\n\n"
        "SEOUL, Dec. 30 (Yonhap) -- South Korea and Japan signed a new fisheries agreement on "
        "Tuesday after months of negotiations, the oceans ministry said.\n"
    )
    facts = run(text, CatalogEntry(published=date(2026, 1, 2)))
    assert facts.date.iso() == "2025-12-30"
    assert event(facts, "Tuesday").value.iso() == "2025-12-30"


# ------------------------------------------------------------ year inference


def test_year_inferred_from_weekday_of_dateline_day():
    text = (
        "S. Korea, Japan hold talks on fisheries\n\n"
        "SEOUL, Nov. 14 (Yonhap) -- South Korean and Japanese officials held talks on "
        "fisheries in Seoul on Monday, the oceans ministry said.\n"
        "The two sides exchanged views on fishing quotas in each other's waters.\n"
    )
    facts = run(text)
    # Nov. 14 is a Monday in 2005, 2011, 2016 and 2022; the latest is 2022.
    assert facts.date.iso() == "2022-11-14"
    assert any("Monday" in e for e in facts.year_evidence), facts.year_evidence
    assert facts.warnings == []


def test_year_inferred_from_60th_anniversary_of_diplomatic_ties():
    text = (
        "Japan, South Korea mark 60 years of diplomatic ties\n\n"
        "TOKYO, June 22 (Kyodo) - Japan and South Korea marked the 60th anniversary of the "
        "normalization of their diplomatic ties with receptions in both capitals, pledging to "
        "deepen cooperation.\n"
        "The two countries signed the Treaty on Basic Relations in 1965.\n"
    )
    facts = run(text)
    assert facts.date.iso() == "2025-06-22"  # 1965 + 60
    assert any("1965" in e and "2025" in e for e in facts.year_evidence), facts.year_evidence
    ev = event(facts, "60th anniversary")
    assert (ev.evidence, ev.value.iso(), ev.value.granularity) == ("the 60th anniversary", "1965", "year")


def test_year_inferred_from_term_of_president_lee_jae_myung():
    text = (
        "Lee urges Japan to keep up momentum in ties\n\n"
        "SEOUL, May 20 (Yonhap) -- President Lee Jae-myung called for stronger economic "
        "cooperation with Japan, his office said.\n"
    )
    facts = run(text)
    # Lee took office on 2025-06-04, so May 20 can only be 2026.
    assert facts.date.iso() == "2026-05-20"
    assert any("Lee Jae-myung" in e for e in facts.year_evidence), facts.year_evidence
    assert facts.warnings == []


def test_year_inferred_from_term_of_prime_minister_kishida():
    text = (
        "Kishida seeks early summit with Yoon\n\n"
        "TOKYO, Jan. 18 (Kyodo) - Prime Minister Fumio Kishida said he hopes to hold a summit "
        "with South Korea's president at an early date, government officials said.\n"
    )
    facts = run(text)
    # Kishida was prime minister from 2021-10-04 to 2024-10-01.
    assert facts.date.iso() in ("2022-01-18", "2023-01-18", "2024-01-18")
    assert any("Fumio Kishida" in e for e in facts.year_evidence), facts.year_evidence
    # Every year of the term fits alike: the warning says so rather than choosing silently.
    assert len(facts.warnings) == 1 and "2022, 2023" in facts.warnings[0], facts.warnings


def test_year_defaults_to_latest_past_year_with_a_warning_without_evidence():
    text = (
        "S. Korea to expand exchanges with Japan\n\n"
        "SEOUL, Feb. 11 (Yonhap) -- South Korea will expand cultural exchanges with Japan, "
        "including student visits and joint concerts, the culture ministry said.\n"
    )
    facts = run(text)
    assert facts.date.iso() == "2026-02-11"
    assert len(facts.warnings) == 1 and "2026" in facts.warnings[0], facts.warnings
    assert facts.events[0].kind == "dateline" and facts.events[0].inferred


# ------------------------------------------------------------------ quotes


def test_direct_quote_curly_marks_with_surname_said_after():
    text = (
        "Seoul urges Tokyo to honor forced labor commitments\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- South Korea on Wednesday urged Japan to keep its promise to "
        "honor Korean victims of forced labor at the Sado mines, Foreign Ministry spokesperson "
        "Kim Hong-kyun told a regular briefing.\n"
        "“We expect Japan to faithfully implement the measures it promised,” Kim said.\n"
    )
    facts = run(text, AUG20)
    assert len(facts.quotes) == 1
    q = quote(facts, "faithfully implement")
    assert q.text == "We expect Japan to faithfully implement the measures it promised"
    assert (q.kind, speaker(facts, q), q.speaker_mention, iso(q.said_on)) == (
        "direct",
        "Kim Hong-kyun",
        "Kim",
        "2025-08-20",
    )


def test_direct_quote_straight_marks_said_name_with_role_apposition():
    text = (
        "Seoul regrets Japan's memorial service plans\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- South Korea expressed regret on Wednesday over Japan's plan "
        "to hold a memorial service on Sado Island without a clear reference to forced labor.\n"
        '"Our government will respond firmly to any attempt to distort history," said Choi '
        "Eun-hee, a ministry spokesperson.\n"
    )
    facts = run(text, AUG20)
    assert len(facts.quotes) == 1
    q = quote(facts, "distort history")
    assert q.text == "Our government will respond firmly to any attempt to distort history"
    assert (q.kind, speaker(facts, q), q.speaker_mention) == ("direct", "Choi Eun-hee", "Choi Eun-hee")


def test_direct_quote_after_colon_lead_in():
    text = (
        "Lee calls Japan an inseparable neighbor\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- President Lee Jae-myung opened a Cabinet meeting on "
        "Wednesday with a call for closer ties with Japan.\n"
        'Lee said: "Korea and Japan are neighbors that cannot move away from each other."\n'
    )
    facts = run(text, AUG20)
    assert len(facts.quotes) == 1
    q = quote(facts, "cannot move away")
    assert q.text == "Korea and Japan are neighbors that cannot move away from each other"
    assert (q.kind, speaker(facts, q), q.speaker_mention) == ("direct", "Lee Jae-myung", "Lee")


def test_continuation_quote_in_next_sentence_keeps_speaker():
    text = (
        "PM Kim says summit will open new chapter\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Prime Minister Kim Min-seok said on Wednesday that this "
        "week's summit with Japan would be a turning point.\n"
        "“The summit will open a new chapter in our relations,” Kim said at a Cabinet meeting. "
        "“We must not let history hold the future hostage.”\n"
    )
    facts = run(text, AUG20)
    first = quote(facts, "new chapter in our relations")
    second = quote(facts, "hold the future hostage")
    assert (first.kind, speaker(facts, first)) == ("direct", "Kim Min-seok")
    assert second.text == "We must not let history hold the future hostage"
    assert (second.kind, speaker(facts, second), second.speaker_mention) == (
        "continuation",
        "Kim Min-seok",
        None,
    )


def test_partial_quote_in_scope_of_speech_verb():
    text = (
        "FM Cho hails agreement with Japan\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Foreign Minister Cho Hyun on Wednesday called the agreement "
        "with Japan “a meaningful step forward” for the two countries.\n"
    )
    facts = run(text, AUG20)
    assert len(facts.quotes) == 1
    q = quote(facts, "meaningful step")
    assert q.text == "a meaningful step forward"
    assert (q.kind, speaker(facts, q), iso(q.said_on)) == ("partial", "Cho Hyun", "2025-08-20")


def test_indirect_quote_said_that():
    text = (
        "S. Korea, Japan to resume consultations\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Foreign Minister Cho Hyun met his Japanese counterpart in "
        "Seoul on Wednesday.\n"
        "Cho said that the two countries would resume working-level consultations on the "
        "issue.\n"
    )
    facts = run(text, AUG20)
    assert len(facts.quotes) == 1
    q = quote(facts, "working-level")
    assert q.text == "the two countries would resume working-level consultations on the issue"
    assert (q.kind, speaker(facts, q), q.speaker_mention) == ("indirect", "Cho Hyun", "Cho")


def test_adding_that_opens_a_second_indirect_quote():
    text = (
        "FM Cho upbeat on talks with Japan\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Foreign Minister Cho Hyun met his Japanese counterpart in "
        "Seoul on Wednesday.\n"
        "Cho said that the talks had been productive, adding that he would visit Tokyo soon.\n"
    )
    facts = run(text, AUG20)
    got = [(q.kind, speaker(facts, q), q.text) for q in facts.quotes]
    assert got == [
        ("indirect", "Cho Hyun", "the talks had been productive"),
        ("indirect", "Cho Hyun", "he would visit Tokyo soon"),
    ]


def test_scare_quotes_and_slogans_are_not_quotes():
    text = (
        "Lee sticks to two-track approach on Japan\n\n"
        'SEOUL, Aug. 20 (Yonhap) -- President Lee Jae-myung has committed to a "two-track" '
        "approach, separating cooperation with Japan from historical disputes.\n"
        'The phrase "join hands and move toward a better future" serves as the official slogan '
        "for the anniversary year.\n"
    )
    facts = run(text, AUG20)
    assert [q.text for q in facts.quotes] == []


def test_according_to_is_an_indirect_quote():
    text = (
        "S. Korea, Japan to hold next round of talks in Tokyo\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- South Korean and Japanese diplomats met in Seoul on "
        "Wednesday for talks on economic security.\n"
        "According to the foreign ministry, the two sides agreed to hold the next round of "
        "talks in Tokyo.\n"
    )
    facts = run(text, AUG20)
    assert len(facts.quotes) == 1
    q = quote(facts, "next round")
    assert q.text == "the two sides agreed to hold the next round of talks in Tokyo"
    assert (q.kind, speaker(facts, q), q.speaker_mention) == (
        "indirect",
        "foreign ministry",
        "the foreign ministry",
    )


# ----------------------------------------------------------------- speakers


def test_pronoun_he_resolves_to_nearest_male_subject():
    text = (
        "S. Korea, Japan foreign ministers meet in Seoul\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Japanese Foreign Minister Takeshi Iwaya held talks with his "
        "South Korean counterpart Cho Hyun in Seoul on Wednesday.\n"
        "“We have a shared responsibility for peace in the region,” Cho said at the start of the "
        "meeting.\n"
        "Iwaya said Tokyo was ready to work with Seoul on North Korea. “We want to build on the "
        "momentum of the past two years,” he said.\n"
    )
    facts = run(text, AUG20)
    assert speaker(facts, quote(facts, "shared responsibility")) == "Cho Hyun"
    q = quote(facts, "build on the momentum")
    assert (q.kind, speaker(facts, q), q.speaker_mention) == ("direct", "Takeshi Iwaya", "he")


def test_pronoun_she_resolves_to_last_female_speaker():
    text = (
        "Japan, S. Korea foreign ministers meet in Busan\n\n"
        "BUSAN, Nov. 26 (Yonhap) -- Japanese Foreign Minister Yoko Kamikawa and her South "
        "Korean counterpart Park Jin met in Busan on Sunday ahead of a three-way meeting with "
        "China.\n"
        "“We confirmed that we will work closely on North Korea,” Kamikawa told reporters.\n"
        "Park said he found the meeting candid and useful.\n"
        "“Japan and South Korea must keep up the momentum of improving ties,” she said.\n"
    )
    facts = run(text, CatalogEntry(published=date(2023, 11, 26)))
    q = quote(facts, "keep up the momentum")
    assert (q.kind, speaker(facts, q), q.speaker_mention) == ("direct", "Yoko Kamikawa", "she")


def test_two_people_share_a_surname_title_decides():
    text = (
        "PM Kim, vice minister attend Japanese reception\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Prime Minister Kim Min-seok and Second Vice Foreign Minister "
        "Kim Ji-na attended a reception hosted by the Japanese Embassy in Seoul on Wednesday.\n"
        "“Korea and Japan share values and interests,” Prime Minister Kim said in a speech.\n"
        "“Our ministry will support exchanges between young people,” Vice Foreign Minister "
        "Kim said.\n"
    )
    facts = run(text, AUG20)
    assert speaker(facts, quote(facts, "share values")) == "Kim Min-seok"
    assert speaker(facts, quote(facts, "young people")) == "Kim Ji-na"


def test_shortened_title_matches_the_full_title_of_a_same_surname_person():
    text = (
        "PM Kim, vice minister attend Japanese reception\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Prime Minister Kim Min-seok and Second Vice Foreign Minister "
        "Kim Ji-na attended a reception hosted by the Japanese Embassy in Seoul on Wednesday.\n"
        "“Korea and Japan share values and interests,” Prime Minister Kim said in a speech.\n"
        "“Our ministry will support exchanges between young people,” Vice Minister Kim said.\n"
    )
    facts = run(text, AUG20)
    q = quote(facts, "young people")
    assert (speaker(facts, q), q.speaker_mention) == ("Kim Ji-na", "Vice Minister Kim")


def test_two_people_share_a_surname_nearest_full_mention_decides():
    text = (
        "Korean officials meet Japanese business leaders, lawmakers\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Prime Minister Kim Min-seok met Japanese business leaders "
        "in Seoul on Wednesday.\n"
        "“Companies are the engine of our partnership,” Kim said.\n"
        "Separately, Second Vice Foreign Minister Kim Ji-na met a visiting delegation of "
        "Japanese lawmakers.\n"
        "“Exchanges between lawmakers build trust,” Kim said.\n"
    )
    facts = run(text, AUG20)
    assert speaker(facts, quote(facts, "engine of our partnership")) == "Kim Min-seok"
    assert speaker(facts, quote(facts, "build trust")) == "Kim Ji-na"


def test_her_picks_the_woman_among_people_sharing_a_surname():
    text = (
        "Korea marks anniversary at Japanese Embassy reception\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Prime Minister Kim Min-seok and Second Vice Foreign Minister "
        "Kim Ji-na attended a reception hosted by the Japanese Embassy in Seoul on Wednesday.\n"
        "In his speech, Kim Min-seok said that Seoul would keep up shuttle diplomacy with "
        "Tokyo.\n"
        "In her congratulatory remarks, Kim said that the two countries should expand "
        "exchanges among young people.\n"
    )
    facts = run(text, AUG20)
    q = quote(facts, "exchanges among young people")
    assert q.text == "the two countries should expand exchanges among young people"
    assert (q.kind, speaker(facts, q), q.speaker_mention) == ("indirect", "Kim Ji-na", "Kim")


def test_spelling_variants_of_a_name_merge_into_one_person():
    text = (
        "Lee to visit Tokyo for summit with Ishiba\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- President Lee Jae Myung will travel to Tokyo on Saturday "
        "for a summit with Japanese Prime Minister Shigeru Ishiba, his office said on "
        "Wednesday.\n"
        "“I hope the visit will open a new era of cooperation,” Lee Jae-myung said in an "
        "interview with a Japanese newspaper.\n"
        "“Japan is our closest neighbor,” President Lee Jae Myung said.\n"
    )
    facts = run(text, AUG20)
    lees = [p for p in facts.people.values() if p.surname == "Lee" or p.name.startswith("Lee")]
    assert [p.name for p in lees] == ["Lee Jae-myung"]
    first, second = quote(facts, "new era"), quote(facts, "closest neighbor")
    assert first.speaker == second.speaker == lees[0].key


def test_group_speaker_without_determiner():
    text = (
        "S. Korea, Japan hold talks on Sado mine memorial\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- South Korean and Japanese officials held talks in Seoul on "
        "Wednesday on the memorial service for Korean laborers at the Sado mines.\n"
        "“We hope to continue constructive discussions,” the Japanese representatives said "
        "after the meeting.\n"
    )
    facts = run(text, AUG20)
    q = quote(facts, "constructive discussions")
    assert (q.kind, speaker(facts, q), q.speaker_mention) == (
        "direct",
        "Japanese representatives",
        "the Japanese representatives",
    )
    assert facts.people[q.speaker].group


def test_title_only_speaker_resolves_to_office_holder_on_article_date():
    text = (
        "Presidential office vows future-oriented ties with Japan\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- South Korea will push for future-oriented ties with Japan "
        "while addressing historical issues, the presidential office said on Wednesday.\n"
        "“We will not let the past block the road to the future,” the president said at a "
        "meeting with his senior secretaries.\n"
    )
    facts = run(text)
    assert facts.date.iso() == "2025-08-20"
    q = quote(facts, "block the road")
    assert (q.kind, speaker(facts, q), q.speaker_mention) == ("direct", "Lee Jae-myung", "the president")


def test_byline_is_not_a_speaker():
    text = (
        "Japan, South Korea to launch hydrogen partnership\n"
        "By Park Soo-jin\n"
        "SEOUL, Aug. 20 (Yonhap) -- South Korea and Japan will launch a joint hydrogen "
        "partnership next month, the industry ministry said on Wednesday.\n"
        '"We are ready to share our technology," said Takahiro Sato, a Japanese trade ministry '
        "official.\n"
    )
    facts = run(text, AUG20)
    assert facts.dateline.text == "SEOUL, Aug. 20 (Yonhap)"
    assert "Park Soo-jin" not in [p.name for p in facts.people.values()]
    assert [speaker(facts, q) for q in facts.quotes if q.kind == "direct"] == ["Takahiro Sato"]


# -------------------------------------------------------------------- dates


def test_past_weekday_resolves_to_latest_such_day_on_or_before_article_date():
    text = (
        "S. Korea, Japan agree on emergency currency swap\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- The finance ministers of South Korea and Japan met in Tokyo "
        "on Monday and agreed to expand their currency swap line, the ministry said on "
        "Wednesday.\n"
    )
    facts = run(text, AUG20)
    monday, wednesday = event(facts, "Monday"), event(facts, "Wednesday")
    assert (monday.evidence, monday.value.iso(), monday.value.granularity) == (
        "on Monday",
        "2025-08-18",
        "day",
    )
    assert (wednesday.evidence, wednesday.value.iso()) == ("on Wednesday", "2025-08-20")
    assert monday.inferred


def test_future_weekday_resolves_to_the_coming_day():
    text = (
        "Lee to visit Tokyo for summit\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- President Lee Jae-myung will travel to Tokyo on Friday for a "
        "summit with Japanese Prime Minister Shigeru Ishiba, his office said.\n"
        "The two leaders are also expected to attend a business forum in Osaka this Sunday.\n"
    )
    facts = run(text, AUG20)
    assert event(facts, "Friday").value.iso() == "2025-08-22"
    assert event(facts, "Sunday").value.iso() == "2025-08-24"


def test_later_this_week_is_a_range_to_sunday():
    text = (
        "S. Korea, Japan to finalize summit agenda\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Working-level officials from South Korea and Japan will meet "
        "later this week to finalize the agenda for the summit, the foreign ministry said.\n"
    )
    facts = run(text, AUG20)
    ev = event(facts, "later this week")
    assert (ev.evidence, ev.value.iso(), ev.value.granularity) == (
        "later this week",
        "2025-08-21/2025-08-24",
        "range",
    )


def test_last_week_is_the_previous_monday_to_sunday_week():
    text = (
        "Japan's foreign minister visited Seoul last week, ministry says\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Japanese Foreign Minister Takeshi Iwaya visited Seoul last "
        "week to prepare for the summit, the foreign ministry said.\n"
    )
    facts = run(text, AUG20)
    ev = event(facts, "last week")
    assert (ev.evidence, ev.value.iso(), ev.value.granularity) == (
        "last week",
        "2025-08-11/2025-08-17",
        "week",
    )


def test_said_last_week_gives_a_said_on_range():
    text = (
        "Iwaya upbeat on ties with Seoul\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Japan's top diplomat has voiced hope for stable ties with "
        "South Korea under its new government.\n"
        "“Our relationship is on a firm footing,” Japanese Foreign Minister Takeshi Iwaya said "
        "last week.\n"
    )
    facts = run(text, AUG20)
    q = quote(facts, "firm footing")
    assert (speaker(facts, q), iso(q.said_on)) == ("Takeshi Iwaya", "2025-08-11/2025-08-17")


def test_month_day_without_year_takes_the_year_nearest_the_article_date():
    text = (
        "S. Korea, Japan social security pact to take effect\n\n"
        "SEOUL, Jan. 8 (Yonhap) -- A revised social security agreement between South Korea and "
        "Japan will take effect on Feb. 1, the health ministry said.\n"
        "The two governments signed the revision in Tokyo on Dec. 29.\n"
    )
    facts = run(text, CatalogEntry(published=date(2026, 1, 8)))
    feb, dec = event(facts, "Feb. 1"), event(facts, "Dec. 29")
    assert (feb.value.iso(), feb.value.granularity, feb.inferred) == ("2026-02-01", "day", True)
    assert (dec.value.iso(), dec.value.granularity, dec.inferred) == ("2025-12-29", "day", True)


def test_in_year_keeps_year_granularity():
    text = (
        "Seoul asks Tokyo to uphold Kono Statement\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- South Korea urged Japan on Wednesday to uphold the Kono "
        "Statement, in which Tokyo acknowledged in 1993 the involvement of its military in "
        "the wartime sexual slavery.\n"
    )
    facts = run(text, AUG20)
    ev = event(facts, "1993")
    assert (ev.evidence, ev.value.iso(), ev.value.granularity, ev.inferred) == (
        "in 1993",
        "1993",
        "year",
        False,
    )


@pytest.mark.parametrize(
    "phrase, sentence",
    [
        ("from 1910 to 1945", "Korea was under Japanese colonial rule from 1910 to 1945."),
        ("1910-1945", "The exhibition covers the 1910-1945 colonial period."),
        ("1910-45", "Many Koreans were forced to work in Japan during its 1910-45 colonial rule."),
    ],
    ids=["from_to", "four_digits", "two_digits"],
)
def test_year_range_forms(phrase, sentence):
    text = (
        "Seoul opens exhibition on colonial era\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- A new exhibition on the colonial era opened in Seoul on "
        f"Wednesday. {sentence}\n"
    )
    facts = run(text, AUG20)
    ev = event(facts, "1910")
    assert (ev.evidence, ev.value.iso(), ev.value.granularity, ev.inferred) == (
        phrase,
        "1910/1945",
        "range",
        False,
    )


def test_early_month_is_the_first_ten_days():
    text = (
        "S. Korea, Japan held secret talks in June: sources\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Senior officials of South Korea and Japan held talks in "
        "Tokyo in early June to prepare for the summit, diplomatic sources said.\n"
    )
    facts = run(text, AUG20)
    ev = event(facts, "early June")
    assert (ev.value.iso(), ev.value.granularity, ev.inferred) == ("2025-06-01/2025-06-10", "range", True)


def test_korean_style_day_of_month_the_nth():
    text = (
        "Japanese delegation visits Seoul\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- The foreign ministry announced the plan on the 12th, and a "
        "Japanese delegation arrived in Seoul on the 25th of last month for preparatory "
        "talks.\n"
    )
    facts = run(text, AUG20)
    assert event(facts, "the 12th").value.iso() == "2025-08-12"
    assert event(facts, "the 25th").value.iso() == "2025-07-25"


def test_korean_style_nth_after_article_day_is_in_previous_month():
    text = (
        "Japanese delegation wraps up Seoul visit\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- A Japanese delegation that arrived in Seoul on the 25th "
        "wrapped up its visit, the foreign ministry said.\n"
    )
    facts = run(text, AUG20)
    ev = event(facts, "the 25th")
    assert (ev.value.iso(), ev.value.granularity) == ("2025-07-25", "day")


def test_times_of_day_take_the_day_they_belong_to():
    text = (
        "Leaders hold 90-minute talks\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- The leaders of South Korea and Japan met on Monday at 3 p.m. "
        "at the prime minister's office and talked for 90 minutes.\n"
        "A joint press conference began at 4:30 p.m., officials said.\n"
    )
    facts = run(text, AUG20)
    # A time of day is not a day of its own: it pins the day the story is telling (issue 9).
    assert [(e.evidence, e.value.iso()) for e in facts.events] == [
        ("SEOUL, Aug. 20 (Yonhap)", "2025-08-20"),
        ("on Monday", "2025-08-18"),
        ("at 3 p.m.", "2025-08-18"),
        ("at 4:30 p.m.", "2025-08-18"),
    ]


def test_earlier_on_date_sets_said_on_of_that_speakers_quotes():
    text = (
        "Lee calls Japan a partner for the future\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- President Lee Jae-myung on Wednesday called for "
        "future-oriented cooperation with Japan.\n"
        "“Japan is a partner with whom we must open the future together,” Lee said at a "
        "meeting with senior aides.\n"
        "Earlier, on August 15, Lee said in his Liberation Day speech: “We must face the past "
        "squarely.” “Only then can trust grow.”\n"
    )
    facts = run(text, AUG20)
    today_q = quote(facts, "open the future together")
    earlier = quote(facts, "face the past")
    cont = quote(facts, "trust grow")
    assert (today_q.kind, speaker(facts, today_q), iso(today_q.said_on)) == (
        "direct",
        "Lee Jae-myung",
        "2025-08-20",
    )
    assert (earlier.kind, speaker(facts, earlier), iso(earlier.said_on)) == (
        "direct",
        "Lee Jae-myung",
        "2025-08-15",
    )
    assert (cont.kind, speaker(facts, cont), iso(cont.said_on)) == (
        "continuation",
        "Lee Jae-myung",
        "2025-08-15",
    )
    assert event(facts, "August 15").value.iso() == "2025-08-15"


def test_said_weekday_dates_the_quote():
    text = (
        "Lee says Korea, Japan must work together\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- President Lee Jae-myung said Monday that the two countries "
        "must work together to respond to global trade uncertainties, his office said on "
        "Wednesday.\n"
    )
    facts = run(text, AUG20)
    q = quote(facts, "work together")
    assert (q.kind, speaker(facts, q), iso(q.said_on)) == ("indirect", "Lee Jae-myung", "2025-08-18")


def test_dates_inside_quotes_are_events():
    text = (
        "S. Korea, Japan to resume talks in October\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- South Korea and Japan plan to resume talks on a new "
        "fisheries pact, the oceans ministry said on Wednesday.\n"
        "“We will meet again in October,” Kim Hong-kyun, a ministry spokesperson, said.\n"
    )
    facts = run(text, AUG20)
    q = quote(facts, "meet again")
    ev = event(facts, "October")
    assert q.start <= ev.start < ev.end <= q.end
    assert (ev.evidence, ev.value.iso(), ev.value.granularity) == ("in October", "2025-10", "month")
    assert (q.kind, speaker(facts, q), iso(q.said_on)) == ("direct", "Kim Hong-kyun", "2025-08-20")


@pytest.mark.parametrize(
    "text, day, weekday",
    [
        (
            "Japan, South Korea to hold security talks\n\n"
            "Tokyo, Aug 23 (Kyodo) - Japan and South Korea will hold vice-ministerial security "
            "talks in Tokyo next week, the Foreign Ministry said Saturday.\n",
            "2025-08-23",
            "Saturday",
        ),
        (
            "S. Korea, Japan to launch hydrogen partnership\n\n"
            "SEOUL, Aug. 20 (Yonhap) -- South Korea and Japan will launch a joint hydrogen "
            "partnership next month, the industry ministry said on Wednesday.\n",
            "2025-08-20",
            "Wednesday",
        ),
    ],
    ids=["said_saturday", "said_on_wednesday"],
)
def test_said_weekday_is_past_even_after_a_future_clause(text, day, weekday):
    facts = run(text)
    assert event(facts, weekday).value.iso() == day  # the dateline day itself
    assert facts.date.iso() == day  # and that weekday dates the article
    assert facts.warnings == []


# ------------------------------------------------------------- more quotes


def test_direct_quote_after_comma_lead_in():
    text = (
        "Japan's top spokesman welcomes Lee's remarks\n\n"
        "TOKYO, Aug. 20 (Kyodo) - Japan's top government spokesman on Wednesday welcomed "
        "remarks by South Korean President Lee Jae-myung on bilateral ties.\n"
        'Chief Cabinet Secretary Yoshimasa Hayashi said, "We will continue to communicate '
        'closely with South Korea."\n'
    )
    facts = run(text, AUG20)
    q = quote(facts, "communicate closely")
    assert q.text == "We will continue to communicate closely with South Korea"
    assert (q.kind, speaker(facts, q)) == ("direct", "Yoshimasa Hayashi")


def test_question_mark_stays_in_quote_text():
    text = (
        "Lee questions Japan's textbook screening\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- President Lee Jae-myung on Wednesday criticized Japan's "
        "latest textbook screening.\n"
        "“How can we build the future while denying the past?” Lee asked.\n"
    )
    facts = run(text, AUG20)
    q = quote(facts, "denying the past")
    assert q.text == "How can we build the future while denying the past?"
    assert (q.kind, speaker(facts, q)) == ("direct", "Lee Jae-myung")


def test_continuation_quote_in_the_next_paragraph():
    text = (
        "Ishiba vows to keep up shuttle diplomacy\n\n"
        "TOKYO, Aug. 20 (Kyodo) - Prime Minister Shigeru Ishiba said on Wednesday he would "
        "keep up shuttle diplomacy with South Korea.\n"
        "“Japan and South Korea are important neighbors,” Ishiba told reporters.\n"
        "“We need to work together more than ever.”\n"
    )
    facts = run(text, AUG20)
    q = quote(facts, "more than ever")
    assert q.text == "We need to work together more than ever"
    assert (q.kind, speaker(facts, q), q.speaker_mention) == ("continuation", "Shigeru Ishiba", None)


# -------------------------------------------------------------- more dates


def test_yesterday_today_tomorrow_shift_the_article_date():
    text = (
        "Japanese delegation in Seoul for talks\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- A Japanese delegation arrived in Seoul yesterday and began "
        "talks with South Korean officials today, the foreign ministry said.\n"
        "The talks will end tomorrow.\n"
    )
    facts = run(text, AUG20)
    got = [(e.evidence, e.value.iso(), e.value.granularity) for e in facts.events if e.kind != "dateline"]
    assert got == [
        ("yesterday", "2025-08-19", "day"),
        ("today", "2025-08-20", "day"),
        ("tomorrow", "2025-08-21", "day"),
    ]


def test_last_weekday_is_strictly_before_and_next_weekday_strictly_after():
    text = (
        "S. Korea, Japan to hold second round of talks\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- South Korea and Japan, which held a first round of talks "
        "last Wednesday, will meet again next Tuesday, the foreign ministry said.\n"
    )
    facts = run(text, AUG20)
    assert event(facts, "last Wednesday").value.iso() == "2025-08-13"
    assert event(facts, "next Tuesday").value.iso() == "2025-08-26"


def test_relative_months_and_month_without_year_have_month_granularity():
    text = (
        "S. Korea, Japan to hold economic talks\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- South Korea and Japan, whose finance ministers last met in "
        "July, will hold high-level economic talks next month, the finance ministry said.\n"
        "The two sides agreed on the talks last month.\n"
    )
    facts = run(text, AUG20)
    got = {e.evidence: (e.value.iso(), e.value.granularity) for e in facts.events if e.kind != "dateline"}
    assert got == {
        "in July": ("2025-07", "month"),
        "next month": ("2025-09", "month"),
        "last month": ("2025-07", "month"),
    }


def test_full_date_with_year_is_not_inferred():
    text = (
        "Seoul, Tokyo mark anniversary of joint declaration\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- The Korea-Japan joint declaration was signed on Oct. 8, "
        "1998, by President Kim Dae-jung and Prime Minister Keizo Obuchi.\n"
    )
    facts = run(text, AUG20)
    ev = event(facts, "1998")
    assert (ev.value.iso(), ev.value.granularity, ev.inferred) == ("1998-10-08", "day", False)
    assert "Oct. 8, 1998" in ev.evidence


def test_decade_is_a_year_range():
    text = (
        "Korean pop culture's rise in Japan\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- Japan lifted its ban on Korean pop culture products in the "
        "1990s, scholars noted at a forum on Wednesday.\n"
    )
    facts = run(text, AUG20)
    ev = event(facts, "1990s")
    assert (ev.value.iso(), ev.value.granularity) == ("1990/1999", "range")


def test_earlier_this_year_is_a_range_to_the_day_before():
    text = (
        "Japanese tourists to Korea rise\n\n"
        "SEOUL, Aug. 20 (Yonhap) -- The number of Japanese tourists visiting South Korea rose "
        "sharply earlier this year, data showed on Wednesday.\n"
    )
    facts = run(text, AUG20)
    ev = event(facts, "earlier this year")
    assert (ev.value.iso(), ev.value.granularity) == ("2025-01-01/2025-08-19", "range")
