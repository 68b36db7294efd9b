"""Parsing of structured outputs (chat completions and responses)."""

from ._completions import (
    ResponseFormatT as ResponseFormatT,
    get_input_tool_by_name as get_input_tool_by_name,
    has_parseable_input as has_parseable_input,
    maybe_parse_content as maybe_parse_content,
    parse_chat_completion as parse_chat_completion,
    parse_function_tool_arguments as parse_function_tool_arguments,
    type_to_response_format_param as type_to_response_format_param,
    validate_input_tools as validate_input_tools,
)

__all__ = [
    "ResponseFormatT",
    "get_input_tool_by_name",
    "has_parseable_input",
    "maybe_parse_content",
    "parse_chat_completion",
    "parse_function_tool_arguments",
    "type_to_response_format_param",
    "validate_input_tools",
]
