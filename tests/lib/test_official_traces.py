"""The stream helpers against the official 2.38 client, fixture by fixture.

``_trace.py`` runs a helper over a recorded fixture and prints what it yields; here it
runs in-process (ours) and in the official client's interpreter, and the traces must
match, except where we differ on purpose (listed below, each checked for the exact
difference). Skipped where the official client's environment is not installed.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict

import pytest

from . import _trace

HERE = Path(__file__).parent
PEER_PYTHON = Path(
    os.environ.get(
        "OPENAI_PEER_PYTHON", str(Path.home() / ".cache/openai-bench/peer/bin/python")
    )
)

pytestmark = [
    pytest.mark.skipif(
        not PEER_PYTHON.exists(),
        reason="the official client's environment is not installed here",
    ),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

SAME = [
    ("chat", "chat_text", "plain"),
    ("chat", "chat_text", "tools"),
    ("chat", "chat_structured", "plain"),
    ("chat", "chat_structured", "structured"),
    ("chat", "chat_structured", "tools"),
    ("chat", "chat_refusal", "plain"),
    ("chat", "chat_refusal", "structured"),
    ("chat", "chat_tools", "plain"),
    ("chat", "chat_tools", "structured"),
    ("chat", "chat_tools", "tools"),
    ("chat", "chat_length", "plain"),
    ("chat", "chat_length", "structured"),
    ("chat", "chat_length", "tools"),
    ("chat", "chat_content_filter", "plain"),
    ("chat", "chat_two_choices", "plain"),
    ("chat", "chat_azure", "plain"),
    ("chat", "chat_logprobs", "plain"),
    ("responses", "responses_text", "plain"),
    ("responses", "responses_text", "tools"),
    ("responses", "responses_structured", "structured"),
    ("responses", "responses_incomplete", "structured"),
    ("responses", "responses_function_call", "tools"),
    ("responses", "responses_function_call", "plain"),
]


def official(kind: str, fixture: str, mode: str) -> Dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [
            str(PEER_PYTHON),
            str(HERE / "_trace.py"),
            kind,
            str(HERE / "fixtures" / f"{fixture}.sse"),
            mode,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(HERE / "fixtures"),
        timeout=120,
        check=True,
    )
    trace: Dict[str, Any] = json.loads(result.stdout)
    return trace


def ours(kind: str, fixture: str, mode: str) -> Dict[str, Any]:
    trace: Dict[str, Any] = json.loads(
        json.dumps(_trace.trace(kind, str(HERE / "fixtures" / f"{fixture}.sse"), mode))
    )
    return trace


@pytest.mark.parametrize(("kind", "fixture", "mode"), SAME)
def test_same_trace_as_the_official_client(kind: str, fixture: str, mode: str) -> None:
    mine = ours(kind, fixture, mode)
    assert mine == official(kind, fixture, mode)
    assert mine.get("events") or mine.get("calls")


def test_non_json_content_fails_at_the_done_event_not_mid_stream() -> None:
    # 2.38 raises a bare ValueError at the first delta that is not JSON; we let the deltas
    # through and raise pydantic's ValidationError (a ValueError too) when the content is done
    theirs = official("chat", "chat_text", "structured")
    mine = ours("chat", "chat_text", "structured")
    assert theirs["raised"]["error"] == "ValueError"
    assert mine["raised"]["error"] == "ValidationError"
    assert mine["events"][: len(theirs["events"])] == theirs["events"]
    assert len(mine["events"]) > len(theirs["events"])


def test_final_response_of_an_incomplete_or_failed_stream() -> None:
    # 2.38 has no final response without `response.completed`; we return the incomplete
    # response, and name the error of a failed one
    theirs = official("responses", "responses_incomplete", "plain")
    mine = ours("responses", "responses_incomplete", "plain")
    assert theirs["raised"]["message"] == "Didn't receive a `response.completed` event."
    assert mine["events"] == theirs["events"]
    assert mine["final"]["output"][0]["status"] == "incomplete"
    failed = ours("responses", "responses_failed", "plain")
    assert failed["raised"] == {
        "error": "RuntimeError",
        "message": "The response failed: server_error: The model crashed.",
    }


def test_each_tool_call_is_done_once() -> None:
    # 2.38 reports the run's single tool call as done three times (at its step's end, at
    # the next step's end and at the run's end); we report it once, at its step's end
    theirs = official("assistants", "assistant_run", "messages")
    mine = ours("assistants", "assistant_run", "messages")
    assert [c for c in theirs["calls"] if c[0] == "tool_call_done"] == [
        ["tool_call_done", "call_ci1"]
    ] * 3
    assert [c for c in mine["calls"] if c[0] == "tool_call_done"] == [
        ["tool_call_done", "call_ci1"]
    ]
    assert [c for c in mine["calls"] if c[0] != "tool_call_done"] == [
        c for c in theirs["calls"] if c[0] != "tool_call_done"
    ]
    assert (
        mine["messages"] == theirs["messages"]
        and mine["final_run"] == theirs["final_run"] == "completed"
    )
