"""Realtime over WebSocket at /v1/realtime: sessions, conversation items, text (and
audio) responses, function calls and `error` events. Speaks the GA event names,
or the beta ones when the client sends `OpenAI-Beta: realtime=v1`.

The reply comes from the same emulated model as the HTTP endpoints (scripts
included). The `ws_close` fault closes the socket with a given code after a
given number of server events.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
from typing import Any

from starlette.routing import BaseRoute, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from .._json import as_obj, objs
from .._model import Reply, Turn, content_text, count_tokens, respond
from .._state import Emulated
from .._ws import FaultClosed, close_if_due

JSON = dict[str, Any]


# close codes that cannot travel in a close frame: the connection is cut instead
class Session:
    def __init__(
        self, ws: WebSocket, e: Emulated, model: str, beta: bool, fault: JSON | None
    ) -> None:
        self.ws = ws
        self.e = e
        self.model = model
        self.beta = beta
        self.fault = fault
        self.sent = 0
        self.items: list[JSON] = []
        self.audio = bytearray()
        self.session = self._initial_session()

    def _initial_session(self) -> JSON:
        base: JSON = {
            "id": self.e.new_id("sess_", 24),
            "object": "realtime.session",
            "model": self.model,
            "instructions": "",
            "tools": [],
            "tool_choice": "auto",
            "expires_at": self.e.now() + 1800,
        }
        if self.beta:
            return dict(
                base,
                modalities=["text", "audio"],
                voice="alloy",
                input_audio_format="pcm16",
                output_audio_format="pcm16",
                input_audio_transcription=None,
                turn_detection=None,
                temperature=0.8,
                max_response_output_tokens="inf",
            )
        return dict(
            base,
            type="realtime",
            output_modalities=["audio"],
            max_output_tokens="inf",
            tracing=None,
            prompt=None,
            include=None,
            audio={
                "input": {
                    "format": {"type": "audio/pcm", "rate": 24000},
                    "transcription": None,
                    "noise_reduction": None,
                    "turn_detection": None,
                },
                "output": {
                    "format": {"type": "audio/pcm", "rate": 24000},
                    "voice": "alloy",
                    "speed": 1.0,
                },
            },
        )

    async def send(self, event: JSON) -> None:
        await close_if_due(self.ws, self.fault, self.sent)
        out = {
            "type": event.pop("type"),
            "event_id": self.e.new_id("event_", 24),
            **event,
        }
        await self.ws.send_text(json.dumps(out))
        self.sent += 1
        await close_if_due(self.ws, self.fault, self.sent)

    async def error(
        self,
        message: str,
        *,
        code: str | None = None,
        param: str | None = None,
        client_event_id: str | None = None,
    ) -> None:
        await self.send(
            {
                "type": "error",
                "error": {
                    "type": "invalid_request_error",
                    "code": code,
                    "message": message,
                    "param": param,
                    "event_id": client_event_id,
                },
            }
        )

    # event handlers

    async def handle(self, raw: str) -> None:
        try:
            event = as_obj(json.loads(raw))
        except ValueError:
            await self.error("The event is not valid JSON.", code="invalid_json")
            return
        if event is None or not isinstance(event.get("type"), str):
            await self.error(
                "Each event must be a JSON object with a string 'type'.",
                code="invalid_event",
                param="type",
            )
            return
        client_id = event.get("event_id")
        client_id = client_id if isinstance(client_id, str) else None
        handler = _HANDLERS.get(str(event["type"]))
        if handler is None:
            await self.error(
                f"Invalid value: '{event['type']}'. This client event type is not supported.",
                code="invalid_value",
                param="type",
                client_event_id=client_id,
            )
            return
        await handler(self, event, client_id)

    async def session_update(self, event: JSON, client_id: str | None) -> None:
        update = event.get("session")
        if not isinstance(update, dict):
            await self.error(
                "Missing required parameter: 'session'.",
                code="missing_required_parameter",
                param="session",
                client_event_id=client_id,
            )
            return
        _merge(self.session, update)  # pyright: ignore[reportUnknownArgumentType]
        await self.send(
            {"type": "session.updated", "session": copy.deepcopy(self.session)}
        )

    async def _add_item(self, item: JSON, previous: str | None) -> None:
        self.items.append(item)
        if self.beta:
            await self.send(
                {
                    "type": "conversation.item.created",
                    "previous_item_id": previous,
                    "item": item,
                }
            )
        else:
            await self.send(
                {
                    "type": "conversation.item.added",
                    "previous_item_id": previous,
                    "item": item,
                }
            )
            await self.send(
                {
                    "type": "conversation.item.done",
                    "previous_item_id": previous,
                    "item": item,
                }
            )

    async def item_create(self, event: JSON, client_id: str | None) -> None:
        given = as_obj(event.get("item"))
        if given is None or given.get("type") not in (
            "message",
            "function_call",
            "function_call_output",
        ):
            await self.error(
                "Invalid 'item': expected a message, function_call or function_call_output item.",
                code="invalid_value",
                param="item",
                client_event_id=client_id,
            )
            return
        item = dict(given)
        item.setdefault("id", self.e.new_id("item_", 24))
        item.setdefault("object", "realtime.item")
        item.setdefault("status", "completed")
        previous = self.items[-1]["id"] if self.items else None
        await self._add_item(item, previous)

    async def item_delete(self, event: JSON, client_id: str | None) -> None:
        item = await self._item_or_error(event, client_id)
        if item is None:
            return
        self.items.remove(item)
        await self.send({"type": "conversation.item.deleted", "item_id": item["id"]})

    async def item_retrieve(self, event: JSON, client_id: str | None) -> None:
        item = await self._item_or_error(event, client_id)
        if item is None:
            return
        await self.send({"type": "conversation.item.retrieved", "item": item})

    async def item_truncate(self, event: JSON, client_id: str | None) -> None:
        item = self._find(event.get("item_id"))
        if item is None or item.get("role") != "assistant":
            await self.error(
                "Only assistant message items can be truncated.",
                code="invalid_value",
                param="item_id",
                client_event_id=client_id,
            )
            return
        await self.send(
            {
                "type": "conversation.item.truncated",
                "item_id": item["id"],
                "content_index": event.get("content_index", 0),
                "audio_end_ms": event.get("audio_end_ms", 0),
            }
        )

    async def _item_or_error(self, event: JSON, client_id: str | None) -> JSON | None:
        item = self._find(event.get("item_id"))
        if item is None:
            await self.error(
                f"Item with item_id '{event.get('item_id')}' not found.",
                code="item_not_found",
                param="item_id",
                client_event_id=client_id,
            )
        return item

    def _find(self, item_id: Any) -> JSON | None:
        return next((i for i in self.items if i["id"] == item_id), None)

    async def audio_append(self, event: JSON, client_id: str | None) -> None:
        try:
            self.audio.extend(
                base64.b64decode(str(event.get("audio", "")), validate=True)
            )
        except (binascii.Error, ValueError):
            await self.error(
                "Invalid 'audio': expected base64-encoded audio.",
                code="invalid_value",
                param="audio",
                client_event_id=client_id,
            )

    async def audio_commit(self, event: JSON, client_id: str | None) -> None:
        if len(self.audio) < 4800:  # 100 ms of 24 kHz pcm16
            await self.error(
                "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio.",
                code="input_audio_buffer_commit_empty",
                client_event_id=client_id,
            )
            return
        ms = len(self.audio) * 1000 // 48000
        previous = self.items[-1]["id"] if self.items else None
        item: JSON = {
            "id": self.e.new_id("item_", 24),
            "object": "realtime.item",
            "type": "message",
            "role": "user",
            "status": "completed",
            "content": [
                {"type": "input_audio", "transcript": f"(audio input of {ms} ms)"}
            ],
        }
        self.audio.clear()
        await self.send(
            {
                "type": "input_audio_buffer.committed",
                "previous_item_id": previous,
                "item_id": item["id"],
            }
        )
        await self._add_item(item, previous)

    async def audio_clear(self, event: JSON, client_id: str | None) -> None:
        self.audio.clear()
        await self.send({"type": "input_audio_buffer.cleared"})

    async def response_cancel(self, event: JSON, client_id: str | None) -> None:
        await self.error(
            "Cancellation failed: no active response found.",
            code="response_cancel_not_active",
            client_event_id=client_id,
        )

    async def response_create(self, event: JSON, client_id: str | None) -> None:
        options: JSON = event.get("response") or {}
        modalities = (
            options.get("output_modalities")
            or options.get("modalities")
            or self.session.get("modalities" if self.beta else "output_modalities")
            or ["text"]
        )
        audio = "audio" in modalities
        out_of_band = options.get("conversation") == "none"
        context = objs(options.get("input")) or self.items
        turn = Turn(model=self.model)
        for item in context:
            if item.get("type") == "message" and item.get("role") == "user":
                parts = item.get("content")
                turn.last_user_text = content_text(parts) or " ".join(
                    str(p.get("transcript") or "") for p in objs(parts)
                )
        if context and context[-1].get("type") == "function_call_output":
            turn.last_is_tool_result = True
            turn.last_tool_output = str(context[-1].get("output", ""))
        tools = (
            options.get("tools")
            if options.get("tools") is not None
            else self.session.get("tools")
        )
        turn.tools = [
            {"name": t.get("name", ""), "parameters": t.get("parameters")}
            for t in objs(tools)
            if t.get("type") == "function"
        ]
        turn.tool_choice = options.get("tool_choice") or self.session.get(
            "tool_choice", "auto"
        )
        reply = respond(turn, self.e.control.next_reply(self.model))
        await self._respond(
            reply, modalities, audio, out_of_band, options.get("metadata"), turn
        )

    async def _respond(
        self,
        reply: Reply,
        modalities: list[str],
        audio: bool,
        out_of_band: bool,
        metadata: Any,
        turn: Turn,
    ) -> None:
        response_id = self.e.new_id("resp_", 24)
        response: JSON = {
            "id": response_id,
            "object": "realtime.response",
            "status": "in_progress",
            "status_details": None,
            "output": [],
            "conversation_id": None
            if out_of_band
            else "conv_" + self.session["id"][5:],
            "metadata": metadata,
            "usage": None,
        }
        response["modalities" if self.beta else "output_modalities"] = modalities
        await self.send(
            {"type": "response.created", "response": copy.deepcopy(response)}
        )
        outputs: list[JSON] = []
        if reply.kind == "tool_calls":
            for call in reply.tool_calls:
                outputs.append(
                    await self._function_call(
                        response_id,
                        len(outputs),
                        call.name,
                        call.arguments,
                        call.call_id or self.e.new_id("call_", 24),
                        out_of_band,
                    )
                )
        else:
            outputs.append(await self._message(response_id, reply, audio, out_of_band))
        input_tokens = count_tokens(turn.last_user_text) + 3 * len(self.items)
        response.update(
            status="completed" if reply.finish != "length" else "incomplete",
            status_details=None
            if reply.finish != "length"
            else {"type": "incomplete", "reason": "max_output_tokens"},
            output=outputs,
            usage={
                "total_tokens": input_tokens + reply.output_tokens,
                "input_tokens": input_tokens,
                "output_tokens": reply.output_tokens,
                "input_token_details": {
                    "text_tokens": input_tokens,
                    "audio_tokens": 0,
                    "cached_tokens": 0,
                },
                "output_token_details": {
                    "text_tokens": reply.output_tokens,
                    "audio_tokens": 0,
                },
            },
        )
        await self.send({"type": "response.done", "response": response})

    async def _output_item(
        self, response_id: str, index: int, item: JSON, out_of_band: bool, done: bool
    ) -> None:
        kind = "response.output_item.done" if done else "response.output_item.added"
        await self.send(
            {
                "type": kind,
                "response_id": response_id,
                "output_index": index,
                "item": copy.deepcopy(item),
            }
        )
        if out_of_band:
            return
        if not done:
            previous = self.items[-1]["id"] if self.items else None
            self.items.append(item)
            if self.beta:
                await self.send(
                    {
                        "type": "conversation.item.created",
                        "previous_item_id": previous,
                        "item": copy.deepcopy(item),
                    }
                )
            else:
                await self.send(
                    {
                        "type": "conversation.item.added",
                        "previous_item_id": previous,
                        "item": copy.deepcopy(item),
                    }
                )
        elif not self.beta:
            await self.send(
                {"type": "conversation.item.done", "item": copy.deepcopy(item)}
            )

    async def _function_call(
        self,
        response_id: str,
        index: int,
        name: str,
        arguments: str,
        call_id: str,
        out_of_band: bool,
    ) -> JSON:
        item: JSON = {
            "id": self.e.new_id("item_", 24),
            "object": "realtime.item",
            "type": "function_call",
            "status": "in_progress",
            "name": name,
            "call_id": call_id,
            "arguments": "",
        }
        await self._output_item(response_id, index, item, out_of_band, done=False)
        ids = {
            "response_id": response_id,
            "item_id": item["id"],
            "output_index": index,
            "call_id": call_id,
        }
        for piece in [arguments[i : i + 8] for i in range(0, len(arguments), 8)]:
            await self.send(
                {
                    "type": "response.function_call_arguments.delta",
                    **ids,
                    "delta": piece,
                }
            )
        await self.send(
            {
                "type": "response.function_call_arguments.done",
                **ids,
                "name": name,
                "arguments": arguments,
            }
        )
        item.update(status="completed", arguments=arguments)
        await self._output_item(response_id, index, item, out_of_band, done=True)
        return item

    async def _message(
        self, response_id: str, reply: Reply, audio: bool, out_of_band: bool
    ) -> JSON:
        item: JSON = {
            "id": self.e.new_id("item_", 24),
            "object": "realtime.item",
            "type": "message",
            "role": "assistant",
            "status": "in_progress",
            "content": [],
        }
        await self._output_item(response_id, 0, item, out_of_band, done=False)
        ids = {
            "response_id": response_id,
            "item_id": item["id"],
            "output_index": 0,
            "content_index": 0,
        }
        text = reply.text
        if audio:
            names = (
                ("response.audio_transcript", "response.audio")
                if self.beta
                else ("response.output_audio_transcript", "response.output_audio")
            )
            await self.send(
                {
                    "type": "response.content_part.added",
                    **ids,
                    "part": {"type": "audio", "transcript": ""},
                }
            )
            for piece in reply.chunks:
                await self.send({"type": f"{names[0]}.delta", **ids, "delta": piece})
                await self.send(
                    {
                        "type": f"{names[1]}.delta",
                        **ids,
                        "delta": base64.b64encode(
                            bytes(480 * max(1, len(piece)))
                        ).decode(),
                    }
                )
            await self.send({"type": f"{names[1]}.done", **ids})
            await self.send({"type": f"{names[0]}.done", **ids, "transcript": text})
            part: JSON = {"type": "audio", "transcript": text}
            content: JSON = {
                "type": "audio" if self.beta else "output_audio",
                "transcript": text,
            }
        else:
            name = "response.text" if self.beta else "response.output_text"
            await self.send(
                {
                    "type": "response.content_part.added",
                    **ids,
                    "part": {"type": "text", "text": ""},
                }
            )
            for piece in reply.chunks:
                await self.send({"type": f"{name}.delta", **ids, "delta": piece})
            await self.send({"type": f"{name}.done", **ids, "text": text})
            part = {"type": "text", "text": text}
            content = {"type": "text" if self.beta else "output_text", "text": text}
        await self.send({"type": "response.content_part.done", **ids, "part": part})
        item.update(
            status="completed" if reply.finish != "length" else "incomplete",
            content=[content],
        )
        await self._output_item(response_id, 0, item, out_of_band, done=True)
        return item


def _merge(target: JSON, update: JSON) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)  # pyright: ignore[reportUnknownArgumentType]
        else:
            target[key] = value


_HANDLERS = {
    "session.update": Session.session_update,
    "conversation.item.create": Session.item_create,
    "conversation.item.delete": Session.item_delete,
    "conversation.item.retrieve": Session.item_retrieve,
    "conversation.item.truncate": Session.item_truncate,
    "input_audio_buffer.append": Session.audio_append,
    "input_audio_buffer.commit": Session.audio_commit,
    "input_audio_buffer.clear": Session.audio_clear,
    "response.create": Session.response_create,
    "response.cancel": Session.response_cancel,
}


def _authorized(ws: WebSocket) -> bool:
    if ws.headers.get("authorization", "").startswith("Bearer ") or ws.headers.get(
        "api-key"
    ):
        return True
    protocols = ws.headers.get("sec-websocket-protocol", "")
    return "openai-insecure-api-key." in protocols


async def realtime(ws: WebSocket) -> None:
    e: Emulated = ws.app.state.emulated
    if e.config.require_auth and not _authorized(ws):
        await ws.close(
            code=4001, reason="missing API key"
        )  # rejected before the handshake completes
        return
    model = ws.query_params.get("model") or (
        "gpt-realtime" if ws.query_params.get("call_id") else None
    )
    if model is None:
        await ws.accept()
        await ws.send_text(
            json.dumps(
                {
                    "type": "error",
                    "event_id": e.new_id("event_", 24),
                    "error": {
                        "type": "invalid_request_error",
                        "code": "missing_model",
                        "message": "Missing 'model' query parameter.",
                        "param": "model",
                        "event_id": None,
                    },
                }
            )
        )
        await ws.close(code=1008)
        return
    beta = "realtime=v1" in ws.headers.get("openai-beta", "")
    fault = e.control.take_fault("ws_close", "GET", e.api_path(ws.url.path))
    await ws.accept()
    session = Session(ws, e, model, beta, fault)
    try:
        await session.send(
            {"type": "session.created", "session": copy.deepcopy(session.session)}
        )
        while True:
            await session.handle(await ws.receive_text())
    except FaultClosed:
        pass  # closed with the fault's code
    except WebSocketDisconnect:
        pass


ROUTES: list[BaseRoute] = [WebSocketRoute("/realtime", realtime)]
