from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from _emu_support import ServerProcess

import openai


def test_http_fault_with_retry_after_is_retried(emulator: Any) -> None:
    emulator.faults.http_error(429, times=2, retry_after=0, path="/chat/completions")
    client = emulator.client(max_retries=2)
    completion = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "retry"}]
    )
    assert completion.choices[0].message.content == "You said: retry"
    posts = [r for r in emulator.requests if r["path"] == "/chat/completions"]
    assert len(posts) == 3
    assert [r["headers"]["x-stainless-retry-count"] for r in posts] == ["0", "1", "2"]
    assert posts[0]["headers"]["authorization"] == "<redacted>"


def test_http_fault_exhausts_retries(emulator: Any) -> None:
    emulator.faults.http_error(503, times=5, retry_after=0, path="/responses")
    client = emulator.client(max_retries=1)
    with pytest.raises(openai.InternalServerError) as err:
        client.responses.create(model="gpt-5.5", input="x")
    assert (
        err.value.status_code == 503
        and err.value.response.headers["retry-after"] == "0"
    )
    emulator.reset()
    assert (
        client.responses.create(model="gpt-5.5", input="ok").output_text
        == "You said: ok"
    )


def test_fault_matches_only_its_path(emulator: Any, client: Any) -> None:
    emulator.faults.http_error(500, path="/embeddings")
    assert client.models.retrieve("gpt-4o").id == "gpt-4o"
    with pytest.raises(openai.InternalServerError):
        client.embeddings.create(model="text-embedding-3-small", input="x")


def test_drop_mid_stream_abrupt(emulator: Any, client: Any) -> None:
    emulator.faults.drop_stream(after_events=3, path="/chat/completions")
    stream = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "a b c d e f"}],
        stream=True,
    )
    received: list[Any] = []
    with pytest.raises((httpx.RemoteProtocolError, openai.APIConnectionError)):
        received.extend(stream)
    assert len(received) == 3


def test_drop_clean_end_without_terminal_event(emulator: Any) -> None:
    # the official client accepts a body that ends without [DONE] (silent truncation);
    # the raw body shows what the emulator sent
    emulator.faults.drop_stream(after_events=2, abrupt=False, path="/chat/completions")
    response = httpx.post(
        emulator.base_url + "/chat/completions",
        headers={"Authorization": "Bearer x"},
        json={
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": "a b c"}],
            "stream": True,
        },
    )
    events = [line for line in response.text.split("\n\n") if line]
    assert len(events) == 2 and "[DONE]" not in response.text


def test_slow_first_byte_times_out(emulator: Any) -> None:
    emulator.faults.slow_first_byte(1.0, path="/models")
    client = emulator.client(max_retries=0, timeout=0.2)
    with pytest.raises(openai.APITimeoutError):
        client.models.list()
    assert len(list(client.models.list())) > 5


def test_bad_fault_is_rejected(emulator: Any) -> None:
    with pytest.raises(ValueError, match="status"):
        emulator.faults.http_error(200)


def test_validation_errors_name_the_parameter(client: Any) -> None:
    with pytest.raises(openai.BadRequestError) as err:
        client.chat.completions.create(model="gpt-4o", messages=[])
    assert err.value.param == "messages"
    with pytest.raises(openai.BadRequestError) as err2:
        client.responses.create(model="gpt-5.5", input="x", max_output_tokens=2)
    assert err2.value.param == "max_output_tokens"
    with pytest.raises(openai.NotFoundError) as err3:
        client.post("/no/such/endpoint", cast_to=httpx.Response, body={})
    assert "does not serve" in str(err3.value)


def test_state_dir_survives_restart(tmp_path: Path) -> None:
    state = str(tmp_path / "state")
    first = ServerProcess("--state-dir", state)
    try:
        client = first.remote.client(max_retries=0)
        file = client.files.create(
            file=("keep.txt", b"persisted bytes"), purpose="user_data"
        )
        response = client.responses.create(model="gpt-5.5", input="remember me")
        conv = client.conversations.create(items=[{"role": "user", "content": "hi"}])
        stored = client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "s"}], store=True
        )
    finally:
        first.stop()
    second = ServerProcess("--state-dir", state)
    try:
        client = second.remote.client(max_retries=0)
        assert client.files.content(file.id).read() == b"persisted bytes"
        assert (
            client.responses.retrieve(response.id).output_text
            == "You said: remember me"
        )
        chained = client.responses.create(
            model="gpt-5.5", previous_response_id=response.id, input="again"
        )
        assert chained.output_text == "You said: again"
        assert [
            i.content[0].text for i in client.conversations.items.list(conv.id)
        ] == ["hi"]
        assert client.chat.completions.retrieve(stored.id).id == stored.id
        newer = client.files.create(file=("n.txt", b"n"), purpose="user_data")
        assert newer.id != file.id
    finally:
        second.stop()


def test_cli_serves_requested_port() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[3] / "src"))
    command = [
        sys.executable,
        "-m",
        "openai.testing._cli",
        "emulator",
        "--port",
        str(port),
        "--no-auth",
    ]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        assert (
            proc.stdout.readline().strip()
            == f"OpenAI emulator listening on http://127.0.0.1:{port}/v1"
        )
        body = httpx.get(f"http://127.0.0.1:{port}/v1/models").json()
        assert body["object"] == "list" and body["data"][0]["object"] == "model"
    finally:
        proc.terminate()
        proc.wait(10)
