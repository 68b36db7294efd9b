"""Runs a stream helper over a recorded SSE fixture and prints what it yields, as JSON.

It imports nothing from this repository but the ``openai`` package, so it runs under
either client: ours (in-process, from the tests) or the official 2.38 package (a
subprocess with its venv's python), and the tests compare the two traces.

    python _trace.py <kind> <fixture.sse> <mode>
"""

from __future__ import annotations

import json
import sys
import warnings
from typing import Any, Dict, List

import httpx
from pydantic import BaseModel

import openai


class Weather(BaseModel):
    city: str
    temperature: float
    tags: List[str]
    note: str


class GetWeather(BaseModel):
    city: str
    unit: str


LOOKUP_TOOL: Dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "lookup",
        "strict": True,
        "parameters": {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": False,
        },
    },
}


def _client(body: bytes) -> openai.OpenAI:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=body, headers={"content-type": "text/event-stream"}
        )

    return openai.OpenAI(
        api_key="sk-trace",
        base_url="http://trace.invalid/v1",
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return {
            "__model__": type(value).__name__.split("[")[0],
            **value.model_dump(mode="json", exclude_none=True),
        }
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _error(exc: BaseException) -> Dict[str, str]:
    return {"error": type(exc).__name__, "message": str(exc)}


def chat(body: bytes, mode: str) -> Dict[str, Any]:
    kwargs: Dict[str, Any] = {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "x"}],
    }
    if mode == "structured":
        kwargs["response_format"] = Weather
    elif mode == "tools":
        kwargs["tools"] = [openai.pydantic_function_tool(GetWeather), LOOKUP_TOOL]
    events: List[Any] = []
    out: Dict[str, Any] = {"events": events}
    try:
        with _client(body).chat.completions.stream(**kwargs) as stream:
            for event in stream:
                if event.type == "chunk":
                    events.append(
                        {"type": "chunk", "choices": len(event.chunk.choices)}
                    )
                    continue
                fields = {
                    k: _plain(getattr(event, k)) for k in type(event).model_fields
                }
                events.append(fields)
            out["final"] = _plain(stream.get_final_completion())
    except Exception as exc:  # the trace records what the helper raised
        out["raised"] = _error(exc)
    return out


def responses(body: bytes, mode: str) -> Dict[str, Any]:
    kwargs: Dict[str, Any] = {"model": "gpt-4o", "input": "x"}
    if mode == "structured":
        kwargs["text_format"] = Weather
    elif mode == "tools":
        kwargs["tools"] = [openai.pydantic_function_tool(GetWeather)]
    events: List[Any] = []
    out: Dict[str, Any] = {"events": events}
    try:
        with _client(body).responses.stream(**kwargs) as stream:
            for event in stream:
                entry: Dict[str, Any] = {
                    "type": event.type,
                    "sequence_number": event.sequence_number,
                }
                for name in ("snapshot", "parsed", "delta", "text"):
                    if name in type(event).model_fields:
                        entry[name] = _plain(getattr(event, name))
                if event.type == "response.completed":
                    entry["output_parsed"] = _plain(event.response.output_parsed)
                events.append(entry)
            final = stream.get_final_response()
            out["final"] = {
                "output": _plain(final.output),
                "output_parsed": _plain(final.output_parsed),
            }
    except Exception as exc:
        out["raised"] = _error(exc)
    return out


def assistants(body: bytes, mode: str) -> Dict[str, Any]:
    calls: List[Any] = []

    class Recorder(openai.AssistantEventHandler):
        def on_event(self, event: Any) -> None:
            calls.append(["event", event.event])

        def on_run_step_created(self, run_step: Any) -> None:
            calls.append(["run_step_created", run_step.id])

        def on_run_step_delta(self, delta: Any, snapshot: Any) -> None:
            calls.append(["run_step_delta", snapshot.id])

        def on_run_step_done(self, run_step: Any) -> None:
            calls.append(["run_step_done", run_step.id, run_step.status])

        def on_tool_call_created(self, tool_call: Any) -> None:
            calls.append(["tool_call_created", tool_call.id])

        def on_tool_call_delta(self, delta: Any, snapshot: Any) -> None:
            calls.append(["tool_call_delta", _plain(snapshot)])

        def on_tool_call_done(self, tool_call: Any) -> None:
            calls.append(["tool_call_done", tool_call.id])

        def on_message_created(self, message: Any) -> None:
            calls.append(["message_created", message.id])

        def on_message_delta(self, delta: Any, snapshot: Any) -> None:
            calls.append(["message_delta", _plain(snapshot.content)])

        def on_message_done(self, message: Any) -> None:
            calls.append(["message_done", _plain(message.content)])

        def on_text_created(self, text: Any) -> None:
            calls.append(["text_created", text.value])

        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            calls.append(["text_delta", delta.value, snapshot.value])

        def on_text_done(self, text: Any) -> None:
            calls.append(["text_done", text.value])

        def on_end(self) -> None:
            calls.append(["end"])

    out: Dict[str, Any] = {"calls": calls}
    client = _client(body)
    try:
        with client.beta.threads.runs.stream(
            thread_id="thread_fx1", assistant_id="asst_fx1", event_handler=Recorder()
        ) as handler:
            handler.until_done()
            out["final_run"] = handler.get_final_run().status
            out["messages"] = (
                [_plain(m.content) for m in handler.get_final_messages()]
                if mode == "messages"
                else None
            )
    except Exception as exc:
        out["raised"] = _error(exc)
    return out


KINDS = {"chat": chat, "responses": responses, "assistants": assistants}


def trace(kind: str, path: str, mode: str) -> Dict[str, Any]:
    with open(path, "rb") as f:
        body = f.read()
    return KINDS[kind](body, mode)


if __name__ == "__main__":
    warnings.simplefilter("ignore")  # the Assistants API's deprecation warnings
    print(json.dumps(trace(sys.argv[1], sys.argv[2], sys.argv[3])))
