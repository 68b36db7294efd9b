"""The emulated model: a deterministic function from a conversation to a reply.

Rules, in order:
1. A reply scripted for this model (or for any model) is used first.
2. A structured-output request (json_schema) gets a minimal valid instance;
   json_object gets `{}`.
3. With function tools and a `tool_choice` other than "none": if the last
   input is a tool result, the model answers with text that quotes it; else it
   calls a tool when `tool_choice` is "required" or names a function, or, for
   "auto", when the last user text mentions a tool's name (`get_weather` or
   `get weather`). Arguments are a minimal valid instance of the parameters.
4. Otherwise the reply is `You said: <last user text>`.
A token limit smaller than the reply cuts it (finish reason "length").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ._json import array, as_obj, get
from ._schema import minimal_instance

JSON = dict[str, Any]

_TOKEN = re.compile(r"\w+|[^\w\s]")
_PIECE = re.compile(r"\s*\S+\s*")


def count_tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def split_chunks(text: str) -> list[str]:
    """Stream pieces: one word each, keeping the whitespace, joining back to `text`."""
    pieces = _PIECE.findall(text)
    if "".join(pieces) != text:  # only whitespace, or empty
        return [text] if text else []
    return pieces


def cut_to_tokens(text: str, limit: int) -> str:
    out = ""
    used = 0
    for piece in split_chunks(text):
        n = count_tokens(piece)
        if used + n > limit:
            break
        out += piece
        used += n
    return out.rstrip()


def _json_list() -> list[JSON]:
    return []


def _str_list() -> list[str]:
    return []


def _call_list() -> list[ToolCall]:
    return []


@dataclass
class ToolCall:
    name: str
    arguments: str
    call_id: str = ""


@dataclass
class Turn:
    """What the model sees, normalised from chat messages or Responses input items."""

    model: str
    last_user_text: str = ""
    last_is_tool_result: bool = False
    last_tool_output: str = ""
    prompt_text: str = ""
    tools: list[JSON] = field(default_factory=_json_list)  # [{"name", "parameters"}]
    tool_choice: Any = None
    json_schema: JSON | None = None
    json_object: bool = False
    max_tokens: int | None = None


@dataclass
class Reply:
    kind: str  # "text" | "tool_calls" | "refusal"
    text: str = ""
    chunks: list[str] = field(default_factory=_str_list)
    tool_calls: list[ToolCall] = field(default_factory=_call_list)
    finish: str = "stop"  # "stop" | "length" | "tool_calls"

    @property
    def output_tokens(self) -> int:
        if self.kind == "tool_calls":
            return sum(
                count_tokens(c.name) + count_tokens(c.arguments)
                for c in self.tool_calls
            )
        return count_tokens(self.text)


def respond(turn: Turn, scripted: JSON | None) -> Reply:
    reply = _from_script(scripted) if scripted is not None else _default(turn)
    limit = turn.max_tokens
    if (
        reply.kind == "text"
        and limit is not None
        and reply.finish == "stop"
        and count_tokens(reply.text) > limit
    ):
        reply = Reply("text", text=cut_to_tokens(reply.text, limit), finish="length")
    if not reply.chunks:
        reply.chunks = split_chunks(reply.text)
    return reply


def _from_script(script: JSON) -> Reply:
    kind = script["type"]
    chunks = list(script.get("chunks") or [])
    if kind == "text":
        return Reply("text", text=script["text"], chunks=chunks)
    if kind == "length":
        return Reply("text", text=script["text"], chunks=chunks, finish="length")
    if kind == "refusal":
        return Reply("refusal", text=script["refusal"], chunks=chunks)
    calls: list[ToolCall] = []
    for call in script["calls"]:
        args = call.get("arguments", {})
        calls.append(
            ToolCall(
                call["name"],
                args if isinstance(args, str) else json.dumps(args),
                call.get("id", ""),
            )
        )
    return Reply("tool_calls", tool_calls=calls, finish="tool_calls")


def _default(turn: Turn) -> Reply:
    if turn.last_is_tool_result:
        return Reply("text", text=f"The tool returned: {turn.last_tool_output}")
    if turn.tools and turn.tool_choice != "none":
        tool = _chosen_tool(turn)
        if tool is not None:
            args = minimal_instance(tool.get("parameters") or {"type": "object"})
            return Reply(
                "tool_calls",
                tool_calls=[ToolCall(tool["name"], json.dumps(args))],
                finish="tool_calls",
            )
    if turn.json_schema is not None:
        return Reply("text", text=json.dumps(minimal_instance(turn.json_schema)))
    if turn.json_object:
        return Reply("text", text="{}")
    if turn.last_user_text:
        return Reply("text", text=f"You said: {turn.last_user_text}")
    return Reply("text", text="Hello from the OpenAI emulator.")


def _chosen_tool(turn: Turn) -> JSON | None:
    choice = turn.tool_choice
    chosen = as_obj(choice)
    if chosen is not None:
        name = chosen.get("name") or get(chosen.get("function"), "name")
        for tool in turn.tools:
            if tool["name"] == name:
                return tool
        return None
    if choice == "required":
        return turn.tools[0]
    text = turn.last_user_text.lower()
    for tool in turn.tools:
        name = str(tool["name"]).lower()
        if name in text or name.replace("_", " ") in text:
            return tool
    return None


def content_text(content: Any) -> str:
    """The text of a message's content: a string, or a list of text-like parts."""
    if isinstance(content, str):
        return content
    texts: list[str] = []
    for part in array(content):
        if isinstance(part, str):
            texts.append(part)
        else:
            text = get(part, "text", get(part, "refusal"))
            if isinstance(text, str):
                texts.append(text)
    return " ".join(texts)
