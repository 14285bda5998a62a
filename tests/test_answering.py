"""Choosing and composing the answer, exactly, from hand-made search results: titles, the
kind of answer asked for, differing sources, unsupported premises, two-part questions, and
sentences that can only be quoted in another language."""

from __future__ import annotations

from assistant.answering.extractive import compose
from assistant.answering.selection import Limits, Part
from assistant.search.retriever import Retrieval
from assistant.text.answer_types import question_type
from assistant.values import DocumentInfo, Hit, Unit

DOC = DocumentInfo("notes", "Volunteers at WUF13", "knowledge/notes.md", "2026-02-13", "Report")
SUMMARY = DocumentInfo(
    "brief", "Attendance", "knowledge/brief.md", "2025-12-26", "Report", "summary"
)
LIMITS = Limits(
    min_score=0.8, max_uncovered=0.5, min_coverage=0.34, second_margin=0.015,
    conflict_margin=0.05, max_citations=3,
)  # fmt: skip


def unit(sid: str, text: str, language: str = "en", doc: DocumentInfo = DOC) -> Unit:
    number = int(sid.rsplit("#s", 1)[1])
    return Unit(sid, sid, number, text, language, False, text, "h", doc)


def hit(sid: str, text: str, score: float, language: str = "en", **more: object) -> Hit:
    doc = more.pop("doc", DOC)
    return Hit(sid, score, score, unit(sid, text, language, doc), **more)  # type: ignore[arg-type]


def part(question: str, *hits: Hit, premise: tuple[str, ...] = ()) -> Part:
    retrieval = Retrieval(hits=hits, embed_ms=0.0, search_ms=0.0)
    return Part(question, question_type(question), retrieval, premise)


def test_a_title_is_not_quoted_while_a_body_sentence_answers() -> None:
    title = hit("notes#s0", "2,500 volunteers to work at WUF13", 0.92)
    body = hit("notes#s3", "A total of 2,500 volunteers will work at WUF13 in Baku.", 0.86)
    answer = compose([part("How many volunteers will work at WUF13?", title, body)], "en", LIMITS)
    assert [c.sentence_id for c in answer.citations] == ["notes#s3"]
    assert "**2,500**" in answer.text


def test_a_title_answers_when_no_body_sentence_does() -> None:
    title = hit("notes#s0", "2,500 volunteers to work at WUF13", 0.92)
    other = hit("notes#s2", "Training starts in February.", 0.85)
    answer = compose([part("How many volunteers will work at WUF13?", title, other)], "en", LIMITS)
    assert [c.sentence_id for c in answer.citations] == ["notes#s0"]


def test_the_kind_of_answer_asked_for_is_required() -> None:
    no_number = hit("notes#s1", "Volunteers will work at WUF13 in many teams.", 0.9)
    answer = compose([part("How many volunteers will work at WUF13?", no_number)], "en", LIMITS)
    assert answer.abstained and not answer.citations


def test_a_number_about_something_else_does_not_answer() -> None:
    """ "How many mayors": a sentence counting participants does not say."""
    participants = hit("notes#s4", "More than 20,000 participants are expected at WUF13.", 0.9)
    answer = compose([part("How many mayors are expected at WUF13?", participants)], "en", LIMITS)
    assert answer.abstained


def test_differing_numbers_are_all_shown_and_flagged() -> None:
    soave = hit("notes#s1", "More than 20,000 participants are expected at WUF13.", 0.88)
    rossbach = hit(
        "brief#s1", "At least 25 thousand participants are expected at WUF13.", 0.87, doc=SUMMARY
    )
    answer = compose(
        [part("How many participants are expected at WUF13?", soave, rossbach)], "en", LIMITS
    )
    assert answer.sources_differ and answer.text.startswith("The sources differ on this:")
    assert "**20,000**" in answer.text and "**25 thousand**" in answer.text
    assert [c.kind for c in answer.citations] == ["article", "summary"]


