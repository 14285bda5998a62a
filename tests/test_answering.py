"""Choosing and composing the answer, exactly, from hand-made search results: the calibrated
decision (answer, closest sentences, abstain), numbers the question names, differing sources
(newest first), unsupported premises, two-part questions, and sentences that can only be
quoted in another language."""

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
LIMITS = Limits(answer=0.8, closest=0.3, also=0.6, max_citations=3)


def unit(sid: str, text: str, language: str = "en", doc: DocumentInfo = DOC) -> Unit:
    number = int(sid.rsplit("#s", 1)[1])
    return Unit(sid, sid, number, text, language, False, text, "h", doc)


def hit(sid: str, text: str, probability: float, language: str = "en", **more: object) -> Hit:
    doc = more.pop("doc", DOC)
    original = unit(sid, text, language, doc)  # type: ignore[arg-type]
    return Hit(sid, 0.85, probability, original, probability=probability)


def part(
    question: str, *hits: Hit, sure: float = 0.9, premise: tuple[str, ...] = (), leans: bool = False
) -> Part:
    """A search for ``question`` that found ``hits`` and is ``sure`` its best one answers."""
    retrieval = Retrieval(hits=hits, embed_ms=0.0, search_ms=0.0, answers=sure)
    return Part(question, question_type(question), retrieval, premise, leans)


VOLUNTEERS = "A total of 2,500 volunteers will work at WUF13 in Baku."


def test_a_sure_best_sentence_answers() -> None:
    answer = compose([part("How many volunteers will work?", hit("notes#s3", VOLUNTEERS, 0.9))],
                     "en", LIMITS)  # fmt: skip
    assert not answer.abstained and "**2,500**" in answer.text
    assert [c.sentence_id for c in answer.citations] == ["notes#s3"] and not answer.closest


def test_short_of_sure_the_closest_sentences_are_given_as_not_an_answer() -> None:
    hits = [hit(f"notes#s{i}", f"Sentence {i} about WUF13 volunteers.", 0.4) for i in (1, 2, 3, 4)]
    answer = compose([part("How do volunteers get to the stadium?", *hits, sure=0.5)], "en",
                     LIMITS)  # fmt: skip
    assert answer.abstained and not answer.citations
    assert [c.sentence_id for c in answer.closest] == ["notes#s1", "notes#s2", "notes#s3"]
    assert answer.text.startswith("My sources don't answer this directly.")
    assert "(not an answer)" in answer.text and "[3]" in answer.text


def test_below_the_closest_threshold_it_abstains() -> None:
    answer = compose([part("Where do I park?", hit("notes#s1", VOLUNTEERS, 0.1), sure=0.2)],
                     "en", LIMITS)  # fmt: skip
    assert answer.abstained and not answer.citations and not answer.closest
    assert answer.text.startswith("My sources don't say.")


def test_the_thresholds_are_applied_exactly() -> None:
    one = [hit("notes#s3", VOLUNTEERS, 0.9)]
    at = compose([part("How many volunteers?", *one, sure=0.8)], "en", LIMITS)
    below = compose([part("How many volunteers?", *one, sure=0.7999)], "en", LIMITS)
    closest = compose([part("How many volunteers?", *one, sure=0.3)], "en", LIMITS)
    assert not at.abstained and below.closest and closest.closest
    assert not compose([part("How many volunteers?", *one, sure=0.2999)], "en", LIMITS).closest


def test_a_number_the_question_names_must_be_in_the_answer() -> None:
    """ "pavilion 12": the best sentence does not say 12, so it is not the answer."""
    best = hit("notes#s1", "Pavilion 3 hosts the Urban Expo.", 0.9)
    answer = compose([part("What is in pavilion 12?", best, sure=0.95)], "en", LIMITS)
    assert answer.abstained and not answer.citations


def test_a_question_that_names_nothing_without_a_conversation_is_not_answered() -> None:
    answer = compose([part("And where?", hit("notes#s3", VOLUNTEERS, 0.9), sure=0.95)], "en",
                     LIMITS)  # fmt: skip
    assert answer.abstained
    leaning = part("And where?", hit("notes#s3", VOLUNTEERS, 0.9), sure=0.95, leans=True)
    assert not compose([leaning], "en", LIMITS).abstained


def test_differing_numbers_are_all_shown_newest_report_first_and_flagged() -> None:
    soave = hit("notes#s1", "More than 20,000 participants are expected at WUF13.", 0.9)
    older = hit("brief#s1", "At least 25 thousand participants are expected.", 0.7, doc=SUMMARY)
    newer_doc = DocumentInfo("late", "Late", "knowledge/late.md", "2026-03-13", "Day.Az")
    newer = hit("late#s2", "Some 30 thousand people will take part in WUF13.", 0.65, doc=newer_doc)
    answer = compose([part("How many participants are expected at WUF13?", soave, older, newer)],
                     "en", LIMITS)  # fmt: skip
    assert answer.sources_differ and answer.text.startswith("The sources differ on this:")
    assert [c.sentence_id for c in answer.citations] == ["late#s2", "notes#s1", "brief#s1"]
    assert "**20,000**" in answer.text and "**25 thousand**" in answer.text
    assert "[1] (Day.Az, 2026-03-13)" in answer.text and "[3] (Report, 2025-12-26)" in answer.text
    assert [c.kind for c in answer.citations] == ["article", "article", "summary"]


