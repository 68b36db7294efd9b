"""Assistants run streams: event handler callbacks, plain iteration, final accessors."""

from __future__ import annotations

import warnings
from typing import Any, List

import pytest
import respx
from typing_extensions import override

import openai
from openai import AssistantEventHandler, AsyncAssistantEventHandler
from openai.lib.streaming import AssistantStreamManager, AsyncAssistantStreamManager
from openai.types.beta.threads import Message, Text, TextDelta
from openai.types.beta.threads.runs import RunStep, ToolCall, ToolCallDelta

from ._support import (
    BASE_URL,
    fixture_bytes,
    make_async_client,
    make_client,
    request_json,
    sse_response,
)

RUNS = "/threads/thread_fx1/runs"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _mock(
    router: respx.MockRouter, fixture: str, path: str = RUNS, *, is_async: bool = False
) -> respx.Route:
    return router.post(path).mock(
        side_effect=lambda request: sse_response(
            fixture_bytes(fixture), is_async=is_async, chunk_size=97
        )
    )


class Recorder(AssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.calls: List[Any] = []
        self.seen_during_delta: List[Any] = []

    @override
    def on_text_created(self, text: Text) -> None:
        self.calls.append(("text_created", text.value))

    @override
    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        self.calls.append(("text_delta", delta.value, snapshot.value))
        message = self.current_message_snapshot
        self.seen_during_delta.append(message.id if message else None)

    @override
    def on_text_done(self, text: Text) -> None:
        self.calls.append(("text_done", text.value))

    @override
    def on_message_done(self, message: Message) -> None:
        self.calls.append(("message_done", message.status))

    @override
    def on_tool_call_created(self, tool_call: ToolCall) -> None:
        self.calls.append(("tool_call_created", tool_call.id))

    @override
    def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None:
        assert snapshot.type == "code_interpreter"
        self.calls.append(("tool_call_delta", snapshot.code_interpreter.input))

    @override
    def on_tool_call_done(self, tool_call: ToolCall) -> None:
        self.calls.append(("tool_call_done", tool_call.id))

    @override
    def on_run_step_created(self, run_step: RunStep) -> None:
        assert self.current_run_step_snapshot is not None
        self.calls.append(
            ("step_created", run_step.id, self.current_run_step_snapshot.id)
        )

    @override
    def on_run_step_done(self, run_step: RunStep) -> None:
        step = self.current_run_step_snapshot
        self.calls.append(
            ("step_done", run_step.id, run_step.status, step.id if step else None)
        )

    @override
    def on_end(self) -> None:
        self.calls.append(("end",))


def test_callbacks_in_order() -> None:
    handler = Recorder()
    with respx.mock(base_url=BASE_URL) as router:
        route = _mock(router, "assistant_run.sse")
        with make_client().beta.threads.runs.stream(
            thread_id="thread_fx1", assistant_id="asst_fx1", event_handler=handler
        ) as stream:
            assert stream is handler
            stream.until_done()
    request = route.calls.last.request
    assert request_json(request) == {"assistant_id": "asst_fx1", "stream": True}
    assert (
        request.headers["x-stainless-stream-helper"] == "threads.runs.create_and_stream"
    )
    assert request.headers["x-stainless-custom-event-handler"] == "true"
    assert request.headers["openai-beta"] == "assistants=v2"
    assert handler.calls == [
        ("step_created", "step_tc", "step_tc"),
        ("tool_call_created", "call_ci1"),
        ("tool_call_delta", "print(1 "),
        ("tool_call_delta", "print(1 + 1)"),
        ("tool_call_delta", "print(1 + 1)"),
        ("tool_call_done", "call_ci1"),
        ("step_done", "step_tc", "completed", "step_tc"),
        ("step_created", "step_msg", "step_msg"),
        ("text_created", "The answer"),
        ("text_delta", "The answer", "The answer"),
        ("text_delta", " is 2.", "The answer is 2."),
        ("text_done", "The answer is 2."),
        ("message_done", "completed"),
        ("step_done", "step_msg", "completed", "step_msg"),
        ("end",),
    ]
    assert handler.seen_during_delta == ["msg_fx1", "msg_fx1"]
    assert handler.current_event is None


def test_final_accessors() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        _mock(router, "assistant_run.sse")
        with make_client().beta.threads.runs.stream(
            thread_id="thread_fx1", assistant_id="asst_fx1"
        ) as stream:
            run = stream.get_final_run()
            steps = stream.get_final_run_steps()
            messages = stream.get_final_messages()
    assert run.status == "completed" and run.id == "run_fx1"
    assert [(s.id, s.status) for s in steps] == [
        ("step_tc", "completed"),
        ("step_msg", "completed"),
    ]
    details = steps[0].step_details
    assert details.type == "tool_calls"
    call = details.tool_calls[0]
    assert (
        call.type == "code_interpreter"
        and call.code_interpreter.input == "print(1 + 1)"
    )
    assert [m.id for m in messages] == ["msg_fx1"]
    content = messages[0].content[0]
    assert content.type == "text" and content.text.value == "The answer is 2."
    assert stream.current_run is run


def test_plain_iteration_and_text_deltas() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        route = _mock(router, "assistant_run.sse")
        with make_client().beta.threads.runs.stream(
            thread_id="thread_fx1", assistant_id="asst_fx1"
        ) as stream:
            first = next(stream)
            assert first.event == "thread.run.created"
            events = [e.event for e in stream]
    assert (
        route.calls.last.request.headers["x-stainless-custom-event-handler"] == "false"
    )
    assert events[-1] == "thread.run.completed" and len(events) == 17

    with respx.mock(base_url=BASE_URL) as router:
        _mock(router, "assistant_run.sse")
        with make_client().beta.threads.runs.stream(
            thread_id="thread_fx1", assistant_id="asst_fx1"
        ) as stream:
            assert list(stream.text_deltas) == ["The answer", " is 2."]
            assert stream.get_final_run().status == "completed"


def test_requires_action_closes_the_tool_call_once() -> None:
    class Calls(AssistantEventHandler):
        def __init__(self) -> None:
            super().__init__()
            self.done: List[str] = []

        @override
        def on_tool_call_done(self, tool_call: ToolCall) -> None:
            self.done.append(tool_call.id)

    handler = Calls()
    with respx.mock(base_url=BASE_URL) as router:
        _mock(router, "assistant_requires_action.sse")
        with make_client().beta.threads.runs.stream(
            thread_id="thread_fx1", assistant_id="asst_fx1", event_handler=handler
        ) as stream:
            run = stream.get_final_run()
    assert run.status == "requires_action"
    assert run.required_action is not None
    assert handler.done == ["call_fn1"]
    step = stream.get_final_run_steps()[0]
    assert step.step_details.type == "tool_calls"
    fn = step.step_details.tool_calls[0]
    assert fn.type == "function" and fn.function.arguments == '{"city":"Oslo"}'
    with pytest.raises(RuntimeError, match="no messages"):
        stream.get_final_messages()


def test_submit_tool_outputs_stream_and_create_and_run_stream() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        route = _mock(
            router,
            "assistant_run.sse",
            path="/threads/thread_fx1/runs/run_fx1/submit_tool_outputs",
        )
        with make_client().beta.threads.runs.submit_tool_outputs_stream(
            thread_id="thread_fx1",
            run_id="run_fx1",
            tool_outputs=[{"tool_call_id": "call_fn1", "output": "12C"}],
        ) as stream:
            assert stream.get_final_run().status == "completed"
    assert request_json(route.calls.last.request) == {
        "tool_outputs": [{"tool_call_id": "call_fn1", "output": "12C"}],
        "stream": True,
    }
    assert (
        route.calls.last.request.headers["x-stainless-stream-helper"]
        == "threads.runs.submit_tool_outputs_stream"
    )

    with respx.mock(base_url=BASE_URL) as router:
        route = _mock(router, "assistant_run.sse", path="/threads/runs")
        with make_client().beta.threads.create_and_run_stream(
            assistant_id="asst_fx1",
            thread={"messages": [{"role": "user", "content": "1+1?"}]},
        ) as stream:
            assert [m.id for m in stream.get_final_messages()] == ["msg_fx1"]
    body = request_json(route.calls.last.request)
    assert body["stream"] is True and body["thread"]["messages"][0]["content"] == "1+1?"
    assert (
        route.calls.last.request.headers["x-stainless-stream-helper"]
        == "threads.create_and_run_stream"
    )


def test_deprecations_warn_once_from_the_caller() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        _mock(router, "assistant_run.sse")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with make_client().beta.threads.runs.create_and_stream(
                thread_id="thread_fx1", assistant_id="asst_fx1"
            ) as stream:
                stream.until_done()
    messages = [
        str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)
    ]
    assert messages == ["use `stream` instead"]
    assert caught[0].filename == __file__


