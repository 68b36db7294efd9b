"""Structured outputs for chat completions: the request side (a Python type becomes a
strict ``json_schema`` response format) and the response side (content and tool-call
arguments validated back into the types the caller gave).
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

from typing_extensions import TypeGuard

from ..._exceptions import ContentFilterFinishReasonError, LengthFinishReasonError
from ..._types import NoneType, Omit, omit
from ..._utils import is_given
from .._pydantic import is_basemodel_type, is_dataclass_like_type, to_strict_json_schema
from .._tools import PydanticFunctionTool
from ._copy import parametrize, rebuild

if TYPE_CHECKING:
    from ...types.chat.chat_completion import ChatCompletion
    from ...types.chat.chat_completion_function_tool_param import (
        ChatCompletionFunctionToolParam,
    )
    from ...types.chat.chat_completion_message import ChatCompletionMessage
    from ...types.chat.chat_completion_message_function_tool_call import Function
    from ...types.chat.chat_completion_tool_union_param import (
        ChatCompletionToolUnionParam,
    )
    from ...types.chat.parsed_chat_completion import (
        ParsedChatCompletion,
        ParsedChatCompletionMessage,
    )
    from ...types.chat.parsed_function_tool_call import ParsedFunction

__all__ = [
    "ResponseFormatT",
    "type_to_response_format_param",
    "parse_chat_completion",
    "get_input_tool_by_name",
    "has_parseable_input",
    "has_rich_response_format",
    "maybe_parse_content",
    "parse_function_tool_arguments",
    "validate_input_tools",
    "is_parseable_tool",
    "is_response_format_param",
    "solve_response_format_t",
]

ResponseFormatT = TypeVar("ResponseFormatT")
"""The Python type a structured output is parsed into (``response_format=MyModel``)."""

# A response format given as the plain request dict ({"type": "json_schema", ...}).
ResponseFormatParam = Dict[str, Any]


def is_response_format_param(response_format: object) -> TypeGuard[ResponseFormatParam]:
    """A request-shaped response format (a dict), as opposed to a Python type."""
    return isinstance(response_format, dict)


def has_rich_response_format(response_format: object) -> bool:
    """``response_format`` is a Python type whose content ``parse()`` validates."""
    return (
        is_given(response_format)
        and not is_response_format_param(response_format)
        and response_format is not None
    )


def type_to_response_format_param(response_format: Any) -> Any:
    """The request value of ``response_format``.

    A pydantic model class or a dataclass becomes a strict ``json_schema`` format named
    after the class; a dict is sent unchanged; ``omit`` stays ``omit``.
    """
    if not is_given(response_format):
        return omit
    if is_response_format_param(response_format):
        return response_format
    if is_basemodel_type(response_format):
        schema = to_strict_json_schema(response_format)
    elif is_dataclass_like_type(response_format):
        import pydantic

        schema = to_strict_json_schema(pydantic.TypeAdapter(response_format))
    else:
        raise TypeError(
            f"`response_format` must be a pydantic model class, a dataclass or a response format dict, "
            f"got {response_format!r}"
        )
    return {
        "type": "json_schema",
        "json_schema": {
            "schema": schema,
            "name": response_format.__name__,
            "strict": True,
        },
    }


# the name the official resource module gives it (libraries import it from there)
_type_to_response_format = type_to_response_format_param


def is_parseable_tool(input_tool: Any) -> bool:
    """A function tool whose arguments ``parse()`` decodes: a ``pydantic_function_tool()``
    or a definition marked ``strict``."""
    if (
        not isinstance(input_tool, dict)
        or cast(Dict[str, Any], input_tool).get("type") != "function"
    ):
        return False
    function = cast(Dict[str, Any], input_tool).get("function")
    if isinstance(function, PydanticFunctionTool):
        return True
    return (
        isinstance(function, dict)
        and cast(Dict[str, Any], function).get("strict") is True
    )


def has_parseable_input(*, response_format: Any, input_tools: Any = omit) -> bool:
    """The request asks for something ``parse()`` decodes (a rich format or a strict tool)."""
    if has_rich_response_format(response_format):
        return True
    return is_given(input_tools) and any(is_parseable_tool(t) for t in input_tools)


def validate_input_tools(tools: Any = omit) -> Any:
    """Refuse tools ``parse()`` cannot decode: only strict function tools are accepted.

    Returns ``tools`` unchanged (``omit`` when not given).
    """
    if not is_given(tools):
        return omit
    for i, tool in enumerate(tools):
        if not isinstance(tool, dict):
            raise TypeError(
                f"`tools[{i}]` must be a dict tool definition, got {tool!r}"
            )
        tool_type = cast(Dict[str, Any], tool).get("type")
        if tool_type != "function":
            raise ValueError(
                f"`tools[{i}]` has type {tool_type!r}: only `function` tools can be auto-parsed"
            )
        function: Dict[str, Any] = cast(Dict[str, Any], tool).get("function") or {}
        if function.get("strict") is not True:
            raise ValueError(
                f"`tools[{i}]` (function `{function.get('name')}`) is not strict: only strict function "
                "tools can be auto-parsed; set `strict: True` or build it with `openai.pydantic_function_tool()`"
            )
    return tools


def get_input_tool_by_name(
    *, input_tools: List[Any], name: str
) -> Optional[ChatCompletionFunctionToolParam]:
    """The function tool of the request called ``name``, if any."""
    for tool in input_tools:
        if (
            isinstance(tool, dict)
            and cast(Dict[str, Any], tool).get("type") == "function"
        ):
            function = cast(Dict[str, Any], tool).get("function")
            if (
                isinstance(function, dict)
                and cast(Dict[str, Any], function).get("name") == name
            ):
                return cast("ChatCompletionFunctionToolParam", tool)
    return None


def parse_function_tool_arguments(
    *, input_tools: List[Any], function: Union[Function, ParsedFunction]
) -> object:
    """The decoded arguments of a tool call: an instance of the tool's model for a
    ``pydantic_function_tool()``, a JSON value for another strict tool, else None."""
    tool = get_input_tool_by_name(input_tools=input_tools, name=function.name)
    if tool is None:
        return None
    definition: Any = tool.get("function")
    if isinstance(definition, PydanticFunctionTool):
        return definition.model.model_validate_json(function.arguments)
    if not cast(Dict[str, Any], definition).get("strict"):
        return None
    return json.loads(function.arguments)


def _parse_content(response_format: Any, content: str) -> Any:
    if is_basemodel_type(response_format):
        return response_format.model_validate_json(content)
    if is_dataclass_like_type(response_format):
        import pydantic

        return pydantic.TypeAdapter(response_format).validate_json(content)
    raise TypeError(
        f"Unable to parse content into `response_format` {response_format!r}: not a model or dataclass"
    )


def maybe_parse_content(
    *,
    response_format: Any,
    message: Union[ChatCompletionMessage, ParsedChatCompletionMessage[object]],
) -> Any:
    """The message content validated into ``response_format`` (None for a refusal, no
    content, or a format that is not a Python type)."""
    if (
        has_rich_response_format(response_format)
        and message.content
        and not message.refusal
    ):
        return _parse_content(response_format, message.content)
    return None


def solve_response_format_t(response_format: Any) -> Any:
    """The type argument of ``ParsedChatCompletion[...]`` for this ``response_format``."""
    return response_format if has_rich_response_format(response_format) else NoneType


def parse_chat_completion(
    *,
    response_format: Any,
    input_tools: Union[Iterable[ChatCompletionToolUnionParam], Omit],
    chat_completion: Union[ChatCompletion, ParsedChatCompletion[object]],
) -> ParsedChatCompletion[Any]:
    """A ``ParsedChatCompletion``: each message's ``parsed`` and each function tool call's
    ``parsed_arguments`` filled in.

    Raises ``LengthFinishReasonError`` / ``ContentFilterFinishReasonError`` when a choice
    was cut by the token limit or the content filter, since its content cannot be parsed.
    """
    from ...types.chat.parsed_chat_completion import (
        ParsedChatCompletion,
        ParsedChatCompletionMessage,
        ParsedChoice,
    )
    from ...types.chat.parsed_function_tool_call import (
        ParsedFunction,
        ParsedFunctionToolCall,
    )

    tools: List[Any] = list(input_tools) if is_given(input_tools) else []
    solved = solve_response_format_t(response_format)
    choices: List[Any] = []
    for choice in chat_completion.choices:
        if choice.finish_reason == "length":
            raise LengthFinishReasonError(completion=chat_completion)
        if choice.finish_reason == "content_filter":
            raise ContentFilterFinishReasonError()
        message = choice.message
        tool_calls: Optional[List[Any]] = None
        if message.tool_calls:
            tool_calls = []
            for call in message.tool_calls:
                if call.type == "function":
                    function = rebuild(
                        ParsedFunction,
                        call.function,
                        parsed_arguments=parse_function_tool_arguments(
                            input_tools=tools, function=call.function
                        ),
                    )
                    tool_calls.append(
                        rebuild(ParsedFunctionToolCall, call, function=function)
                    )
                else:
                    tool_calls.append(
                        call
                    )  # custom tools have free-form input: nothing to parse
        parsed_message = rebuild(
            parametrize(ParsedChatCompletionMessage, solved),
            message,
            parsed=maybe_parse_content(
                response_format=response_format, message=message
            ),
            tool_calls=tool_calls,
        )
        choices.append(
            rebuild(parametrize(ParsedChoice, solved), choice, message=parsed_message)
        )
    return rebuild(
        parametrize(ParsedChatCompletion, solved), chat_completion, choices=choices
    )
