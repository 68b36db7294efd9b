"""File parameters: what counts as a file, and turning files into httpx multipart parts.

A file may be ``bytes``, a file object, an ``os.PathLike``, or a tuple
``(filename, contents[, media_type[, headers]])``. Paths are read into memory here
(off the event loop for the async client) so that retries can resend them.
"""

from __future__ import annotations

import io
import os
import pathlib
from typing import Any, List, Mapping, Sequence, Tuple, cast

from typing_extensions import TypeGuard

from ._types import FileContent, FileTypes, RequestFiles

__all__ = [
    "is_file_content",
    "assert_is_file_content",
    "file_from_path",
    "to_httpx_files",
    "async_to_httpx_files",
    "read_file_content",
    "async_read_file_content",
]

HttpxFileTypes = Any
HttpxRequestFiles = List[Tuple[str, Any]]


def is_base64_file_input(obj: object) -> bool:
    return isinstance(obj, (io.IOBase, os.PathLike))


def is_file_content(obj: object) -> TypeGuard[FileContent]:
    return isinstance(obj, (bytes, bytearray, tuple, io.IOBase, os.PathLike))


def assert_is_file_content(obj: object, *, key: str | None = None) -> None:
    if not is_file_content(obj):
        where = f" for `{key}`" if key else ""
        raise RuntimeError(
            f"Expected file input{where} to be bytes, an io.IOBase instance, an os.PathLike or a tuple "
            f"(filename, contents[, media_type[, headers]]) but received {type(obj).__name__}. "
            "See https://github.com/openai/openai-python/tree/main#file-uploads"
        )


def file_from_path(path: str) -> FileTypes:
    """Read the file at ``path`` into a ``(filename, contents)`` tuple ready to upload."""
    contents = pathlib.Path(path).read_bytes()
    return (os.path.basename(path), contents)


def read_file_content(file: FileContent) -> Any:
    if isinstance(file, os.PathLike):
        return pathlib.Path(file).read_bytes()
    return file


async def async_read_file_content(file: FileContent) -> Any:
    if isinstance(file, os.PathLike):
        import anyio

        return await anyio.Path(file).read_bytes()
    return file


def _items(files: RequestFiles) -> Sequence[Tuple[str, FileTypes]]:
    if isinstance(files, Mapping):
        return list(files.items())
    if isinstance(files, (list, tuple)):
        return cast("Sequence[Tuple[str, FileTypes]]", files)
    raise TypeError(f"Expected `files` to be a mapping or a list of (name, file) pairs, got {type(files).__name__}")


def _filename(file: FileContent) -> str | None:
    if isinstance(file, os.PathLike):
        return os.path.basename(os.fspath(file))
    name = getattr(file, "name", None)
    if isinstance(name, str):
        return os.path.basename(name)
    return None


def _to_part(file: FileTypes, contents: Any) -> Any:
    if isinstance(file, tuple):
        return (file[0], contents, *file[2:])
    name = _filename(file)
    if isinstance(file, os.PathLike):
        return (name, contents)
    if name is not None and not isinstance(file, (bytes, bytearray)):
        return (name, contents)
    return contents


def to_httpx_files(files: RequestFiles | None) -> HttpxRequestFiles | None:
    """Files as httpx expects them, with path-like contents read from disk."""
    if files is None:
        return None
    out: HttpxRequestFiles = []
    for key, file in _items(files):
        assert_is_file_content(file, key=key)
        contents = read_file_content(file[1] if isinstance(file, tuple) else file)
        out.append((key, _to_part(file, contents)))
    return out


async def async_to_httpx_files(files: RequestFiles | None) -> HttpxRequestFiles | None:
    """Like :func:`to_httpx_files`, reading paths without blocking the event loop."""
    if files is None:
        return None
    out: HttpxRequestFiles = []
    for key, file in _items(files):
        assert_is_file_content(file, key=key)
        contents = await async_read_file_content(file[1] if isinstance(file, tuple) else file)
        out.append((key, _to_part(file, contents)))
    return out