def test_a_sentence_below_the_also_threshold_is_not_quoted_beside_the_best() -> None:
    soave = hit("notes#s1", "More than 20,000 participants are expected at WUF13.", 0.9)
    weak = hit("brief#s1", "At least 25 thousand participants are expected.", 0.59, doc=SUMMARY)
    answer = compose([part("How many participants are expected?", soave, weak)], "en", LIMITS)
    assert not answer.sources_differ and [c.sentence_id for c in answer.citations] == ["notes#s1"]


def test_the_same_dates_written_two_ways_do_not_differ() -> None:
    """ "17-22 May" and "from 17 to 22 May 2026" are one answer; "21 July" is another."""
    short = hit("notes#s1", "WUF13 will be held in Baku on 17-22 May.", 0.9)
    long = hit("brief#s1", "WUF13 will be held in Baku from 17 to 22 May 2026.", 0.8, doc=SUMMARY)
    answer = compose([part("When is WUF13 held?", short, long)], "en", LIMITS)
    assert not answer.sources_differ and answer.text.startswith("WUF13 will be held")
    moved = hit("brief#s1", "WUF13 will be held in Baku on 21 July.", 0.8, doc=SUMMARY)
    assert compose([part("When is WUF13 held?", short, moved)], "en", LIMITS).sources_differ


def test_a_vague_date_does_not_hide_a_conflict_between_precise_ones() -> None:
    vague = hit("notes#s1", "WUF13 will be held in Baku in May 2026.", 0.9)
    first = hit("notes#s2", "WUF13 will be held in Baku on 17-22 May.", 0.85)
    second = hit("brief#s1", "WUF13 will be held in Baku from 18 to 22 May 2026.", 0.8,
                 doc=SUMMARY)  # fmt: skip
    answer = compose([part("When is WUF13 held?", vague, first, second)], "en", LIMITS)
    assert answer.sources_differ and "**18 to 22 May 2026**" in answer.text


def test_differing_quoted_titles_are_both_shown() -> None:
    one = hit("notes#s1", 'The theme is "Housing the world: safe and resilient cities".', 0.9)
    other = hit("brief#s2", 'WUF13 is held under the theme "Housing for All: sustainable '
                'settlements".', 0.8, doc=SUMMARY)  # fmt: skip
    same = hit("brief#s3", 'Its theme, "Housing the world: safe and resilient cities", was '
               "chosen in 2025.", 0.8, doc=SUMMARY)  # fmt: skip
    assert compose([part("What is the theme of WUF13?", one, other)], "en", LIMITS).sources_differ
    assert not compose([part("What is the theme of WUF13?", one, same)], "en",
                       LIMITS).sources_differ  # fmt: skip


def test_an_unsupported_premise_gets_the_sourced_fact_and_a_note() -> None:
    fact = hit("notes#s2", "WUF13 will be held in Baku on 17-22 May 2026.", 0.9)
    answer = compose([part("Why was WUF13 moved to?", fact, premise=("Tashkent",))], "en", LIMITS)
    assert answer.premise_unsupported and not answer.abstained
    assert "do not support" in answer.note and "Tashkent" in answer.note
    assert "Baku" in answer.text


def test_each_part_of_a_two_part_question_is_answered_or_said_unknown() -> None:
    when = hit("notes#s2", "WUF13 will be held in Baku on 17-22 May 2026.", 0.9)
    answer = compose(
        [part("When is WUF13", when), part("how much is a ticket", when, sure=0.1)], "en", LIMITS
    )
    assert "**17-22 May 2026**" in answer.text
    assert "My sources don't say: how much is a ticket" in answer.text
    assert len(answer.citations) == 1


def test_one_sentence_answering_two_parts_is_quoted_once_with_both_answers() -> None:
    both = hit("notes#s2", "WUF13 will be held in Baku on 17-22 May 2026.", 0.9)
    answer = compose([part("When is WUF13", both), part("where is WUF13", both)], "en", LIMITS)
    assert answer.text.count("[1]") == 1
    assert "**Baku**" in answer.text and "**17-22 May 2026**" in answer.text


def test_a_part_not_sure_on_its_own_is_answered_by_the_other_parts_sentence() -> None:
    both = hit("notes#s2", "WUF13 will be held in Baku on 17-22 May 2026.", 0.9)
    other = hit("notes#s7", "The forum's pavilions are open daily.", 0.2)
    answer = compose(
        [part("When is WUF13", both), part("where is WUF13", other, sure=0.2)], "en", LIMITS
    )
    assert answer.text.count("[1]") == 1 and "My sources don't say" not in answer.text
    assert "**Baku**" in answer.text and "**17-22 May 2026**" in answer.text
    price = compose(
        [part("When is WUF13", both), part("how many pavilions", other, sure=0.2)], "en", LIMITS
    )
    assert "My sources don't say: how many pavilions" in price.text  # no number: not covered


def test_a_sentence_only_in_another_language_is_quoted_and_said_so() -> None:
    russian = hit(
        "notes#s5", "Для участия в WUF13 зарегистрировались более 13 000 человек.", 0.9, "ru"
    )
    answer = compose([part("How many people registered for WUF13?", russian)], "en", LIMITS)
    assert answer.citations[0].shown_language == "ru"
    assert "original language (Russian)" in answer.note