def test_one_handler_one_stream() -> None:
    handler = AssistantEventHandler()
    with respx.mock(base_url=BASE_URL) as router:
        _mock(router, "assistant_run.sse")
        client = make_client()
        with client.beta.threads.runs.stream(
            thread_id="thread_fx1", assistant_id="asst_fx1", event_handler=handler
        ):
            pass
        with pytest.raises(RuntimeError, match="already attached"):
            with client.beta.threads.runs.stream(
                thread_id="thread_fx1", assistant_id="asst_fx1", event_handler=handler
            ):
                pass
    with pytest.raises(RuntimeError, match="has not been started"):
        AssistantEventHandler().until_done()


def test_errors_reach_on_exception_and_on_end() -> None:
    class Errors(AssistantEventHandler):
        def __init__(self) -> None:
            super().__init__()
            self.seen: List[str] = []

        @override
        def on_exception(self, exception: Exception) -> None:
            self.seen.append(type(exception).__name__)

        @override
        def on_end(self) -> None:
            self.seen.append("end")

    body = b'event: thread.run.created\ndata: {"id": "run_x"}\n\nevent: error\ndata: {"error": {"message": "boom", "type": "server_error"}}\n\n'
    handler = Errors()
    with respx.mock(base_url=BASE_URL) as router:
        router.post(RUNS).mock(return_value=sse_response(body))
        with make_client().beta.threads.runs.stream(
            thread_id="thread_fx1", assistant_id="asst_fx1", event_handler=handler
        ) as stream:
            with pytest.raises(openai.APIError, match="boom"):
                stream.until_done()
    assert handler.seen == ["APIError", "end"]


