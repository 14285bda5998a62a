"""``python -m evals``: the regression gate for answer quality (cases in ``cases.yaml``)."""
