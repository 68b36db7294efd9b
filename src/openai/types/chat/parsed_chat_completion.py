"""The chat completion ``chat.completions.parse()`` returns (handwritten, not generated).

``ContentType`` is the ``response_format`` type the content is parsed into.
"""

from typing import Generic, List, Optional, TypeVar

from .chat_completion import ChatCompletion, Choice
from .chat_completion_message import ChatCompletionMessage
from .parsed_function_tool_call import ParsedFunctionToolCall

__all__ = ["ParsedChatCompletion", "ParsedChoice", "ParsedChatCompletionMessage"]

ContentType = TypeVar("ContentType")


class ParsedChatCompletionMessage(ChatCompletionMessage, Generic[ContentType]):
    parsed: Optional[ContentType] = None
    """The content validated into the ``response_format`` type (None for a refusal)."""

    tool_calls: Optional[List[ParsedFunctionToolCall]] = None  # type: ignore[assignment]
    """The tool calls, function arguments decoded into ``parsed_arguments``."""


class ParsedChoice(Choice, Generic[ContentType]):
    message: ParsedChatCompletionMessage[ContentType]


class ParsedChatCompletion(ChatCompletion, Generic[ContentType]):
    choices: List[ParsedChoice[ContentType]]  # type: ignore[assignment]
