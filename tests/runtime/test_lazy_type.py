"""Lazily typed fields (codegen ``lazy``): ``Response.instructions`` waits for a list."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any, Dict

import pytest

from openai._lazy_type import LazyType
from openai._models import parse_json

BASE: Dict[str, Any] = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1,
    "model": "gpt-4.1",
    "output": [],
    "parallel_tool_calls": True,
    "tool_choice": "auto",
    "tools": [],
    "status": "completed",
}
ITEMS = [
    {"role": "user", "content": "hello"},
    {"type": "function_call_output", "call_id": "call_1", "output": "42"},
]


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_a_string_never_imports_the_input_item_union() -> None:
    out = _run(
        "import sys, json\n"
        "from openai.types.responses import Response\n"
        f"r = Response.model_validate_json({json.dumps(json.dumps({**BASE, 'instructions': 'be brief'}))})\n"
        "print(r.instructions, 'openai.types.responses.response_input_item' in sys.modules)"
    )
    assert out == "be brief False"


def test_a_list_is_validated_into_the_real_models() -> None:
    from openai.types.responses import Response
    from openai.types.responses.easy_input_message import EasyInputMessage
    from openai.types.responses.response_input_item import FunctionCallOutput

    response = Response.model_validate_json(json.dumps({**BASE, "instructions": ITEMS}))
    assert isinstance(response.instructions, list)
    first, second = response.instructions
    assert isinstance(first, EasyInputMessage) and first.content == "hello"
    assert isinstance(second, FunctionCallOutput) and second.call_id == "call_1"
    assert response.model_dump(exclude_unset=True)["instructions"] == [
        {"role": "user", "content": "hello"},
        {"type": "function_call_output", "call_id": "call_1", "output": "42"},
    ]
    assert (
        json.loads(response.model_dump_json(exclude_unset=True))["instructions"]
        == ITEMS
    )
    assert response.to_dict()["instructions"] == ITEMS


def test_an_unknown_item_falls_back_to_lenient_parsing_or_raises_when_strict() -> None:
    from openai.types.responses import Response

    content = json.dumps(
        {**BASE, "instructions": [{"type": "item_from_the_future", "x": 1}]}
    )
    response = parse_json(Response, content)
    assert response.instructions == [{"type": "item_from_the_future", "x": 1}]
    with pytest.raises(ValueError, match="instructions"):
        parse_json(Response, content, strict=True)


def test_the_module_still_exposes_the_real_type() -> None:
    from openai.types.responses import response as module
    from openai.types.responses.response_input_item import ResponseInputItem

    assert module.ResponseInputItem is ResponseInputItem
    with pytest.raises(AttributeError, match="no_such_name"):
        getattr(module, "no_such_name")  # noqa: B009


def test_json_schema_describes_the_real_type() -> None:
    from openai.types.responses import Response

    schema = Response.model_json_schema()
    variants = schema["properties"]["instructions"]["anyOf"]
    assert {"type": "string"} in variants
    assert any(v.get("type") == "array" for v in variants)


def test_lazy_type_is_not_callable_and_names_its_target() -> None:
    lazy = LazyType("openai.types.responses.response_input_item", "ResponseInputItem")
    assert (
        repr(lazy)
        == "LazyType(openai.types.responses.response_input_item:ResponseInputItem)"
    )
    with pytest.raises(TypeError, match="ResponseInputItem"):
        lazy()
