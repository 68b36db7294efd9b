"""A function tool call whose arguments ``parse()`` decoded (handwritten, not generated)."""

from typing import Optional

from .chat_completion_message_function_tool_call import (
    ChatCompletionMessageFunctionToolCall,
    Function,
)

__all__ = ["ParsedFunctionToolCall", "ParsedFunction"]


class ParsedFunction(Function):
    parsed_arguments: Optional[object] = None
    """The decoded ``arguments``: an instance of the tool's model for a tool built with
    ``openai.pydantic_function_tool()``, the JSON value for another strict tool, else None."""


class ParsedFunctionToolCall(ChatCompletionMessageFunctionToolCall):
    function: ParsedFunction
