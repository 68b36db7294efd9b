"""Responses/Conversations input items: normalising what callers send into stored
items (with ids and typed content parts), and reading a turn out of them."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from ._http import bad_request
from ._json import array, as_list, as_obj
from ._model import Turn, content_text, count_tokens
from ._state import Emulated

JSON = dict[str, Any]

_ROLES = ("user", "system", "developer", "assistant")


def normalize_input(e: Emulated, value: Any, param: str = "input") -> list[JSON]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [{"role": "user", "content": value}]
    items = as_list(value)
    if items is None:
        raise bad_request(
            f"Invalid type for '{param}': expected a string or an array of items.",
            param=param,
        )
    return [_normalize_item(e, item, f"{param}[{i}]") for i, item in enumerate(items)]


def _normalize_item(e: Emulated, value: Any, param: str) -> JSON:
    given = as_obj(value)
    if given is None:
        raise bad_request(
            f"Invalid type for '{param}': expected an object.", param=param
        )
    item = dict(given)
    kind = item.get("type", "message" if "role" in item else None)
    if kind == "message":
        role = item.get("role")
        if role not in _ROLES:
            raise bad_request(
                f"Invalid value for '{param}.role': expected one of {', '.join(_ROLES)}.",
                param=f"{param}.role",
            )
        content = item.get("content")
        parts: list[JSON]
        if isinstance(content, str):
            parts = [_text_part(role, content)]
        elif as_list(content) is not None:
            parts = [_part(role, p) for p in array(content)]
            for part in parts:
                if part.get("type") == "output_text":
                    part.setdefault("annotations", [])
        else:
            raise bad_request(
                f"Missing required parameter: '{param}.content'.",
                param=f"{param}.content",
            )
        out: JSON = {
            "id": item.get("id") or e.new_id("msg_"),
            "type": "message",
            "role": role,
            "status": item.get("status") or "completed",
            "content": parts,
        }
        return out
    if kind == "function_call_output":
        if not isinstance(item.get("call_id"), str):
            raise bad_request(
                f"Missing required parameter: '{param}.call_id'.",
                param=f"{param}.call_id",
            )
        output = item.get("output")
        return {
            "id": item.get("id") or e.new_id("fco_"),
            "type": "function_call_output",
            "call_id": item["call_id"],
            "output": output if output is not None else "",
            "status": item.get("status") or "completed",
        }
    if kind == "function_call":
        for key in ("call_id", "name", "arguments"):
            if not isinstance(item.get(key), str):
                raise bad_request(
                    f"Missing required parameter: '{param}.{key}'.",
                    param=f"{param}.{key}",
                )
        item.setdefault("id", e.new_id("fc_"))
        item.setdefault("status", "completed")
        return item
    if kind is None:
        raise bad_request(
            f"Missing required parameter: '{param}.type'.", param=f"{param}.type"
        )
    item.setdefault("id", e.new_id("item_"))
    return item


def _part(role: str, value: Any) -> JSON:
    found = as_obj(value)
    return dict(found) if found is not None else _text_part(role, str(value))


def _text_part(role: str, text: str) -> JSON:
    if role == "assistant":
        return {"type": "output_text", "text": text, "annotations": []}
    return {"type": "input_text", "text": text}


def item_text(item: JSON) -> str:
    kind = item.get("type")
    if kind == "message":
        return content_text(item.get("content"))
    if kind == "function_call_output":
        output = item.get("output")
        return output if isinstance(output, str) else content_text(output)
    if kind == "function_call":
        return f"{item.get('name', '')} {item.get('arguments', '')}"
    if kind == "compaction":
        return " ".join(_compacted_texts(item.get("encrypted_content")))
    return ""


def compaction_content(items: list[JSON]) -> str:
    """The opaque content of a `compaction` item: the texts it stands for, encoded."""
    texts = [t for t in (item_text(i) for i in items) if t]
    return base64.b64encode(json.dumps(texts).encode()).decode("ascii")


def _compacted_texts(content: Any) -> list[str]:
    # content from elsewhere (the real API's) is not ours to read: it counts as empty
    try:
        texts: Any = json.loads(base64.b64decode(str(content), validate=True))
    except (ValueError, binascii.Error):
        return []
    return [t for t in as_list(texts) or [] if isinstance(t, str)]


def items_tokens(items: list[JSON], instructions: str | None = None) -> int:
    total = count_tokens(instructions or "")
    for item in items:
        total += count_tokens(item_text(item)) + 3
    return total


def fill_turn(turn: Turn, context: list[JSON]) -> Turn:
    for item in context:
        if item.get("type") == "message" and item.get("role") == "user":
            turn.last_user_text = content_text(item.get("content"))
    if context and context[-1].get("type") == "function_call_output":
        turn.last_is_tool_result = True
        turn.last_tool_output = item_text(context[-1])
    turn.prompt_text = " ".join(item_text(i) for i in context)
    return turn
