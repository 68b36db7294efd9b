"""File parameters: bytes, paths, file objects and tuples, sent as multipart."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Dict, List

import httpx
import pytest
import respx

import openai
from openai import AsyncOpenAI, OpenAI
from openai._base_client import make_request_options
from openai._files import assert_is_file_content, to_httpx_files
from openai._utils import extract_files


def _parts(request: httpx.Request) -> Dict[str, List[Any]]:
    """Parse a multipart body into {name: [(filename, content type, data)]}."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=")[1].encode()
    out: Dict[str, List[Any]] = {}
    for part in request.content.split(b"--" + boundary)[1:-1]:
        head, _, data = part[2:-2].partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        disposition = next(line for line in lines if line.lower().startswith("content-disposition"))
        name = disposition.split('name="')[1].split('"')[0]
        filename = disposition.split('filename="')[1].split('"')[0] if "filename=" in disposition else None
        ctype = next((line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("content-type")), None)
        out.setdefault(name, []).append((filename, ctype, data))
    return out


def _upload(client: OpenAI, body: Dict[str, Any], paths: List[List[str]]) -> httpx.Request:
    files = extract_files(body, paths=paths)
    client.post(
        "/files",
        cast_to=object,
        body=body,
        files=files,
        options=make_request_options(extra_headers={"Content-Type": "multipart/form-data"}),
    )
    return client._client._transport.calls.last.request  # type: ignore[attr-defined]


def test_file_kinds(client: OpenAI, mock: respx.MockRouter, tmp_path: Path) -> None:
    route = mock.post("/files").respond(200, json={"id": "file-1"})
    path = tmp_path / "data.jsonl"
    path.write_bytes(b'{"a": 1}\n')
    files = [
        ("file", path),
        ("raw", b"raw-bytes"),
        ("obj", io.BytesIO(b"from-object")),
        ("tup", ("named.txt", b"tuple-bytes", "text/plain")),
    ]
    client.post(
        "/files",
        cast_to=object,
        body={"purpose": "fine-tune", "metadata": {"k": "v"}, "tags": ["x", "y"], "skip": openai.NOT_GIVEN},
        files=files,
        options=make_request_options(extra_headers={"Content-Type": "multipart/form-data"}),
    )
    parts = _parts(route.calls[0].request)
    assert parts["file"] == [("data.jsonl", "application/octet-stream", b'{"a": 1}\n')]
    assert parts["raw"][0][2] == b"raw-bytes"
    assert parts["obj"][0][2] == b"from-object"
    assert parts["tup"] == [("named.txt", "text/plain", b"tuple-bytes")]
    assert parts["purpose"][0][2] == b"fine-tune"
    assert parts["metadata[k]"][0][2] == b"v"
    assert [p[2] for p in parts["tags[]"]] == [b"x", b"y"]
    assert "skip" not in parts


def test_extract_files_paths() -> None:
    body: Dict[str, Any] = {"file": b"x", "image": [b"a", b"b"], "nested": {"f": b"q"}, "keep": 1}
    files = extract_files(body, paths=[["file"], ["image", "<array>"], ["nested", "f"]])
    assert files == [("file", b"x"), ("image[]", b"a"), ("image[]", b"b"), ("nested[f]", b"q")]
    assert body == {"nested": {}, "keep": 1}


def test_bad_file_value_names_the_parameter() -> None:
    with pytest.raises(RuntimeError, match="`file`"):
        extract_files({"file": 12}, paths=[["file"]])
    with pytest.raises(RuntimeError, match="`upload`"):
        assert_is_file_content("not a file", key="upload")
    with pytest.raises(TypeError, match="files"):
        to_httpx_files(42)  # type: ignore[arg-type]


def test_multipart_without_files_is_still_multipart(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.post("/files").respond(200, json={})
    client.post(
        "/files",
        cast_to=object,
        body={"purpose": "x"},
        files=[],
        options=make_request_options(extra_headers={"Content-Type": "multipart/form-data"}),
    )
    assert _parts(route.calls[0].request)["purpose"][0][2] == b"x"


def test_file_from_path(tmp_path: Path) -> None:
    path = tmp_path / "speech.mp3"
    path.write_bytes(b"ID3")
    assert openai.file_from_path(str(path)) == ("speech.mp3", b"ID3")


async def test_async_reads_paths_off_loop(async_client: AsyncOpenAI, mock: respx.MockRouter, tmp_path: Path) -> None:
    route = mock.post("/uploads").respond(200, json={"ok": 1})
    path = tmp_path / "img.png"
    path.write_bytes(b"\x89PNG")
    await async_client.post(
        "/uploads",
        cast_to=object,
        body={"purpose": "vision"},
        files=[("image[]", path), ("image[]", ("b.png", b"\x89PNG2", "image/png"))],
        options=make_request_options(extra_headers={"Content-Type": "multipart/form-data"}),
    )
    parts = _parts(route.calls[0].request)
    assert parts["image[]"] == [("img.png", "image/png", b"\x89PNG"), ("b.png", "image/png", b"\x89PNG2")]
    assert parts["purpose"][0][2] == b"vision"


def test_retry_resends_the_same_file(client: OpenAI, mock: respx.MockRouter, tmp_path: Path) -> None:
    route = mock.post("/files").mock(side_effect=[httpx.Response(500, json={}), httpx.Response(200, json={})])
    path = tmp_path / "a.txt"
    path.write_bytes(b"same")
    client.post(
        "/files",
        cast_to=object,
        body={},
        files=[("file", path)],
        options=make_request_options(extra_headers={"Content-Type": "multipart/form-data"}),
    )
    assert [_parts(c.request)["file"][0][2] for c in route.calls] == [b"same", b"same"]
