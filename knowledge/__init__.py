"""The knowledge pack, shipped inside the package as ``assistant.pack`` (package data).

This file only makes the folder importable for ``importlib.resources``; the documents are
the .md files beside it (see the README, "Knowledge").
"""
