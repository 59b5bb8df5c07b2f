"""Dated expressions a reader resolves, and articles dated without a catalog: one test per
phenomenon (issue 9). Each article is invented; AUG20 (a Wednesday) dates those that need a
catalog date, and "today" is pinned to 2026-11-22 by conftest.py."""

from __future__ import annotations

import pytest
from test_extraction_rules import AUG20, event, run

HEAD = "Title line of the article\n\nSEOUL, Aug. 20 (Yonhap) -- "


def value_of(sentence: str, phrase: str, entry=AUG20) -> str:
    return event(run(HEAD + sentence, entry), phrase).value.iso()


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        # bare weekdays: past tense points back, the article's own day stays the day
        ("The ministry said Wednesday the talks went well.", "Wednesday", "2025-08-20"),
        ("The two sides held bilateral talks Tuesday in Seoul.", "Tuesday", "2025-08-19"),
        ("Officials briefed reporters after Friday's meeting.", "Friday", "2025-08-15"),
        ("The envoys will meet on Friday in Tokyo.", "on Friday", "2025-08-22"),
        ("Officials had filed their reports by Monday, the ministry said.", "by Monday", "2025-08-18"),
        # relative units
        ("Trade grew last year and will grow next year.", "last year", "2024"),
        ("Exports fell this month.", "this month", "2025-08"),
        ("Lee took office two months ago.", "two months ago", "2025-06"),
        ("The treaty was signed four years ago.", "four years ago", "2021"),
        ("The forum was founded a decade ago.", "a decade ago", "2015"),
        ("Earlier in the day, Lee met Ishiba.", "Earlier in the day", "2025-08-20"),
        ("The envoy had arrived the previous day.", "the previous day", "2025-08-19"),
        ("The talks resume early next month.", "early next month", "2025-09-01/2025-09-10"),
        ("The plan was agreed late last month.", "late last month", "2025-07-21/2025-07-31"),
        ("Tourists flocked to Seoul last summer.", "last summer", "2024-06/2024-08"),
        ("The leaders will meet again this autumn.", "this autumn", "2025-09/2025-11"),
        ("A deal is due by the end of the year.", "the end of the year", "2025"),
        ("Talks may close by the end of this month.", "end of this month", "2025-08"),
        ("The budget for this fiscal year was cut.", "this fiscal year", "2025"),
        # quarters, anchored expressions, known events, centuries
        ("Exports rose in the third quarter.", "third quarter", "2025-07/2025-09"),
        ("Korea marks 80 years after the end of World War II.", "80 years after", "2025"),
        ("They met for the first time in 17 years.", "first time in 17 years", "2008/2025"),
        ("Lee visited Tokyo during the two-day APEC summit.", "APEC summit", "2025-10-31/2025-11-01"),
        ("Both countries changed deeply in the 20th century.", "the 20th century", "1900/1999"),
        ("Ties soured in the nineties.", "the nineties", "1990/1999"),
        # ranges and lists
        ("The forum runs from August 23-24 in Busan.", "August 23-24", "2025-08-23/2025-08-24"),
        ("The summit is set for Oct. 31-Nov. 1.", "Oct. 31-Nov. 1", "2025-10-31/2025-11-01"),
        ("Workers were mobilised between 1940 and 1945.", "between 1940 and 1945", "1940/1945"),
    ],
)
def test_dated_expression(sentence, phrase, expected):
    assert value_of(sentence, phrase) == expected


def test_two_years_joined_by_and_are_two_facts():
    facts = run(HEAD + "The team won the title in 2009 and 2010.", AUG20)
    assert [e.value.iso() for e in facts.events if e.kind == "year"] == ["2009", "2010"]


def test_the_20th_century_is_not_the_20th_of_the_month():
    facts = run(HEAD + "Japan ruled Korea for much of the 20th century.", AUG20)
    assert not [e for e in facts.events if e.value.iso() == "2025-08-20" and "20th" in e.evidence]


def test_two_weeks_after_taking_office_counts_from_the_term():
    text = HEAD + "President Lee Jae-myung called Ishiba two weeks after taking office."
    assert event(run(text, AUG20), "after taking office").value.iso() == "2025-06-18"


def test_a_time_of_day_pins_the_day_of_the_story():
    text = HEAD + "Lee and Ishiba met on Tuesday. Their talks ended at around 5 p.m."
    assert event(run(text, AUG20), "5 p.m.").value.iso() == "2025-08-19"


def test_now_is_the_article_day():
    facts = run(HEAD + "Relations are now at their best in decades.", AUG20)
    assert [(e.kind, e.value.iso()) for e in facts.events if e.evidence == "now"] == [
        ("present", "2025-08-20")
    ]


def test_the_quarter_is_the_one_just_named():
    text = HEAD + "Profit fell in the second quarter. Sales in the quarter rose, and a year ago they fell."
    facts = run(text, AUG20)
    assert event(facts, "the quarter").value.iso() == "2025-04/2025-06"
    assert event(facts, "a year ago").value.iso() == "2024-04/2024-06"


# ------------------------------------------------------------ dating an article


@pytest.mark.parametrize(
    ("page_line", "expected"),
    [
        ("Updated: September 30, 2025 13:10 IST", "2025-09-30"),
        ("[June 23, 2025]", "2025-06-23"),
        ("2025-06-04 14:03 KST", "2025-06-04"),
        ("Published 04 Jun 2025", "2025-06-04"),
    ],
)
def test_page_date_lines_date_an_article_without_a_dateline(page_line, expected):
    text = f"Korea, Japan agree to expand exchanges\n\n{page_line}\n\nThe two sides met in Seoul.\n"
    facts = run(text)
    assert (facts.date.iso(), facts.date_basis) == (expected, "page")
    assert any(page_line[:12] in e for e in facts.year_evidence), facts.year_evidence


def test_a_caption_date_and_a_weekday_date_an_undated_page():
    text = (
        "Leaders pledge closer ties\n\n"
        "Lee and Ishiba shake hands in Tokyo, August 23, 2025.\n\n"
        "The two leaders said on Tuesday that ties were at their best in years.\n"
    )
    facts = run(text)
    # the latest date given is Saturday Aug 23; the lead's "Tuesday" after it is Aug 26
    assert (facts.date.iso(), facts.date_basis) == ("2025-08-26", "content")
    assert any("August 23, 2025" in e for e in facts.year_evidence)
    assert any("dated 2025-08-26 from the dates in the text" in w for w in facts.warnings)


def test_an_undated_page_says_why():
    facts = run("Leaders pledge closer ties\n\nThe two leaders met again.\n")
    assert facts.date is None and facts.date_basis is None
    assert any("undated" in w for w in facts.warnings)


def test_a_president_in_office_since_last_year_fits_two_years():
    text = (
        "Kishida seeks summit\n\n"
        "TOKYO, Jan. 18 (Kyodo) - Prime Minister Fumio Kishida said he hopes to hold a summit soon.\n"
    )
    facts = run(text)
    assert facts.date_basis == "inferred"
    assert any("as well as" in w for w in facts.warnings), facts.warnings
