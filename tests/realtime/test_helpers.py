"""Every client event of each WebSocket API has a typed send helper, and the helpers are current."""

from __future__ import annotations

import asyncio
import inspect
import json
from typing import Any, Dict, List, Tuple

import pytest

from openai import omit
from openai.lib.realtime import _write_helpers
from openai.lib.realtime.beta import (
    AsyncRealtimeConnection as BetaAsyncConnection,
    RealtimeConnection as BetaConnection,
)
from openai.lib.realtime.realtime import AsyncRealtimeConnection, RealtimeConnection
from openai.lib.realtime.responses import AsyncResponsesConnection, ResponsesConnection


class Recorder:
    """Stands in for the socket: keeps what the connection would send."""

    def __init__(self) -> None:
        self.sent: List[Any] = []

    def send(self, data: Any) -> None:
        self.sent.append(data)


class AsyncRecorder(Recorder):
    async def send(self, data: Any) -> None:  # type: ignore[override]
        self.sent.append(data)


FAMILIES = {
    "_helpers_realtime": (RealtimeConnection, AsyncRealtimeConnection),
    "_helpers_beta": (BetaConnection, BetaAsyncConnection),
    "_helpers_responses": (ResponsesConnection, AsyncResponsesConnection),
}


def _cases() -> List[Tuple[str, str, List[Any]]]:
    cases = []
    for family in _write_helpers.FAMILIES:
        for module, name in _write_helpers._variants(family):
            event = _write_helpers._event(module, name)
            cases.append((family.module, event.type, [p for p in event.params if p.required]))
    return cases


CASES = _cases()


def _sample(param: Any) -> Any:
    return {"audio_end_ms": 1500, "content_index": 0}.get(param.name, f"value-of-{param.name}")


@pytest.mark.parametrize(("module", "event_type", "required"), CASES, ids=[f"{m}:{t}" for m, t, _ in CASES])
def test_each_client_event_has_a_helper(module: str, event_type: str, required: List[Any]) -> None:
    sync_class, async_class = FAMILIES[module]
    *path, method = event_type.split(".")
    kwargs: Dict[str, Any] = {p.name: _sample(p) for p in required}
    expected = {"type": event_type, **kwargs}

    sync_connection = sync_class(Recorder())
    target: Any = sync_connection
    for part in path:
        target = getattr(target, part)
    getattr(target, method)(**kwargs)
    assert [json.loads(m) for m in sync_connection._connection.sent] == [expected]

    async_connection = async_class(AsyncRecorder())
    target = async_connection
    for part in path:
        target = getattr(target, part)
    asyncio.run(getattr(target, method)(**kwargs))
    assert [json.loads(m) for m in async_connection._connection.sent] == [expected]


def test_the_expected_helpers_exist() -> None:
    types = {(m, t) for m, t, _ in CASES}
    for event_type in [
        "session.update",
        "conversation.item.create",
        "conversation.item.delete",
        "conversation.item.retrieve",
        "conversation.item.truncate",
        "input_audio_buffer.append",
        "input_audio_buffer.commit",
        "input_audio_buffer.clear",
        "output_audio_buffer.clear",
        "response.create",
        "response.cancel",
    ]:
        assert ("_helpers_realtime", event_type) in types
    assert ("_helpers_beta", "transcription_session.update") in types
    assert ("_helpers_responses", "response.create") in types


def test_optional_fields_are_sent_only_when_given() -> None:
    connection = RealtimeConnection(Recorder())  # type: ignore[arg-type]
    connection.conversation.item.truncate(item_id="item_1", content_index=0, audio_end_ms=10, event_id="e1")
    connection.response.cancel()
    connection.response.cancel(response_id=None)  # type: ignore[arg-type]  # None is sent as null
    assert connection._connection.sent == [  # type: ignore[attr-defined]
        '{"type":"conversation.item.truncate","audio_end_ms":10,"content_index":0,"item_id":"item_1","event_id":"e1"}',
        '{"type":"response.cancel"}',
        '{"type":"response.cancel","response_id":null}',
    ]


def test_helper_signatures_are_keyword_only_with_omit_defaults() -> None:
    connection = RealtimeConnection(Recorder())  # type: ignore[arg-type]
    signature = inspect.signature(connection.conversation.item.create)
    kinds = {p.kind for p in signature.parameters.values()}
    assert kinds == {inspect.Parameter.KEYWORD_ONLY}
    assert signature.parameters["item"].default is inspect.Parameter.empty
    assert signature.parameters["previous_item_id"].default is omit


def test_generated_helper_modules_are_current() -> None:
    import pathlib
    import sys

    if not (pathlib.Path(sys.executable).parent / "ruff").exists():
        pytest.skip("the helper writer formats with ruff (dev extra), not installed here")
    assert _write_helpers.main(["--check"]) == 0
