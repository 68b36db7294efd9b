"""The in-process Emulator, driven over raw HTTP (httpx) so it needs no client:
the context manager, ids, errors, control operations and cursor pagination."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from openai.testing import Emulator

AUTH = {"Authorization": "Bearer sk-test"}


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator(seed="unit") as emu:
        yield emu


@pytest.fixture()
def http(emulator: Emulator) -> Iterator[httpx.Client]:
    emulator.reset()
    with httpx.Client(base_url=emulator.base_url, headers=AUTH) as client:
        yield client


def test_context_manager_serves_on_loopback() -> None:
    with Emulator() as emu:
        assert emu.base_url.startswith("http://127.0.0.1:") and emu.base_url.endswith(
            "/v1"
        )
        assert emu.websocket_base_url == "ws" + emu.base_url[4:]
        assert httpx.get(emu.base_url + "/models", headers=AUTH).status_code == 200
        url = emu.base_url
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/models", headers=AUTH)


def test_every_response_has_a_request_id(http: httpx.Client) -> None:
    ok = http.get("/models")
    missing = http.get("/models/nope")
    unknown = http.get("/nothing/here")
    ids = [r.headers["x-request-id"] for r in (ok, missing, unknown)]
    assert all(i.startswith("req_") for i in ids) and len(set(ids)) == 3
    assert (
        missing.status_code == 404
        and missing.json()["error"]["code"] == "model_not_found"
    )
    assert unknown.status_code == 404 and set(unknown.json()["error"]) == {
        "message",
        "type",
        "param",
        "code",
    }


def test_bad_json_is_a_clear_400(http: httpx.Client) -> None:
    response = http.post(
        "/chat/completions",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400 and "JSON" in response.json()["error"]["message"]
    missing = http.post("/responses", json={"input": "x"})
    assert missing.json()["error"]["param"] == "model"


def _walk(http: httpx.Client, path: str, params: dict[str, Any]) -> list[str]:
    seen: list[str] = []
    query = dict(params)
    while True:
        page = http.get(path, params=query).json()
        seen += [item["id"] for item in page["data"]]
        if not page["has_more"]:
            return seen
        query["after"] = page["data"][-1]["id"]


def test_cursor_pagination_walks_every_item_once(http: httpx.Client) -> None:
    ids = [
        http.post(
            "/files", files={"file": (f"f{i}.txt", b"x")}, data={"purpose": "user_data"}
        ).json()["id"]
        for i in range(7)
    ]
    walked = _walk(http, "/files", {"limit": 3, "purpose": "user_data"})
    assert walked[:7] == list(reversed(ids))
    ascending = _walk(
        http, "/files", {"limit": 2, "order": "asc", "purpose": "user_data"}
    )
    assert ascending[-7:] == ids
    bad = http.get("/files", params={"after": "file-nope"})
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "after"
    assert http.get("/files", params={"limit": 0}).json()["error"]["param"] == "limit"


def test_scripts_faults_and_request_log(emulator: Emulator, http: httpx.Client) -> None:
    emulator.script("gpt-4o").text("scripted")
    emulator.faults.http_error(429, retry_after=3, path="/chat/completions")
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}]}
    limited = http.post("/chat/completions", json=body)
    assert limited.status_code == 429 and limited.headers["retry-after"] == "3"
    assert limited.json()["error"]["type"] == "rate_limit_exceeded"
    assert (
        http.post("/chat/completions", json=body).json()["choices"][0]["message"][
            "content"
        ]
        == "scripted"
    )
    log = [r for r in emulator.requests if r["path"] == "/chat/completions"]
    assert len(log) == 2 and json.loads(log[0]["body"]) == body
    assert log[0]["headers"]["authorization"] == "<redacted>"


def test_advance_drives_background_responses(
    emulator: Emulator, http: httpx.Client
) -> None:
    queued = http.post(
        "/responses", json={"model": "gpt-5.5", "input": "later", "background": True}
    ).json()
    assert queued["status"] == "queued"
    emulator.advance(10)
    done = http.get(f"/responses/{queued['id']}").json()
    assert (
        done["status"] == "completed"
        and done["output"][0]["content"][0]["text"] == "You said: later"
    )
    assert emulator.webhook_deliveries[-1]["event"]["type"] == "response.completed"


def test_sse_stream_ends_with_done(http: httpx.Client) -> None:
    body = {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "abc"}],
        "stream": True,
        "n": 2,
    }
    text = http.post("/chat/completions", json=body).text
    events = [e[len("data: ") :] for e in text.strip().split("\n\n")]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    assert {c["choices"][0]["index"] for c in chunks} == {0, 1}
    assert len({c["id"] for c in chunks}) == 1
