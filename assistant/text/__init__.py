"""Text rules for English, Azerbaijani and Russian: cleaning, words, scripts, dates, language,
sentences, follow-ups and instruction-like text. Each rule is written once, here."""
