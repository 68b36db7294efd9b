"""The snapshot types of a chat completion stream: the parsed types with ``object`` content
(``parsed`` holds the partial JSON value while the stream runs)."""

from __future__ import annotations

from typing_extensions import TypeAlias

from ....types.chat.parsed_chat_completion import (
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedChoice,
)

__all__ = [
    "ParsedChatCompletionSnapshot",
    "ParsedChoiceSnapshot",
    "ParsedChatCompletionMessageSnapshot",
]

ParsedChatCompletionSnapshot: TypeAlias = ParsedChatCompletion[object]
"""The completion accumulated so far."""

ParsedChoiceSnapshot: TypeAlias = ParsedChoice[object]
"""One choice accumulated so far."""

ParsedChatCompletionMessageSnapshot: TypeAlias = ParsedChatCompletionMessage[object]
"""One choice's message accumulated so far; ``parsed`` is the partial JSON value until the
content is done, then the ``response_format`` instance."""
