"""Reported speech, speakers across an article, and interviews: one test per phenomenon.

Each article is invented and short; each test names the category of real copy it stands
for (the categories come from the misses measured on real annotated news, issue 8).
"""

from __future__ import annotations

from test_extraction_rules import AUG20, iso, run, speaker

from korjp.model import ArticleFacts, Quote

HEAD = "Title line of the article\n\nSEOUL, Aug. 20 (Yonhap) -- "


def only(facts: ArticleFacts, fragment: str, kind: str | None = None) -> Quote:
    found = [q for q in facts.quotes if fragment in q.text and (kind is None or q.kind == kind)]
    assert len(found) == 1, (fragment, [(q.kind, q.text) for q in facts.quotes])
    return found[0]


def none_of(facts: ArticleFacts, fragment: str) -> None:
    assert not [q for q in facts.quotes if fragment in q.text], [(q.kind, q.text) for q in facts.quotes]


# ------------------------------------------------------------ reported clauses without "that"


def test_said_with_a_clause_and_no_that():
    facts = run(HEAD + "Foreign Minister Cho Hyun said he would meet his counterpart next week.", AUG20)
    q = only(facts, "he would meet")
    assert (q.kind, q.text, speaker(facts, q)) == (
        "indirect",
        "he would meet his counterpart next week",
        "Cho Hyun",
    )


def test_told_reporters_then_a_clause():
    facts = run(
        HEAD + "Prime Minister Shigeru Ishiba told reporters Japan and South Korea should work as partners."
    )
    q = only(facts, "should work")
    assert q.text == "Japan and South Korea should work as partners"
    assert speaker(facts, q) == "Shigeru Ishiba"


def test_clause_opening_with_a_plural_noun_phrase():
    facts = run(HEAD + "Park Jin met the envoy on Monday. Park said the two countries complement each other.")
    assert only(facts, "complement").text == "the two countries complement each other"


def test_inverted_subject_is_not_a_clause():
    facts = run(
        HEAD + '"We will respond firmly," said the ministry. Talks resume in March, said the ministry.'
    )
    none_of(facts, "the ministry")
    assert only(facts, "Talks resume").text == "Talks resume in March"


def test_clause_is_found_by_its_shape_not_its_first_word():
    facts = run(HEAD + "The minister said goodbye to the delegation. Officials said nothing about the talks.")
    none_of(facts, "goodbye")
    none_of(facts, "nothing")


# ------------------------------------------------------------ post-posed attributions


def test_attribution_after_the_clause():
    facts = run(HEAD + "Exports fell 3 percent in May, the trade ministry said on Monday.")
    q = only(facts, "Exports fell")
    assert (q.text, speaker(facts, q)) == ("Exports fell 3 percent in May", "trade ministry")


def test_circumstance_before_the_attribution_is_not_what_was_said():
    facts = run(
        HEAD + "Asked whether ties could sour again, Foreign Minister Cho Hyun said the answer was no."
    )
    none_of(facts, "Asked whether")
    assert only(facts, "the answer").text == "the answer was no"


# ------------------------------------------------------------ saying / adding, according to


def test_saying_continues_the_subject_of_a_non_speech_verb():
    facts = run(HEAD + "The foreign ministry issued a statement, saying it would respond sternly.")
    q = only(facts, "respond sternly")
    assert (q.kind, speaker(facts, q), q.verb) == ("indirect", "foreign ministry", "saying")


def test_adding_without_that_is_a_second_clause():
    facts = run(HEAD + "Cho Hyun said the talks went well, adding the plan was final.")
    assert only(facts, "talks went").text == "the talks went well"
    assert speaker(facts, only(facts, "plan was final")) == "Cho Hyun"


def test_according_to_at_the_start_without_a_comma():
    facts = run(HEAD + "According to the Korea Coast Guard over 300 passengers were rescued.")
    q = only(facts, "passengers")
    assert (q.text, q.verb) == ("over 300 passengers were rescued", "according to")


def test_according_to_after_the_clause():
    facts = run(HEAD + "The talks will resume in March, according to the foreign ministry.")
    q = only(facts, "talks will resume")
    assert (q.text, speaker(facts, q)) == ("The talks will resume in March", "foreign ministry")


def test_according_to_inside_a_relative_clause_is_no_report():
    facts = run(HEAD + "Seoul kept a policy which, according to AFP, the United Nations has criticised.")
    none_of(facts, "Seoul kept")


# ------------------------------------------------------------ speech inside speech


def test_inner_speaker_owns_the_inner_clause():
    facts = run(
        HEAD + "Tanaka Hiro said he wants dialogue, pointing out that Park Jin said during the campaign "
        "he views Japan as a partner."
    )
    assert speaker(facts, only(facts, "he wants dialogue")) == "Tanaka Hiro"
    inner = [q for q in facts.quotes if q.text == "he views Japan as a partner"]
    assert [speaker(facts, q) for q in inner] == ["Park Jin"]


