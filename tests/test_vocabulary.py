"""Coverage: which words of a question the sources never use, with typos forgiven."""

from assistant.search.vocabulary import Vocabulary


def test_coverage_finds_words_the_sources_never_use() -> None:
    vocabulary = Vocabulary(
        ["Bakıda 17-22 may tarixlərində keçiriləcək forum (WUF13).", "Held in Baku."]
    )
    assert vocabulary.uncovered("How much does a ticket to WUF13 cost?") == ["ticket", "cost"]
    assert vocabulary.uncovered("wen is the wuf 13 forum in bakuu?") == ["wen"]  # typos
    assert vocabulary.uncovered("WUF13 bakida ne vaxt?") == []  # letters folded, stems
    assert vocabulary.uncovered("Where was WUF12 held?") == ["wuf12"]
    assert vocabulary.uncovered("What are the dates and the location?") == []  # answer types


def test_coverage_forgives_one_typo_in_long_words_only() -> None:
    vocabulary = Vocabulary(["Forum in Kyzylorda, 2025. Şəhərsalma forumu."])
    assert vocabulary.uncovered("kyzlorda") == []  # a letter missing
    assert vocabulary.uncovered("kyzyylorda") == []  # a letter too many
    assert vocabulary.uncovered("kyzylarda") == []  # a letter changed
    assert vocabulary.uncovered("sehersalma") == []  # Azerbaijani letters typed plainly
    assert vocabulary.uncovered("kyzilarda") == ["kyzilarda"]  # two letters changed
    assert vocabulary.uncovered("forun") == []  # a letter changed in a short word
    assert vocabulary.uncovered("2026 ferrum") == ["2026", "ferrum"]  # numbers are exact


def test_an_edited_vocabulary_is_that_of_the_edited_texts() -> None:
    texts = ["WUF13 will be held in Baku.", "Volunteers meet at the stadium.", "Baku hosts."]
    edited = Vocabulary(texts).edited(removed=[texts[1]], added=["Tickets are free."])
    built = Vocabulary([texts[0], texts[2], "Tickets are free."])
    assert edited.counts == built.counts and edited.stems == built.stems
    assert edited.uncovered("Where do volunteers meet? Are ticketz free?") == ["volunteers", "meet"]
    assert edited.counts["baku"] == 2
