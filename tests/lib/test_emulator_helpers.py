"""The helpers end to end against the emulator (``openai.testing``), sync and async."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List

import pytest
from pydantic import BaseModel

import openai

pytest.importorskip("starlette", reason="the emulator extra is not installed")


class Answer(BaseModel):
    city: str
    degrees: float
    notes: List[str]


class GetWeather(BaseModel):
    city: str
    unit: str


ANSWER = Answer(city="Zürich", degrees=21.5, notes=["☀️", "windy"])
ANSWER_CHUNKS = [
    '{"city": "Z',
    '\\u00fcrich", "deg',
    'rees": 21',
    '.5, "notes": ["☀',
    '️", "windy"]}',
]


def test_chat_parse_and_pydantic_tool(
    openai_emulator: Any, openai_client: openai.OpenAI
) -> None:
    openai_emulator.script("gpt-4o").text("".join(ANSWER_CHUNKS))
    completion = openai_client.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "weather?"}],
        response_format=Answer,
    )
    assert completion.choices[0].message.parsed == ANSWER
    sent = openai_emulator.requests[-1]
    assert "json_schema" in json.dumps(sent)

    # the emulator calls a tool named in the user's message, with a minimal valid instance
    tooled = openai_client.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "call GetWeather please"}],
        tools=[openai.pydantic_function_tool(GetWeather)],
    )
    calls = tooled.choices[0].message.tool_calls
    assert calls is not None and isinstance(
        calls[0].function.parsed_arguments, GetWeather
    )


def test_chat_stream_structured_and_length_cut(
    openai_emulator: Any, openai_client: openai.OpenAI
) -> None:
    openai_emulator.script("gpt-4o").text("".join(ANSWER_CHUNKS), chunks=ANSWER_CHUNKS)
    with openai_client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "x"}],
        response_format=Answer,
    ) as stream:
        partials = [e.parsed for e in stream if e.type == "content.delta"]
        final = stream.get_final_completion()
    assert {"city": "Zürich"} in partials
    assert final.choices[0].message.parsed == ANSWER

    openai_emulator.script("gpt-4o").length_cut('{"city": "Zü')
    with openai_client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "x"}],
        response_format=Answer,
    ) as stream:
        with pytest.raises(openai.LengthFinishReasonError):
            stream.until_done()


def test_responses_parse_stream_and_resume(
    openai_emulator: Any, openai_client: openai.OpenAI
) -> None:
    openai_emulator.script("gpt-5.5").text(ANSWER.model_dump_json())
    parsed = openai_client.responses.parse(
        model="gpt-5.5", input="weather", text_format=Answer
    )
    assert parsed.output_parsed == ANSWER

    openai_emulator.script("gpt-5.5").text("".join(ANSWER_CHUNKS), chunks=ANSWER_CHUNKS)
    with openai_client.responses.stream(
        model="gpt-5.5", input="weather", text_format=Answer
    ) as stream:
        snapshots = [
            e.snapshot for e in stream if e.type == "response.output_text.delta"
        ]
        final = stream.get_final_response()
    assert snapshots[-1] == "".join(ANSWER_CHUNKS)
    assert final.output_parsed == ANSWER

    queued = openai_client.responses.create(
        model="gpt-5.5", input="slow job", background=True
    )
    openai_emulator.advance(1)
    with openai_client.responses.stream(
        response_id=queued.id, starting_after=2
    ) as resumed:
        numbers = [e.sequence_number for e in resumed]
        again = resumed.get_final_response()
    assert numbers[0] == 3 and again.output_text == "You said: slow job"


def test_vector_store_and_upload_helpers(
    openai_client: openai.OpenAI, tmp_path: Path
) -> None:
    store = openai_client.vector_stores.create(name="helpers")
    attached = openai_client.vector_stores.files.upload_and_poll(
        vector_store_id=store.id, file=("notes.txt", b"the emulator keeps files")
    )
    assert attached.status == "completed"
    batch = openai_client.vector_stores.file_batches.upload_and_poll(
        store.id,
        files=[(f"doc{i}.txt", f"document {i}".encode()) for i in range(4)],
        max_concurrency=2,
    )
    assert batch.status == "completed" and batch.file_counts.completed == 4

    path = tmp_path / "big.bin"
    path.write_bytes(bytes(range(256)) * 20)
    progress: List[Any] = []
    upload = openai_client.uploads.upload_file_chunked(
        file=path,
        mime_type="application/octet-stream",
        purpose="batch",
        part_size=1500,
        on_progress=lambda sent, total: progress.append(sent),
    )
    assert upload.status == "completed" and upload.bytes == 5120
    assert progress == [1500, 3000, 4500, 5120]
    assert upload.file is not None
    assert openai_client.files.content(upload.file.id).read() == path.read_bytes()
    processed = openai_client.files.wait_for_processing(upload.file.id, poll_interval=0)
    assert processed.status == "processed"


async def test_async_helpers(
    openai_emulator: Any, async_openai_client: openai.AsyncOpenAI
) -> None:
    openai_emulator.script("gpt-4o").text("".join(ANSWER_CHUNKS), chunks=ANSWER_CHUNKS)
    async with async_openai_client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "x"}],
        response_format=Answer,
    ) as stream:
        final = await stream.get_final_completion()
    assert final.choices[0].message.parsed == ANSWER

    openai_emulator.script("gpt-5.5").text(ANSWER.model_dump_json())
    async with async_openai_client.responses.stream(
        model="gpt-5.5", input="x", text_format=Answer
    ) as rstream:
        response = await rstream.get_final_response()
    assert response.output_parsed == ANSWER

    store = await async_openai_client.vector_stores.create(name="async helpers")
    batch = await async_openai_client.vector_stores.file_batches.upload_and_poll(
        store.id, files=[b"one", b"two", b"three"], max_concurrency=2
    )
    assert batch.file_counts.completed == 3
    await async_openai_client.close()
