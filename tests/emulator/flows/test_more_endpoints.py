"""Endpoints no other flow reaches, so that their answers go through the shape check
too: Responses compaction, vector store file attributes and batch cancel, the
fine-tuning pause the emulator refuses."""

from __future__ import annotations

from typing import Any

import pytest
from _emu_support import validate
from openai.types.responses import ResponseCompactionItem, ResponseInputMessageItem

import openai


def test_compact_then_continue(client: Any, lenient_client: Any, shapes: Any) -> None:
    first = client.responses.create(model="gpt-5.5", input="keep this")
    # lenient: strict validation refuses the user messages (see _shapes.UNCHECKED)
    raw = lenient_client.responses.with_raw_response.compact(
        model="gpt-5.5", previous_response_id=first.id, input="and this"
    )
    compacted = raw.parse()
    assert compacted.object == "response.compaction"
    *users, compaction = raw.http_response.json()["output"]
    assert [validate(ResponseInputMessageItem, u).content[0].text for u in users] == [
        "keep this",
        "and this",
    ]
    assert validate(ResponseCompactionItem, compaction).encrypted_content
    assert compacted.usage.total_tokens > compacted.usage.input_tokens > 0
    # the compacted output is the next request's input
    following = client.responses.create(
        model="gpt-5.5", input=[*users, compaction, {"role": "user", "content": "next"}]
    )
    assert following.output[0].content[0].text == "You said: next"
    assert following.usage.input_tokens > compacted.usage.input_tokens
    assert shapes.checked == 2


def test_vector_store_file_attributes_and_batch_cancel(
    client: Any, shapes: Any
) -> None:
    file = client.files.create(file=("notes.txt", b"blue whales"), purpose="assistants")
    store = client.vector_stores.create(name="extras", file_ids=[file.id])
    updated = client.vector_stores.files.update(
        file.id, vector_store_id=store.id, attributes={"topic": "whales"}
    )
    assert updated.attributes == {"topic": "whales"}
    batch = client.vector_stores.file_batches.create(store.id, file_ids=[file.id])
    cancelled = client.vector_stores.file_batches.cancel(
        batch.id, vector_store_id=store.id
    )
    assert cancelled.id == batch.id
    # the emulator finishes a batch at once: there is nothing left to cancel
    assert cancelled.status == "completed"
    assert shapes.checked == 5


def test_fine_tuning_pause_is_refused_clearly(client: Any) -> None:
    training = client.files.create(
        file=("t.jsonl", b'{"messages": []}\n'), purpose="fine-tune"
    )
    job = client.fine_tuning.jobs.create(model="gpt-4o-mini", training_file=training.id)
    with pytest.raises(openai.BadRequestError) as err:
        client.fine_tuning.jobs.pause(job.id)
    assert err.value.param == "fine_tuning_job_id"
    assert "cancel the job instead" in str(err.value)
