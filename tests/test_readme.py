"""The README documents what the code does."""


def test_readme_documents_every_setting() -> None:
    from dataclasses import fields
    from pathlib import Path

    from assistant import Settings

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [f.name for f in fields(Settings) if f"`ASSISTANT_{f.name.upper()}`" not in readme]
    assert missing == []


def test_readme_flow_names_every_module_where_it_lives() -> None:
    """The "How a question flows" list must match the package: each folder's modules."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How a question flows", 1)[1].split("\n## ", 1)[0]
    for package in ("text", "reading", "storage", "search", "answering", "ui"):
        item = re.search(rf"^- `assistant/{package}/`:(.*?)(?=^- |\Z)", section, re.S | re.M)
        assert item, package
        listed = {name.split(".")[0] for name in re.findall(r"`([\w./]+)`", item.group(1))}
        modules = {p.stem for p in (root / "assistant" / package).glob("*.py")} - {"__init__"}
        assert modules <= listed, (package, sorted(modules - listed))
