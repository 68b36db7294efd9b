from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from _emu_support import validate
from openai.types import (
    CreateEmbeddingResponse,
    FileObject,
    ModerationCreateResponse,
    Upload,
)

import openai


def test_embeddings_deterministic_and_dimensions(client: Any) -> None:
    raw = client.embeddings.with_raw_response.create(
        model="text-embedding-3-small",
        input=["hello", "world", "hello"],
        encoding_format="float",
    )
    result = validate(CreateEmbeddingResponse, raw.http_response.json())
    a, b, c = (d.embedding for d in result.data)
    assert len(a) == 1536 and a == c and a != b
    assert math.isclose(sum(v * v for v in a), 1.0, rel_tol=1e-6)
    # the official client asks for base64 by default and decodes it
    decoded = client.embeddings.create(model="text-embedding-3-small", input="hello")
    assert all(
        math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-6)
        for x, y in zip(decoded.data[0].embedding, a)
    )
    short = client.embeddings.create(
        model="text-embedding-3-large", input="hello", dimensions=8
    )
    assert len(short.data[0].embedding) == 8
    assert short.usage.prompt_tokens == 1
    with pytest.raises(openai.BadRequestError) as err:
        client.embeddings.create(
            model="text-embedding-3-small", input="x", dimensions=99999
        )
    assert err.value.param == "dimensions"


def test_moderations(client: Any) -> None:
    raw = client.moderations.with_raw_response.create(
        input=["I will kill the process", "have a nice day"]
    )
    result = validate(ModerationCreateResponse, raw.http_response.json())
    flagged, clean = result.results
    assert flagged.flagged is True and flagged.categories.violence is True
    assert flagged.category_scores.violence > 0.9
    assert clean.flagged is False and not any(clean.categories.model_dump().values())


def test_files_lifecycle(client: Any, tmp_path: Path) -> None:
    path = tmp_path / "input.jsonl"
    path.write_text('{"prompt": "a"}\n')
    created = client.files.create(file=path, purpose="fine-tune")
    validate(FileObject, created.model_dump())
    assert (created.filename, created.bytes, created.status) == (
        "input.jsonl",
        16,
        "processed",
    )
    from_bytes = client.files.create(
        file=("b.txt", b"bytes!", "text/plain"), purpose="user_data"
    )
    assert client.files.content(created.id).read() == b'{"prompt": "a"}\n'
    assert client.files.retrieve(from_bytes.id).filename == "b.txt"
    ids = [f.id for f in client.files.list(purpose="user_data")]
    assert from_bytes.id in ids and created.id not in ids
    assert client.files.delete(created.id).deleted is True
    with pytest.raises(openai.NotFoundError):
        client.files.retrieve(created.id)
    with pytest.raises(openai.BadRequestError) as err:
        client.files.create(file=("c.txt", b"x"), purpose="nonsense")
    assert err.value.param == "purpose"


def test_uploads_parts_and_complete(client: Any) -> None:
    data = b"0123456789" * 3
    upload = client.uploads.create(
        bytes=len(data),
        filename="big.txt",
        mime_type="text/plain",
        purpose="assistants",
    )
    parts = [
        client.uploads.parts.create(upload.id, data=data[i : i + 10])
        for i in range(0, 30, 10)
    ]
    done = client.uploads.complete(upload.id, part_ids=[p.id for p in parts])
    validate(Upload, done.model_dump())
    assert done.status == "completed" and done.file is not None
    assert client.files.content(done.file.id).read() == data
    with pytest.raises(openai.BadRequestError):
        client.uploads.complete(upload.id, part_ids=[])
    other = client.uploads.create(
        bytes=5, filename="x.txt", mime_type="text/plain", purpose="assistants"
    )
    assert client.uploads.cancel(other.id).status == "cancelled"


def test_upload_file_chunked_helper(client: Any, tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(bytes(range(256)) * 40)
    upload = client.uploads.upload_file_chunked(
        file=path, mime_type="application/octet-stream", purpose="batch", part_size=1000
    )
    assert upload.status == "completed"
    assert client.files.content(upload.file.id).read() == path.read_bytes()


@pytest.mark.asyncio
async def test_async_embeddings_and_files(async_client: Any) -> None:
    result = await async_client.embeddings.create(
        model="text-embedding-3-small", input="async"
    )
    assert len(result.data[0].embedding) == 1536
    created = await async_client.files.create(
        file=("a.txt", b"async file"), purpose="user_data"
    )
    content = await async_client.files.content(created.id)
    assert content.read() == b"async file"
