"""Every user-facing sentence the assistant says, in English, Azerbaijani and Russian."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "abstain": (
            "My sources don't say. The documents I have do not answer this question, so I "
            "won't guess."
        ),
        "smalltalk": (
            "Hello! I answer questions about WUF13, the 13th World Urban Forum in Baku, and "
            'cite the exact source sentence for every answer. Try: "When is WUF13?"'
        ),
        "sources": "Sources",
        "summary_of": "Summary written by this project of a report by {source}, {published}",
        "differ": "The sources differ on this:",
        "closest": (
            "My sources don't answer this directly. The closest they come (not an answer):"
        ),
        "premise": "Note: the sources do not support what the question assumes ({words}).",
        "part_unknown": "My sources don't say: {part}",
        "other_language": (
            "Quoted in its original language ({languages}): no translation of it is available."
        ),
        "article_by": "Article: {details}",
        "article": "Article",
        "llm_unverified": (
            "Note: the language model's answer could not be checked against the sources, so "
            "the source sentence is shown instead."
        ),
        "llm_dropped": (
            "Note: {n} sentence(s) of the model's answer were removed: they could not be "
            "checked against the sources."
        ),
        "llm_failed": (
            "Note: the language model did not answer ({reason}), so the source sentence is "
            "shown instead."
        ),
        "panel_empty": (
            "Cited source documents appear here. Click a [1] marker to jump to its sentence."
        ),
        "placeholder": "Ask about WUF13 in English, Azerbaijani or Russian",
    },
    "az": {
        "abstain": (
            "Mənbələrimdə bu barədə məlumat yoxdur. Əlimdəki sənədlər bu suala cavab vermir, "
            "ona görə təxmin etməyəcəyəm."
        ),
        "smalltalk": (
            "Salam! Mən Bakıda keçiriləcək Ümumdünya Şəhərsalma Forumunun 13-cü sessiyası "
            "(WUF13) haqqında suallara cavab verirəm və hər cavab üçün dəqiq mənbə cümləsini "
            'göstərirəm. Məsələn: "WUF13 nə vaxt keçiriləcək?"'
        ),
        "sources": "Mənbələr",
        "summary_of": "Bu layihənin yazdığı xülasə; mənbə: {source}, {published}",
        "differ": "Mənbələr bu barədə fərqli məlumat verir:",
        "closest": "Mənbələrim buna birbaşa cavab vermir. Ən yaxın olanlar (cavab deyil):",
        "premise": "Qeyd: mənbələr sualdakı fərziyyəni təsdiqləmir ({words}).",
        "part_unknown": "Mənbələrimdə bu barədə məlumat yoxdur: {part}",
        "other_language": "Orijinal dildə ({languages}) sitat gətirilir: tərcüməsi yoxdur.",
        "article_by": "Məqalə: {details}",
        "article": "Məqalə",
        "llm_unverified": (
            "Qeyd: dil modelinin cavabı mənbələrlə yoxlanıla bilmədi, ona görə mənbə cümləsi "
            "göstərilir."
        ),
        "llm_dropped": (
            "Qeyd: modelin cavabından {n} cümlə çıxarıldı: onlar mənbələrlə yoxlanıla bilmədi."
        ),
        "llm_failed": (
            "Qeyd: dil modeli cavab vermədi ({reason}), ona görə mənbə cümləsi göstərilir."
        ),
        "panel_empty": (
            "İstinad edilən sənədlər burada görünür. Cümləyə keçmək üçün [1] işarəsinə klikləyin."
        ),
        "placeholder": "WUF13 haqqında ingilis, Azərbaycan və ya rus dilində soruşun",
    },
    "ru": {
        "abstain": (
            "В моих источниках об этом не сказано. Документы, которые у меня есть, не отвечают "
            "на этот вопрос, поэтому я не буду гадать."
        ),
        "smalltalk": (
            "Здравствуйте! Я отвечаю на вопросы о WUF13 — 13-й сессии Всемирного "
            "градостроительного форума в Баку — и привожу точное исходное предложение для "
            "каждого ответа. Например: «Когда пройдет WUF13?»"
        ),
        "sources": "Источники",
        "summary_of": "Пересказ, написанный проектом по сообщению {source}, {published}",
        "differ": "Источники расходятся в этом:",
        "closest": ("Мои источники не отвечают на это прямо. Ближе всего к ответу (это не ответ):"),
        "premise": "Примечание: источники не подтверждают то, что предполагает вопрос ({words}).",
        "part_unknown": "В моих источниках об этом не сказано: {part}",
        "other_language": "Цитата на языке оригинала ({languages}): перевода нет.",
        "article_by": "Статья: {details}",
        "article": "Статья",
        "llm_unverified": (
            "Примечание: ответ языковой модели не удалось проверить по источникам, поэтому "
            "показано исходное предложение."
        ),
        "llm_dropped": (
            "Примечание: из ответа модели удалено предложений: {n}; их не удалось проверить "
            "по источникам."
        ),
        "llm_failed": (
            "Примечание: языковая модель не ответила ({reason}), поэтому показано исходное "
            "предложение."
        ),
        "panel_empty": (
            "Здесь появятся цитируемые документы. Нажмите на [1], чтобы перейти к предложению."
        ),
        "placeholder": "Спросите о WUF13 на английском, азербайджанском или русском",
    },
}


# Language names as a reader of each language writes them.
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "az": "Azerbaijani", "ru": "Russian", "und": "another language"},
    "az": {"en": "ingilis", "az": "Azərbaycan", "ru": "rus", "und": "başqa dil"},
    "ru": {"en": "английский", "az": "азербайджанский", "ru": "русский", "und": "другой язык"},
}


def language_name(language: str, reader: str) -> str:
    """The name of ``language`` in the reader's language (English when unknown)."""
    names = LANGUAGE_NAMES.get(reader, LANGUAGE_NAMES["en"])
    return names.get(language, language)


def message(key: str, language: str, **values: object) -> str:
    """The message ``key`` in ``language`` (English when that language has none)."""
    text = MESSAGES.get(language, MESSAGES["en"]).get(key) or MESSAGES["en"][key]
    return text.format(**values) if values else text


def provenance(kind: str, source: str, published: str, language: str) -> str:
    """Where a cited sentence comes from, as a reader should see it: a summary the project
    wrote is never presented as the outlet's own article."""
    if kind == "summary":  # (the pack's summaries name both: tests/test_pack_provenance.py)
        return message("summary_of", language, source=source or "?", published=published or "?")
    details = ", ".join(part for part in (source, published) if part)  # what is known
    return (
        message("article_by", language, details=details)
        if details
        else message("article", language)
    )