def test_manager_types() -> None:
    with respx.mock(base_url=BASE_URL, assert_all_called=False):
        manager = make_client().beta.threads.runs.stream(
            thread_id="thread_fx1", assistant_id="asst_fx1"
        )
    assert isinstance(manager, AssistantStreamManager)


# ----------------------------------------------------------------------------- async


class AsyncRecorder(AsyncAssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.calls: List[Any] = []

    @override
    async def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        self.calls.append(("text_delta", delta.value, snapshot.value))

    @override
    async def on_tool_call_done(self, tool_call: ToolCall) -> None:
        self.calls.append(("tool_call_done", tool_call.id))

    @override
    async def on_end(self) -> None:
        self.calls.append(("end",))


@respx.mock(base_url=BASE_URL)
async def test_async_handler(respx_mock: respx.MockRouter) -> None:
    _mock(respx_mock, "assistant_run.sse", is_async=True)
    handler = AsyncRecorder()
    manager = make_async_client().beta.threads.runs.stream(
        thread_id="thread_fx1", assistant_id="asst_fx1", event_handler=handler
    )
    assert isinstance(manager, AsyncAssistantStreamManager)
    async with manager as stream:
        run = await stream.get_final_run()
        messages = await stream.get_final_messages()
    assert run.status == "completed"
    assert messages[0].content[0].type == "text"
    assert handler.calls == [
        ("tool_call_done", "call_ci1"),
        ("text_delta", "The answer", "The answer"),
        ("text_delta", " is 2.", "The answer is 2."),
        ("end",),
    ]


@respx.mock(base_url=BASE_URL)
async def test_async_iteration_and_text_deltas(respx_mock: respx.MockRouter) -> None:
    _mock(respx_mock, "assistant_run.sse", is_async=True)
    client = make_async_client()
    async with client.beta.threads.runs.stream(
        thread_id="thread_fx1", assistant_id="asst_fx1"
    ) as stream:
        texts = [t async for t in stream.text_deltas]
        steps = await stream.get_final_run_steps()
    assert texts == ["The answer", " is 2."]
    assert [s.id for s in steps] == ["step_tc", "step_msg"]

    respx_mock.post("/threads/runs").mock(
        side_effect=lambda request: sse_response(
            fixture_bytes("assistant_run.sse"), is_async=True
        )
    )
    async with client.beta.threads.create_and_run_stream(
        assistant_id="asst_fx1"
    ) as stream:
        events = [e.event async for e in stream]
    assert events[0] == "thread.run.created" and events[-1] == "thread.run.completed"
