"""Dates found and shown in bold in three languages."""

from assistant.text.dates import highlight_dates


def test_dates_are_highlighted_in_three_languages() -> None:
    assert highlight_dates("Baku on 17–22 May, is") == "Baku on **17–22 May**, is"
    assert highlight_dates("Bakıda 17-22 may tarixlərində") == "Bakıda **17-22 may** tarixlərində"
    assert highlight_dates("в июле 2025 года в") == "в **июле 2025 года** в"
    assert highlight_dates("2025-ci ilin iyulunda Q") == "**2025-ci ilin iyulunda** Q"
    assert highlight_dates("it may rain") == "it may rain"
