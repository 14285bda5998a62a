"""Everything from a document, a question or an answer is inert in the HTML the UI shows."""

from assistant.ui.render import answer_html, escape_text


def test_escaping_leaves_no_markup() -> None:
    payload = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) **b** `c` $x$"
    escaped = escape_text(payload)
    for char in "<>[]()*`$":
        assert char not in escaped
    from assistant.values import Answer

    html = answer_html(
        Answer(
            question="q",
            text=payload + " [1]",
            language="en",
            citations=(),
            abstained=False,
            kind="answer",
        )
    )
    assert "<img" not in html and "<a " not in html and 'href="javascript' not in html
    assert "&#91;1&#93;" in html  # a marker with no citation behind it stays text
