"""``upload_file_chunked`` of ``client.uploads``: a large file sent as an Upload in parts.

The generated ``Uploads`` / ``AsyncUploads`` inherit these mixins. The file is read one
part at a time, so memory use stays at one part whatever the file size.
"""

from __future__ import annotations

import builtins
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, List, Optional, Tuple, Union

from typing_extensions import overload

from ..._logs import get_logger
from ..._types import omit

if TYPE_CHECKING:
    from ..._types import Omit
    from ...types.file_purpose import FilePurpose
    from ...types.upload import Upload

__all__ = ["UploadsMixin", "AsyncUploadsMixin", "DEFAULT_PART_SIZE", "MAX_PART_SIZE"]

log = get_logger(__name__)

DEFAULT_PART_SIZE = 64 * 1024 * 1024
MAX_PART_SIZE = 64 * 1024 * 1024
"""The API's limit on one part."""

ProgressCallback = Callable[[int, int], Any]
"""Called after each part with (bytes sent so far, total bytes)."""


def _plan(
    file: Union[os.PathLike[str], str, bytes],
    filename: Optional[str],
    size: Optional[int],
    part_size: Optional[int],
) -> Tuple[str, int, int]:
    """(filename, total bytes, part size), checked."""
    if part_size is None:
        part_size = DEFAULT_PART_SIZE
    if (
        isinstance(part_size, bool)
        or not isinstance(part_size, int)
        or not 0 < part_size <= MAX_PART_SIZE
    ):
        raise ValueError(
            f"`part_size` must be an integer from 1 to {MAX_PART_SIZE} (64 MiB), got {part_size!r}"
        )
    if isinstance(file, builtins.bytes):
        if filename is None:
            raise TypeError("`filename` is required when `file` is given as bytes")
        return filename, len(file) if size is None else size, part_size
    if not isinstance(file, (str, os.PathLike)):
        raise TypeError(f"`file` must be a path or bytes, got {type(file).__name__}")
    path = Path(file)
    return (
        filename or path.name,
        path.stat().st_size if size is None else size,
        part_size,
    )


def _check_total(sent: int, declared: int) -> None:
    if sent != declared:
        raise ValueError(
            f"`bytes` says the file has {declared} bytes, but {sent} were read; the upload was cancelled"
        )


def _report(
    on_progress: Optional[ProgressCallback],
    upload_id: str,
    sent: int,
    total: int,
    parts: int,
) -> None:
    log.debug("upload %s: part %d sent, %d of %d bytes", upload_id, parts, sent, total)
    if on_progress is not None:
        on_progress(sent, total)


class UploadsMixin:
    """``upload_file_chunked`` of ``client.uploads``."""

    if TYPE_CHECKING:
        create: Callable[..., Any]
        complete: Callable[..., Any]
        cancel: Callable[..., Any]
        parts: Any

    @overload
    def upload_file_chunked(
        self,
        *,
        file: os.PathLike[str],
        mime_type: str,
        purpose: FilePurpose,
        bytes: int | None = None,
        part_size: int | None = None,
        md5: str | Omit = omit,
        on_progress: Callable[[int, int], Any] | None = None,
    ) -> Upload: ...

    @overload
    def upload_file_chunked(
        self,
        *,
        file: bytes,
        mime_type: str,
        purpose: FilePurpose,
        filename: str,
        bytes: int,
        part_size: int | None = None,
        md5: str | Omit = omit,
        on_progress: Callable[[int, int], Any] | None = None,
    ) -> Upload: ...

    def upload_file_chunked(
        self,
        *,
        file: os.PathLike[str] | bytes,
        mime_type: str,
        purpose: FilePurpose,
        filename: str | None = None,
        bytes: int | None = None,
        part_size: int | None = None,
        md5: str | Omit = omit,
        on_progress: Callable[[int, int], Any] | None = None,
    ) -> Upload:
        """Send a file as an Upload: create it, send the parts in order, complete it.

        ``file`` is a path (read ``part_size`` bytes at a time, 64 MiB by default) or bytes
        (then ``filename`` is required). ``bytes`` defaults to the file's size; if it does
        not match what is read, the upload is cancelled and ``ValueError`` raised.
        ``on_progress(sent, total)`` is called after each part (this argument is not in
        the official client). Returns the completed ``Upload``.
        """
        name, total, size = _plan(file, filename, bytes, part_size)
        upload = self.create(
            bytes=total, filename=name, mime_type=mime_type, purpose=purpose
        )
        part_ids: List[str] = []
        sent = 0
        try:
            if isinstance(file, builtins.bytes):
                view = memoryview(file)
                for start in range(0, len(view), size):
                    chunk = view[start : start + size].tobytes()
                    part_ids.append(self.parts.create(upload.id, data=chunk).id)
                    sent += len(chunk)
                    _report(on_progress, upload.id, sent, total, len(part_ids))
            else:
                with open(file, "rb") as handle:
                    while True:
                        chunk = handle.read(size)
                        if not chunk:
                            break
                        part_ids.append(self.parts.create(upload.id, data=chunk).id)
                        sent += len(chunk)
                        _report(on_progress, upload.id, sent, total, len(part_ids))
            _check_total(sent, total)
        except Exception:
            # leave no half-sent upload behind; the original error is what matters
            try:
                self.cancel(upload.id)
            except Exception:  # noqa: BLE001 - best effort
                log.debug(
                    "upload %s: cancelling after a failure failed too",
                    upload.id,
                    exc_info=True,
                )
            raise
        return self.complete(upload.id, part_ids=part_ids, md5=md5)


