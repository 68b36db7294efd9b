"""Structured outputs for the Responses API: ``text_format`` types become strict
``json_schema`` text formats, and output text and function call arguments are
validated back into the caller's types.
"""

from __future__ import annotations

import json
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Iterable,
    List,
    Optional,
    TypeVar,
    Union,
    cast,
)

from ..._types import NoneType, Omit, omit
from ..._utils import is_given
from .._pydantic import is_basemodel_type, is_dataclass_like_type
from .._tools import (
    PydanticFunctionTool,
    ResponsesPydanticFunctionTool,
    to_responses_tool,
)
from ._completions import type_to_response_format_param
from ._copy import parametrize, rebuild

if TYPE_CHECKING:
    from ...types.responses.function_tool_param import FunctionToolParam
    from ...types.responses.parsed_response import (
        ParsedResponse,
        ParsedResponseFunctionToolCall,
    )
    from ...types.responses.response import Response
    from ...types.responses.response_function_tool_call import ResponseFunctionToolCall

__all__ = [
    "TextFormatT",
    "type_to_text_format_param",
    "parse_response",
    "parse_text",
    "get_input_tool_by_name",
    "parse_function_tool_arguments",
    "make_tools",
]

TextFormatT = TypeVar("TextFormatT")
"""The Python type the output text is parsed into (``text_format=MyModel``)."""


def type_to_text_format_param(type_: type) -> Dict[str, Any]:
    """The ``text.format`` request value for a pydantic model class or dataclass."""
    response_format = type_to_response_format_param(type_)
    json_schema = response_format["json_schema"]
    return {
        "type": "json_schema",
        "strict": True,
        "name": json_schema["name"],
        "schema": json_schema["schema"],
    }


def with_text_format(text: Any, text_format: Any) -> Any:
    """The ``text`` request parameter with ``text_format``'s schema as its ``format``."""
    if not is_given(text_format):
        return text
    merged: Dict[str, Any] = dict(text) if is_given(text) and text else {}
    if "format" in merged:
        raise TypeError("Give either `text_format` or `text.format`, not both")
    merged["format"] = type_to_text_format_param(text_format)
    return merged


def make_tools(tools: Any) -> Any:
    """The request's tools, with chat-shaped ``pydantic_function_tool()`` definitions
    turned into the flat Responses function tool shape (which keeps the model)."""
    if not is_given(tools):
        return omit
    converted: List[Any] = []
    for i, tool in enumerate(tools):
        if (
            isinstance(tool, dict)
            and cast(Dict[str, Any], tool).get("type") == "function"
            and "function" in tool
        ):
            function = cast(Dict[str, Any], tool)["function"]
            if not isinstance(function, PydanticFunctionTool):
                raise TypeError(
                    f"`tools[{i}]` has the chat completions shape ({{'type': 'function', 'function': ...}}), which "
                    "the Responses API accepts only when built with `openai.pydantic_function_tool()`; use the "
                    "flat shape {'type': 'function', 'name': ..., 'parameters': ...}"
                )
            converted.append(to_responses_tool(function))
        else:
            converted.append(tool)
    return converted


def parse_text(text: str, text_format: Any) -> Any:
    """``text`` validated into ``text_format`` (None when no format was given)."""
    if not is_given(text_format):
        return None
    if is_basemodel_type(text_format):
        return text_format.model_validate_json(text)
    if is_dataclass_like_type(text_format):
        import pydantic

        return pydantic.TypeAdapter(text_format).validate_json(text)
    raise TypeError(
        f"Unable to parse output text into `text_format` {text_format!r}: not a model or dataclass"
    )


def get_input_tool_by_name(
    *, input_tools: Iterable[Any], name: str
) -> Optional[FunctionToolParam]:
    """The request's function tool called ``name``, if any."""
    for tool in input_tools:
        if isinstance(tool, dict):
            found = cast(Dict[str, Any], tool)
            if found.get("type") == "function" and found.get("name") == name:
                return cast("FunctionToolParam", tool)
    return None


def parse_function_tool_arguments(
    *,
    input_tools: Union[Iterable[Any], Omit, None],
    function_call: Union[ParsedResponseFunctionToolCall, ResponseFunctionToolCall],
) -> object:
    """The decoded arguments of a function call: an instance of the tool's model for a
    pydantic function tool, a JSON value for another strict tool, else None."""
    if input_tools is None or not is_given(input_tools):
        return None
    tool = get_input_tool_by_name(input_tools=input_tools, name=function_call.name)
    if tool is None:
        return None
    if isinstance(tool, ResponsesPydanticFunctionTool):
        return tool.model.model_validate_json(function_call.arguments)
    if not tool.get("strict"):
        return None
    return json.loads(function_call.arguments)


def solve_text_format_t(text_format: Any) -> Any:
    return (
        text_format if is_given(text_format) and text_format is not None else NoneType
    )


def parse_output_item(
    item: Any, *, text_format: Any, input_tools: Any, solved: Any
) -> Any:
    """One output item in its parsed form (messages and function calls; others as they are)."""
    from ...types.responses.parsed_response import (
        ParsedResponseFunctionToolCall,
        ParsedResponseOutputMessage,
        ParsedResponseOutputText,
    )

    item_type = getattr(item, "type", None)
    if item_type == "message":
        content: List[Any] = []
        for part in item.content:
            if getattr(part, "type", None) == "output_text":
                part = rebuild(
                    parametrize(ParsedResponseOutputText, solved),
                    part,
                    parsed=parse_text(part.text, text_format=text_format),
                )
            content.append(part)
        return rebuild(
            parametrize(ParsedResponseOutputMessage, solved), item, content=content
        )
    if item_type == "function_call":
        return rebuild(
            ParsedResponseFunctionToolCall,
            item,
            parsed_arguments=parse_function_tool_arguments(
                input_tools=input_tools, function_call=item
            ),
        )
    return item


def parse_response(
    *,
    text_format: Any,
    input_tools: Union[Iterable[Any], Omit, None],
    response: Union[Response, ParsedResponse[object]],
) -> ParsedResponse[Any]:
    """A ``ParsedResponse``: output text parsed into ``text_format`` (``parsed`` of each
    output text, ``output_parsed`` of the response) and function call arguments decoded
    into ``parsed_arguments``."""
    from ...types.responses.parsed_response import ParsedResponse

    solved = solve_text_format_t(text_format)
    tools = (
        list(input_tools) if input_tools is not None and is_given(input_tools) else None
    )
    output = [
        parse_output_item(
            item, text_format=text_format, input_tools=tools, solved=solved
        )
        for item in response.output
    ]
    return rebuild(parametrize(ParsedResponse, solved), response, output=output)
