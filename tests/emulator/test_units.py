"""Unit tests of the emulator's pieces that need no client: schema instances, the
model's rules, media encoders, webhook signatures, the store, pagination."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import wave
from pathlib import Path

import pytest

from openai.testing._control import Control, ControlError
from openai.testing._media import audio_seconds, embedded_text, mp3, png, wav
from openai.testing._model import (
    Turn,
    count_tokens,
    cut_to_tokens,
    respond,
    split_chunks,
)
from openai.testing._schema import minimal_instance
from openai.testing._store import Store
from openai.testing._webhooks import DEFAULT_SECRET, signed_headers


def test_minimal_instance_covers_structured_output_schemas() -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 3},
            "when": {"type": "string", "format": "date-time"},
            "kind": {"enum": ["a", "b"]},
            "count": {"type": "integer", "minimum": 2, "multipleOf": 5},
            "ratio": {"type": "number", "exclusiveMinimum": 0},
            "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2},
            "child": {"$ref": "#/$defs/Child"},
            "maybe": {"anyOf": [{"type": "null"}, {"type": "boolean"}]},
            "optional": {"type": "string"},
        },
        "required": [
            "name",
            "when",
            "kind",
            "count",
            "ratio",
            "tags",
            "child",
            "maybe",
        ],
        "$defs": {
            "Child": {
                "type": "object",
                "properties": {"x": {"const": 7}},
                "required": ["x"],
            }
        },
    }
    assert minimal_instance(schema) == {
        "name": "xxx",
        "when": "1970-01-01T00:00:00Z",
        "kind": "a",
        "count": 5,
        "ratio": 0.5,
        "tags": ["", ""],
        "child": {"x": 7},
        "maybe": False,
    }


def test_minimal_instance_handles_recursion_and_allof() -> None:
    recursive = {
        "$ref": "#/$defs/Node",
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {"next": {"$ref": "#/$defs/Node"}},
                "required": ["next"],
            }
        },
    }
    value = minimal_instance(recursive)
    depth = 0
    while isinstance(value, dict):
        value = value["next"]
        depth += 1
    assert value is None and depth > 5
    merged = {
        "allOf": [
            {"properties": {"a": {"type": "integer"}}, "required": ["a"]},
            {"properties": {"b": {"type": "boolean"}}, "required": ["b"]},
        ]
    }
    assert minimal_instance(merged) == {"a": 0, "b": False}


def test_tokens_and_chunks() -> None:
    assert count_tokens("You said: hi!") == 5
    assert split_chunks("one two  three") == ["one ", "two  ", "three"]
    assert "".join(split_chunks("  lead and trail  ")) == "  lead and trail  "
    assert cut_to_tokens("a b c d", 2) == "a b"


def test_model_rules() -> None:
    assert respond(Turn(model="m", last_user_text="hi"), None).text == "You said: hi"
    tools = [
        {
            "name": "get_weather",
            "parameters": {
                "type": "object",
                "properties": {"c": {"type": "string"}},
                "required": ["c"],
            },
        }
    ]
    called = respond(
        Turn(
            model="m", last_user_text="use get weather", tools=tools, tool_choice="auto"
        ),
        None,
    )
    assert called.kind == "tool_calls" and json.loads(
        called.tool_calls[0].arguments
    ) == {"c": ""}
    assert (
        respond(
            Turn(model="m", last_user_text="hello", tools=tools, tool_choice="auto"),
            None,
        ).kind
        == "text"
    )
    assert (
        respond(Turn(model="m", tools=tools, tool_choice="required"), None).kind
        == "tool_calls"
    )
    assert (
        respond(
            Turn(
                model="m",
                last_user_text="use get_weather",
                tools=tools,
                tool_choice="none",
            ),
            None,
        ).kind
        == "text"
    )
    cut = respond(Turn(model="m", last_user_text="a b c d e", max_tokens=3), None)
    assert (cut.text, cut.finish) == ("You said:", "length")
    scripted = respond(
        Turn(model="m"), {"type": "text", "text": "ab", "chunks": ["a", "b"]}
    )
    assert scripted.chunks == ["a", "b"]


def test_control_scripts_and_faults() -> None:
    control = Control()
    control.add_replies("gpt-4o", [{"type": "text", "text": "x"}])
    control.add_replies(None, [{"type": "refusal", "refusal": "no"}])
    assert control.next_reply("gpt-4o") == {"type": "text", "text": "x"}
    assert control.next_reply("other") == {"type": "refusal", "refusal": "no"}
    assert control.next_reply("gpt-4o") is None
    control.add_fault({"kind": "http", "status": 429, "times": 2, "path": "/chat/*"})
    assert control.take_fault("http", "POST", "/responses") is None
    assert control.take_fault("http", "POST", "/chat/completions") is not None
    assert control.take_fault("http", "POST", "/chat/completions") is not None
    assert control.take_fault("http", "POST", "/chat/completions") is None
    with pytest.raises(ControlError, match="chunks"):
        control.add_replies(None, [{"type": "text", "text": "abc", "chunks": ["a"]}])
    with pytest.raises(ControlError, match="code"):
        control.add_fault({"kind": "ws_close", "code": 99})


def test_png_is_valid_and_deterministic() -> None:
    data = png("seed")
    assert (
        data.startswith(b"\x89PNG\r\n\x1a\n")
        and data == png("seed")
        and data != png("other")
    )
    assert data[12:16] == b"IHDR" and int.from_bytes(data[16:20], "big") == 16


def test_wav_and_mp3_carry_their_text() -> None:
    data = wav("hello there world")
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getframerate(), w.getnchannels()) == (24000, 1)
        seconds = w.getnframes() / w.getframerate()
    assert seconds == pytest.approx(0.9) == audio_seconds(data)
    assert embedded_text(data) == "hello there world"
    sound = mp3("hello mp3")
    assert sound.startswith(b"ID3") and embedded_text(sound) == "hello mp3"
    assert audio_seconds(sound) == pytest.approx(0.6, abs=0.03)


def test_webhook_signature_matches_standard_webhooks() -> None:
    body = b'{"id":"evt_1"}'
    headers = signed_headers(DEFAULT_SECRET, "msg_1", body, timestamp=1700000000)
    key = base64.b64decode(DEFAULT_SECRET[len("whsec_") :])
    expected = base64.b64encode(
        hmac.new(key, b"msg_1.1700000000." + body, hashlib.sha256).digest()
    ).decode()
    assert headers["webhook-signature"] == "v1," + expected
    assert (headers["webhook-id"], headers["webhook-timestamp"]) == (
        "msg_1",
        "1700000000",
    )


def test_store_persists_objects_blobs_and_order(tmp_path: Path) -> None:
    store = Store(str(tmp_path))
    store.put("files", "b", {"id": "b"})
    store.put("files", "a", {"id": "a"})
    store.put("files", "b", {"id": "b", "v": 2})
    store.put_blob("a", b"\x00bytes")
    store.set_meta("id_counter", "7")
    store.close()
    again = Store(str(tmp_path))
    assert [o["id"] for o in again.values("files")] == ["b", "a"]
    assert again.get("files", "b") == {"id": "b", "v": 2}
    assert again.get_blob("a") == b"\x00bytes" and again.get_meta("id_counter") == "7"
    assert again.delete("files", "a") and again.get("files", "a") is None
    again.close()


def test_accepted_sockets_get_tcp_nodelay() -> None:
    # asyncio turns Nagle off on accepted sockets only when the listening socket's proto
    # is IPPROTO_TCP; with Nagle on, each kept-alive answer waited for a delayed ACK
    import socket

    from openai.testing._server import bind_socket

    listener = bind_socket("127.0.0.1", 0)
    try:
        assert listener.proto == socket.IPPROTO_TCP
        client = socket.create_connection(listener.getsockname()[:2])
        listener.setblocking(True)
        accepted, _ = listener.accept()
        with client, accepted:
            assert accepted.proto == socket.IPPROTO_TCP
    finally:
        listener.close()