def test_the_same_dates_written_two_ways_do_not_differ() -> None:
    """ "17-22 May" and "from 17 to 22 May 2026" are one answer; "21 July" is another."""
    short = hit("notes#s1", "WUF13 will be held in Baku on 17-22 May.", 0.88)
    long = hit("brief#s1", "WUF13 will be held in Baku from 17 to 22 May 2026.", 0.87, doc=SUMMARY)
    answer = compose([part("When is WUF13 held?", short, long)], "en", LIMITS)
    assert not answer.sources_differ and answer.text.startswith("WUF13 will be held")
    moved = hit("brief#s1", "WUF13 will be held in Baku on 21 July.", 0.87, doc=SUMMARY)
    answer = compose([part("When is WUF13 held?", short, moved)], "en", LIMITS)
    assert answer.sources_differ


def test_a_vague_date_does_not_hide_a_conflict_between_precise_ones() -> None:
    """ "May 2026" agrees with both "17-22 May" and "18 to 22 May": those two still differ,
    and both are quoted."""
    vague = hit("notes#s1", "WUF13 will be held in Baku in May 2026.", 0.88)
    first = hit("notes#s2", "WUF13 will be held in Baku on 17-22 May.", 0.875)
    second = hit(
        "brief#s1", "WUF13 will be held in Baku from 18 to 22 May 2026.", 0.87, doc=SUMMARY
    )
    answer = compose([part("When is WUF13 held?", vague, first, second)], "en", LIMITS)
    assert answer.sources_differ
    assert [c.sentence_id for c in answer.citations] == ["notes#s1", "notes#s2", "brief#s1"]
    assert "**18 to 22 May 2026**" in answer.text


def test_a_vague_date_is_answered_with_the_days_a_source_gives() -> None:
    vague = hit("notes#s1", "WUF13 will be held in Baku in May 2026.", 0.88)
    days = hit("brief#s1", "WUF13 will be held in Baku on 17-22 May.", 0.86, doc=SUMMARY)
    answer = compose([part("When is WUF13 held?", vague, days)], "en", LIMITS)
    assert not answer.sources_differ
    assert [c.sentence_id for c in answer.citations] == ["notes#s1", "brief#s1"]


def test_an_unsupported_premise_gets_the_sourced_fact_and_a_note() -> None:
    fact = hit("notes#s2", "WUF13 will be held in Baku on 17-22 May 2026.", 0.9)
    answer = compose([part("Why was WUF13 moved to?", fact, premise=("Tashkent",))], "en", LIMITS)
    assert answer.premise_unsupported and not answer.abstained
    assert "do not support" in answer.note and "Tashkent" in answer.note
    assert "Baku" in answer.text


def test_each_part_of_a_two_part_question_is_answered_or_said_unknown() -> None:
    when = hit("notes#s2", "WUF13 will be held in Baku on 17-22 May 2026.", 0.9)
    answer = compose(
        [part("When is WUF13", when), part("how much is a ticket", when)], "en", LIMITS
    )
    assert "**17-22 May 2026**" in answer.text
    assert "My sources don't say: how much is a ticket" in answer.text
    assert len(answer.citations) == 1


def test_one_sentence_answering_two_parts_is_quoted_once_with_both_answers() -> None:
    both = hit("notes#s2", "WUF13 will be held in Baku on 17-22 May 2026.", 0.9)
    answer = compose([part("When is WUF13", both), part("where is WUF13", both)], "en", LIMITS)
    assert answer.text.count("[1]") == 1
    assert "**Baku**" in answer.text and "**17-22 May 2026**" in answer.text


def test_a_sentence_only_in_another_language_is_quoted_and_said_so() -> None:
    russian = hit(
        "notes#s5", "Для участия в WUF13 зарегистрировались более 13 000 человек.", 0.86, "ru"
    )
    answer = compose([part("How many people registered for WUF13?", russian)], "en", LIMITS)
    assert answer.citations[0].shown_language == "ru"
    assert "original language (Russian)" in answer.note
