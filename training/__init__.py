"""The ranker's training data and the command that fits it (``python -m training``)."""