def test_report_of_a_report_keeps_the_first_speaker():
    facts = run(HEAD + "President Lee Jae-myung said Monday the two sides must cooperate, his office said.")
    q = only(facts, "must cooperate")
    assert speaker(facts, q) == "Lee Jae-myung"


# ------------------------------------------------------------ who is speaking


def test_metonym_names_the_body():
    facts = run(
        HEAD + "Seoul said the move was regrettable. The presidential office said a summit was planned."
    )
    assert speaker(facts, only(facts, "regrettable")) == "South Korean government"
    assert speaker(facts, only(facts, "summit was planned")) == "Office of the President of South Korea"


def test_the_ministry_is_the_ministry_named_before():
    facts = run(
        HEAD + "Japan's Foreign Ministry lodged a protest on Tuesday.\n\n"
        "The ministry said the islands are Japanese territory."
    )
    assert speaker(facts, only(facts, "islands")) == "Japanese Foreign Ministry"


def test_joint_speaker_stays_joint():
    facts = run(HEAD + "Both sides said the talks were useful.")
    q = only(facts, "talks were useful")
    assert speaker(facts, q).lower() == "both sides"
    assert facts.people[q.speaker].group


def test_surname_after_a_full_name_with_title():
    facts = run(
        HEAD + "National Security Adviser Wi Sung-lac met U.S. officials.\n\nWi said the alliance is strong."
    )
    assert speaker(facts, only(facts, "alliance")) == "Wi Sung-lac"


def test_document_speaks_for_its_issuer():
    facts = run(HEAD + 'The Diplomatic Bluebook says Dokdo "is an inherent part of Japan\'s territory."')
    q = only(facts, "Dokdo", "indirect")
    assert speaker(facts, q) == "Diplomatic Bluebook"


def test_a_name_that_is_also_a_place():
    facts = run(
        HEAD + "Valeska Paris, an Australian woman, has claimed that she was held on a ship.\n\n"
        "Paris also claims that her passport was taken."
    )
    assert speaker(facts, only(facts, "held on a ship")) == "Valeska Paris"
    assert speaker(facts, only(facts, "passport")) == "Valeska Paris"


def test_capitalised_name_before_the_verb_is_the_subject():
    facts = run(
        HEAD + "With the browser almost complete, Microsoft announced on Friday that users should upgrade."
    )
    assert speaker(facts, only(facts, "users should")) == "Microsoft"


def test_a_possessive_noun_is_not_a_speech_verb():
    facts = run(HEAD + "His comments came after a meeting, highlighting that Japan is a vital partner.")
    none_of(facts, "vital partner")


# ------------------------------------------------------------ interviews and transcripts


INTERVIEW = (
    "An interview with the owners\n\n"
    "Sunday, October 21, 2007\n\n"
    "Reporter: What does the business cost?\n\n"
    "Bill Harlan: It varies. Rent is the biggest cost.\n\n"
    "We also spend on advertising, mostly on the web.\n\n"
    "The costs\n\n"
    "Reporter: Where do you advertise?\n\n"
    "Bill Harlan: A lot on the web. I think we will grow next year.\n\n"
    "Ed.: Figures are from 2007.\n\n"
)


def test_interview_turns_are_the_speakers_words():
    facts = run(INTERVIEW)
    q = only(facts, "Rent is the biggest")
    assert (q.kind, speaker(facts, q), q.text) == (
        "direct",
        "Bill Harlan",
        "It varies. Rent is the biggest cost.",
    )


def test_an_answer_paragraph_without_a_label_continues_the_turn():
    facts = run(INTERVIEW)
    assert speaker(facts, only(facts, "spend on advertising")) == "Bill Harlan"


def test_section_headings_and_editors_notes_are_not_turns():
    facts = run(INTERVIEW)
    none_of(facts, "The costs")
    none_of(facts, "Figures are from")


def test_questions_belong_to_the_interviewer():
    facts = run(INTERVIEW)
    assert speaker(facts, only(facts, "Where do you advertise")) == "Reporter"


def test_one_label_is_no_transcript():
    facts = run(HEAD + "Note: the figures are provisional.\n\nThe ministry said exports rose.")
    none_of(facts, "figures are provisional")


def test_said_on_of_a_reported_clause_is_the_day_of_saying():
    facts = run(HEAD + "Cho Hyun said on Monday he would visit Tokyo.", AUG20)
    assert iso(only(facts, "visit Tokyo").said_on) == "2025-08-18"


def test_a_two_word_speech_verb_reports_its_clause_once():
    facts = run(
        HEAD + "Lee Jin said the talks went well, expressing hope that Japan would confront its past."
    )
    assert [q.verb for q in facts.quotes if "confront" in q.text] == ["expressing hope"]


def test_a_long_subject_is_named_by_its_head_noun():
    facts = run(
        HEAD + 'Civic groups representing victims of forced labour said in a statement that the speech "fell '
        'short," adding that Japan had yet to apologise.'
    )
    assert speaker(facts, only(facts, "yet to apologise")).lower() == "civic groups"
