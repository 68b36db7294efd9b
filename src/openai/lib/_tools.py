"""Function tools defined by pydantic models.

The tool definitions are plain dicts, as the request bodies want them, but the
``function`` part (chat) or the whole tool (Responses) is a dict subclass that
also remembers its model, so ``parse()`` can validate the model's arguments into
that model later without a separate registry.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

import pydantic

from ._pydantic import to_strict_json_schema

__all__ = [
    "PydanticFunctionTool",
    "ResponsesPydanticFunctionTool",
    "pydantic_function_tool",
]


class PydanticFunctionTool(Dict[str, Any]):
    """The ``function`` definition of a chat tool, carrying the model it was made from."""

    model: type[pydantic.BaseModel]

    def __init__(self, defn: Dict[str, Any], model: type[pydantic.BaseModel]) -> None:
        super().__init__(defn)
        self.model = model

    def cast(self) -> Dict[str, Any]:
        """Return ``self`` typed as the plain function definition."""
        return self


class ResponsesPydanticFunctionTool(Dict[str, Any]):
    """A Responses API function tool, carrying the model it was made from."""

    model: type[pydantic.BaseModel]

    def __init__(self, tool: Dict[str, Any], model: type[pydantic.BaseModel]) -> None:
        super().__init__(tool)
        self.model = model

    def cast(self) -> Dict[str, Any]:
        """Return ``self`` typed as the plain tool parameter."""
        return self


def pydantic_function_tool(
    model: type[pydantic.BaseModel],
    *,
    name: Optional[str] = None,
    description: Optional[str] = None,
) -> Dict[str, Any]:
    """Build a strict chat-completions function tool whose arguments follow ``model``.

    The name defaults to the model's class name and the description to its
    docstring (through the schema's ``description``); both can be overridden.
    ``chat.completions.parse()`` validates the call's arguments into ``model``.
    """
    if not (isinstance(model, type) and issubclass(model, pydantic.BaseModel)):
        raise TypeError(
            f"pydantic_function_tool() expects a pydantic BaseModel subclass, got {model!r}"
        )
    if name is not None and not isinstance(name, str):
        raise TypeError(f"`name` must be a string, got {name!r}")

    parameters = to_strict_json_schema(model)
    if description is None:
        # the docstring, as pydantic cleaned it up for the schema
        description = parameters.get("description")

    defn: Dict[str, Any] = {
        "name": name or model.__name__,
        "strict": True,
        "parameters": parameters,
    }
    if description is not None:
        defn["description"] = description
    return {"type": "function", "function": PydanticFunctionTool(defn, model)}


def to_responses_tool(function: PydanticFunctionTool) -> ResponsesPydanticFunctionTool:
    """Turn the ``function`` part of a chat tool into the flat Responses tool shape."""
    tool: Dict[str, Any] = {"type": "function", "name": function["name"]}
    if "description" in function:
        tool["description"] = function["description"]
    tool["parameters"] = function["parameters"]
    tool["strict"] = function.get("strict", True)
    return ResponsesPydanticFunctionTool(tool, function.model)
