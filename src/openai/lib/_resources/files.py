"""``wait_for_processing`` of ``client.files``.

The generated ``Files`` / ``AsyncFiles`` inherit these mixins.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from ...types.file_object import FileObject

__all__ = ["FilesMixin", "AsyncFilesMixin", "FileProcessingTimeout"]

# a file whose status is one of these is done processing
_SETTLED = frozenset({"processed", "error", "deleted"})


def _check(poll_interval: float, max_wait_seconds: float) -> None:
    if (
        isinstance(poll_interval, bool)
        or not isinstance(poll_interval, (int, float))
        or poll_interval < 0
    ):
        raise ValueError(
            f"`poll_interval` must be a non-negative number of seconds, got {poll_interval!r}"
        )
    if (
        isinstance(max_wait_seconds, bool)
        or not isinstance(max_wait_seconds, (int, float))
        or max_wait_seconds < 0
    ):
        raise ValueError(
            f"`max_wait_seconds` must be a non-negative number of seconds, got {max_wait_seconds!r}"
        )


class FileProcessingTimeout(RuntimeError, TimeoutError):
    """``wait_for_processing`` gave up: a ``RuntimeError`` (what 2.38 raises) and a ``TimeoutError``."""


def _gave_up(
    file_id: str, max_wait_seconds: float, status: object
) -> FileProcessingTimeout:
    return FileProcessingTimeout(
        f"Gave up waiting for file {file_id!r} to finish processing after {max_wait_seconds} seconds "
        f"(its status is still {status!r})"
    )


class FilesMixin:
    """``wait_for_processing`` of ``client.files``."""

    if TYPE_CHECKING:
        _sleep: Callable[[float], None]
        retrieve: Callable[..., Any]

    def wait_for_processing(
        self, id: str, *, poll_interval: float = 5.0, max_wait_seconds: float = 1800
    ) -> FileObject:
        """Retrieve the file every ``poll_interval`` seconds until it is ``processed``,
        ``error`` or ``deleted``, and return it. Gives up after ``max_wait_seconds`` with
        an error that is both a ``RuntimeError`` and a ``TimeoutError``."""
        _check(poll_interval, max_wait_seconds)
        start = time.monotonic()
        file = self.retrieve(id)
        while file.status not in _SETTLED:
            if time.monotonic() - start >= max_wait_seconds:
                raise _gave_up(id, max_wait_seconds, file.status)
            self._sleep(poll_interval)
            file = self.retrieve(id)
        return file


class AsyncFilesMixin:
    """``wait_for_processing`` of the async ``client.files``."""

    if TYPE_CHECKING:
        _sleep: Callable[[float], Any]
        retrieve: Callable[..., Any]

    async def wait_for_processing(
        self, id: str, *, poll_interval: float = 5.0, max_wait_seconds: float = 1800
    ) -> FileObject:
        """Retrieve the file every ``poll_interval`` seconds until it is done processing;
        see ``FilesMixin.wait_for_processing``."""
        _check(poll_interval, max_wait_seconds)
        start = time.monotonic()
        file = await self.retrieve(id)
        while file.status not in _SETTLED:
            if time.monotonic() - start >= max_wait_seconds:
                raise _gave_up(id, max_wait_seconds, file.status)
            await self._sleep(poll_interval)
            file = await self.retrieve(id)
        return file
