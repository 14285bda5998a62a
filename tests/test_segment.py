from assistant.reading.documents import load_knowledge
from assistant.text.segment import split_sentences

from .conftest import ARTICLE, KNOWLEDGE


def test_article_is_headline_plus_nine_body_sentences() -> None:
    (doc,) = load_knowledge(KNOWLEDGE)
    originals = [u for u in doc.units if not u.is_translation]
    assert [u.record_id for u in originals] == [f"{ARTICLE}#s{i}" for i in range(10)]
    assert originals[0].text.startswith("Qazaxıstan WUF13-ü şəhər inkişafı")
    # Lines 5 and 7 of the article hold two sentences each; the split falls inside the quote.
    assert originals[5].text.endswith("vacib hadisə hesab edirik.")
    assert originals[6].text.startswith("Forum şəhər planlaşdırılması")
    assert originals[8].text.endswith("işlənib hazırlanır.")
    assert originals[9].text.startswith("Ayrıca qeyd edirik ki, 2025-ci ilin iyulunda Qızılordada")


def test_quotes_and_parentheses_do_not_split() -> None:
    (doc,) = load_knowledge(KNOWLEDGE)
    s2 = next(u for u in doc.units if u.record_id == f"{ARTICLE}#s2")
    assert (
        s2.text
        == 'Bu barədə "Report"un yerli bürosuna Qazaxıstanın Xarici İşlər Nazirliyindən (XİN) bildirilib.'
    )


def test_abbreviations_initials_and_numbers_do_not_split() -> None:
    assert split_sentences(
        "Dr. Aliyev met Mr. J. Smith at 3.5 km from the U.N. office. Then he left."
    ) == [
        "Dr. Aliyev met Mr. J. Smith at 3.5 km from the U.N. office.",
        "Then he left.",
    ]
    assert split_sentences("Он приехал в 2025 г. в Баку. Это т.е. важно.") == [
        "Он приехал в 2025 г. в Баку.",
        "Это т.е. важно.",
    ]


def test_sentence_ending_inside_quote_splits_after_the_quote_mark() -> None:
    assert split_sentences('"We agree. It helps," the MFA said. «Да.» Нет.') == [
        '"We agree.',
        'It helps," the MFA said.',
        "«Да.»",
        "Нет.",
    ]


def test_translations_align_with_the_original() -> None:
    (doc,) = load_knowledge(KNOWLEDGE)
    by_lang: dict[str, list[str]] = {}
    for unit in doc.units:
        by_lang.setdefault(unit.language, []).append(unit.sentence_id)
    assert by_lang["az"] == by_lang["en"] == by_lang["ru"]
    kyz = [u for u in doc.units if u.sentence_id == f"{ARTICLE}#s9"]
    assert {u.language for u in kyz} == {"az", "en", "ru"}
    assert all(u.original_text == kyz[0].original_text for u in kyz)
    assert any("Kyzylorda in July 2025" in u.text for u in kyz)
    assert any("в июле 2025 года в Кызылорде" in u.text for u in kyz)
