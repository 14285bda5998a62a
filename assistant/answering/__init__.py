"""Writing the answer from the sentences found: quoted (extractive) or by a language model
whose every sentence is verified; the user-facing messages and the prompts."""