class AsyncUploadsMixin:
    """``upload_file_chunked`` of the async ``client.uploads`` (file reads run in a thread)."""

    if TYPE_CHECKING:
        create: Callable[..., Any]
        complete: Callable[..., Any]
        cancel: Callable[..., Any]
        parts: Any

    @overload
    async def upload_file_chunked(
        self,
        *,
        file: os.PathLike[str],
        mime_type: str,
        purpose: FilePurpose,
        bytes: int | None = None,
        part_size: int | None = None,
        md5: str | Omit = omit,
        on_progress: Callable[[int, int], Any] | None = None,
    ) -> Upload: ...

    @overload
    async def upload_file_chunked(
        self,
        *,
        file: bytes,
        mime_type: str,
        purpose: FilePurpose,
        filename: str,
        bytes: int,
        part_size: int | None = None,
        md5: str | Omit = omit,
        on_progress: Callable[[int, int], Any] | None = None,
    ) -> Upload: ...

    async def upload_file_chunked(
        self,
        *,
        file: os.PathLike[str] | bytes,
        mime_type: str,
        purpose: FilePurpose,
        filename: str | None = None,
        bytes: int | None = None,
        part_size: int | None = None,
        md5: str | Omit = omit,
        on_progress: Callable[[int, int], Any] | None = None,
    ) -> Upload:
        """Send a file as an Upload in parts; see ``UploadsMixin.upload_file_chunked``."""
        import anyio.to_thread

        name, total, size = _plan(file, filename, bytes, part_size)
        upload = await self.create(
            bytes=total, filename=name, mime_type=mime_type, purpose=purpose
        )
        part_ids: List[str] = []
        sent = 0
        try:
            if isinstance(file, builtins.bytes):
                view = memoryview(file)
                for start in range(0, len(view), size):
                    chunk = view[start : start + size].tobytes()
                    part_ids.append((await self.parts.create(upload.id, data=chunk)).id)
                    sent += len(chunk)
                    _report(on_progress, upload.id, sent, total, len(part_ids))
            else:
                handle = await anyio.to_thread.run_sync(open, file, "rb")
                try:
                    while True:
                        chunk = await anyio.to_thread.run_sync(handle.read, size)
                        if not chunk:
                            break
                        part_ids.append(
                            (await self.parts.create(upload.id, data=chunk)).id
                        )
                        sent += len(chunk)
                        _report(on_progress, upload.id, sent, total, len(part_ids))
                finally:
                    handle.close()
            _check_total(sent, total)
        except Exception:
            try:
                await self.cancel(upload.id)
            except Exception:  # noqa: BLE001 - best effort
                log.debug(
                    "upload %s: cancelling after a failure failed too",
                    upload.id,
                    exc_info=True,
                )
            raise
        return await self.complete(upload.id, part_ids=part_ids, md5=md5)
