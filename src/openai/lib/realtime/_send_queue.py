"""Messages held back while a connection reconnects, bounded by their size in bytes."""

from __future__ import annotations

from collections import deque
from typing import Deque, List, Union

from ..._exceptions import WebSocketQueueFullError

__all__ = ["SendQueue", "DEFAULT_MAX_QUEUE_SIZE"]

DEFAULT_MAX_QUEUE_SIZE = 1_048_576


def _size(message: Union[str, bytes]) -> int:
    return len(message.encode("utf-8")) if isinstance(message, str) else len(message)


class SendQueue:
    """A FIFO of outgoing messages whose total size never exceeds ``max_size`` bytes."""

    __slots__ = ("_messages", "_size", "max_size")

    def __init__(self, max_size: int = DEFAULT_MAX_QUEUE_SIZE) -> None:
        if max_size < 0:
            raise ValueError(f"`max_queue_size` must be zero or more bytes, got {max_size}")
        self.max_size = max_size
        self._messages: Deque[Union[str, bytes]] = deque()
        self._size = 0

    def __len__(self) -> int:
        return len(self._messages)

    @property
    def size(self) -> int:
        """Bytes held now."""
        return self._size

    def put(self, message: Union[str, bytes]) -> None:
        size = _size(message)
        if self._size + size > self.max_size:
            raise WebSocketQueueFullError(
                f"Cannot queue a {size}-byte message while the connection reconnects: the send queue holds "
                f"{self._size} of at most {self.max_size} bytes (`max_queue_size`). The message was not sent."
            )
        self._messages.append(message)
        self._size += size

    def peek(self) -> Union[str, bytes]:
        return self._messages[0]

    def pop(self) -> None:
        """Drop the oldest message (after it was sent)."""
        self._size -= _size(self._messages.popleft())

    def drain(self) -> List[str]:
        """Empty the queue, returning what it held as text (for ``unsent_messages``)."""
        messages = [m if isinstance(m, str) else m.decode("utf-8", "replace") for m in self._messages]
        self._messages.clear()
        self._size = 0
        return messages
