"""The async client through the flows whose sync versions live in the other modules."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

import openai

pytestmark = pytest.mark.asyncio


async def test_async_models_and_moderations(async_client: Any) -> None:
    ids = [m.id async for m in async_client.models.list()]
    assert "gpt-5.5" in ids
    result = await async_client.moderations.create(input="I will murder this bug")
    assert (
        result.results[0].flagged is True
        and result.results[0].categories.violence is True
    )


async def test_async_stored_completions_pagination(async_client: Any) -> None:
    made = [
        await async_client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": str(i)}],
            store=True,
            metadata={"suite": "async"},
        )
        for i in range(3)
    ]
    seen = [
        c.id
        async for c in async_client.chat.completions.list(
            metadata={"suite": "async"}, limit=1
        )
    ]
    assert seen == [c.id for c in made]


async def test_async_conversations_and_background(
    async_client: Any, emulator: Any
) -> None:
    conversation = await async_client.conversations.create()
    await async_client.responses.create(
        model="gpt-5.5", conversation=conversation.id, input="remember"
    )
    items = [
        i
        async for i in async_client.conversations.items.list(
            conversation.id, order="asc"
        )
    ]
    assert [i.content[0].text for i in items] == ["remember", "You said: remember"]
    queued = await async_client.responses.create(
        model="gpt-5.5", input="bg", background=True
    )
    emulator.advance(1)
    assert (await async_client.responses.retrieve(queued.id)).status == "completed"
    assert [i.id async for i in async_client.responses.input_items.list(queued.id)]


async def test_async_uploads_vector_store_search(async_client: Any) -> None:
    upload = await async_client.uploads.create(
        bytes=11, filename="notes.txt", mime_type="text/plain", purpose="assistants"
    )
    part = await async_client.uploads.parts.create(upload.id, data=b"hello world")
    done = await async_client.uploads.complete(upload.id, part_ids=[part.id])
    store = await async_client.vector_stores.create(
        name="async", file_ids=[done.file.id]
    )
    hits = [r async for r in async_client.vector_stores.search(store.id, query="hello")]
    assert hits[0].file_id == done.file.id and hits[0].content[0].text == "hello world"


async def test_async_batch_and_fine_tune(async_client: Any, emulator: Any) -> None:
    line = {
        "custom_id": "e",
        "method": "POST",
        "url": "/v1/embeddings",
        "body": {"model": "text-embedding-3-small", "input": "x"},
    }
    batch_file = await async_client.files.create(
        file=("b.jsonl", json.dumps(line).encode()), purpose="batch"
    )
    batch = await async_client.batches.create(
        input_file_id=batch_file.id, endpoint="/v1/embeddings", completion_window="24h"
    )
    training = await async_client.files.create(
        file=("t.jsonl", b'{"messages": []}\n'), purpose="fine-tune"
    )
    job = await async_client.fine_tuning.jobs.create(
        model="gpt-4o-mini", training_file=training.id
    )
    emulator.advance(10)
    finished = await async_client.batches.retrieve(batch.id)
    assert finished.status == "completed" and finished.request_counts.completed == 1
    output = await async_client.files.content(finished.output_file_id)
    assert json.loads(output.text)["response"]["body"]["object"] == "list"
    assert (await async_client.fine_tuning.jobs.retrieve(job.id)).status == "succeeded"
    events = [e async for e in async_client.fine_tuning.jobs.list_events(job.id)]
    assert events[0].message == "The job has successfully completed"


async def test_async_images_and_audio(async_client: Any) -> None:
    image = await async_client.images.generate(model="gpt-image-1", prompt="async")
    assert base64.b64decode(image.data[0].b64_json).startswith(b"\x89PNG")
    speech = await async_client.audio.speech.create(
        model="tts-1", voice="alloy", input="async speech", response_format="wav"
    )
    transcript = await async_client.audio.transcriptions.create(
        model="whisper-1", file=("a.wav", speech.read())
    )
    assert transcript.text == "async speech"


async def test_async_retry_after_fault(emulator: Any) -> None:
    emulator.faults.http_error(429, times=1, retry_after=0, path="/embeddings")
    client = emulator.async_client(max_retries=1)
    result = await client.embeddings.create(model="text-embedding-3-small", input="x")
    assert len(result.data) == 1
    emulator.faults.http_error(500, times=3, path="/embeddings")
    with pytest.raises(openai.InternalServerError):
        await client.embeddings.create(model="text-embedding-3-small", input="x")
