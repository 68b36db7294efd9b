from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from _emu_support import validate
from openai.types import Batch, VectorStore
from openai.types.fine_tuning import FineTuningJob
from openai.types.webhooks import (
    BatchCompletedWebhookEvent,
    FineTuningJobSucceededWebhookEvent,
    ResponseCancelledWebhookEvent,
    ResponseCompletedWebhookEvent,
)

import openai

DOCS = {
    "cats.txt": b"Cats are small carnivorous mammals. Cats purr and sleep a lot.",
    "dogs.txt": b"Dogs are loyal companions. Dogs bark and fetch sticks.",
    "fish.txt": b"Fish swim in water and breathe through gills.",
}


def test_vector_store_search(client: Any) -> None:
    files = {
        name: client.files.create(file=(name, data), purpose="assistants")
        for name, data in DOCS.items()
    }
    store = client.vector_stores.create(name="animals", file_ids=[files["cats.txt"].id])
    validate(VectorStore, store.model_dump())
    assert store.file_counts.completed == 1 and store.usage_bytes == len(
        DOCS["cats.txt"]
    )
    client.vector_stores.files.create_and_poll(
        file_id=files["dogs.txt"].id,
        vector_store_id=store.id,
        attributes={"kind": "dog", "legs": 4},
    )
    batch = client.vector_stores.file_batches.create_and_poll(
        vector_store_id=store.id, file_ids=[files["fish.txt"].id]
    )
    assert batch.status == "completed" and batch.file_counts.total == 1
    assert [
        f.id
        for f in client.vector_stores.file_batches.list_files(
            batch.id, vector_store_id=store.id
        )
    ] == [files["fish.txt"].id]
    assert len(list(client.vector_stores.files.list(store.id))) == 3

    results = list(client.vector_stores.search(store.id, query="why do cats purr"))
    assert results[0].filename == "cats.txt" and results[0].score > 0
    filtered = list(
        client.vector_stores.search(
            store.id,
            query="bark",
            filters={"type": "eq", "key": "kind", "value": "dog"},
        )
    )
    assert [r.filename for r in filtered] == ["dogs.txt"]
    assert list(client.vector_stores.search(store.id, query="zebra")) == []
    content = list(
        client.vector_stores.files.content(
            files["fish.txt"].id, vector_store_id=store.id
        )
    )
    assert content[0].text == DOCS["fish.txt"].decode()
    assert client.vector_stores.files.delete(
        files["fish.txt"].id, vector_store_id=store.id
    ).deleted
    assert client.vector_stores.retrieve(store.id).file_counts.total == 2
    assert client.vector_stores.update(store.id, name="pets").name == "pets"
    assert client.vector_stores.delete(store.id).deleted


class Receiver:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.event = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                outer.received.append(
                    {"body": body.decode(), "headers": dict(self.headers.items())}
                )
                outer.event.set()
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, event_type: str) -> dict[str, Any]:
        for _ in range(100):
            for item in self.received:
                if json.loads(item["body"])["type"] == event_type:
                    return item
            self.event.wait(0.1)
            self.event.clear()
        raise AssertionError(
            f"no {event_type} webhook; got {[json.loads(r['body'])['type'] for r in self.received]}"
        )


@pytest.fixture()
def receiver(emulator: Any) -> Iterator[Receiver]:
    rec = Receiver()
    secret = "whsec_" + "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ=="
    emulator.configure_webhooks(rec.url, secret)
    yield rec
    emulator.configure_webhooks(None)
    rec.server.shutdown()


WEBHOOK_SECRET = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ=="


def test_batch_runs_requests_and_signs_webhook(
    client: Any, emulator: Any, receiver: Receiver
) -> None:
    lines = [
        {
            "custom_id": "a",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {
                "model": "gpt-4o",
                "messages": [{"role": "user", "content": "batch one"}],
            },
        },
        {
            "custom_id": "b",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "gpt-4o", "messages": []},
        },
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    input_file = client.files.create(file=("in.jsonl", data), purpose="batch")
    batch = client.batches.create(
        input_file_id=input_file.id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
    )
    validate(Batch, batch.model_dump())
    assert batch.status == "validating"
    emulator.advance(5)
    done = client.batches.retrieve(batch.id)
    assert done.status == "completed"
    assert (
        done.request_counts.total,
        done.request_counts.completed,
        done.request_counts.failed,
    ) == (2, 1, 1)
    out = [
        json.loads(line)
        for line in client.files.content(done.output_file_id).text.splitlines()
    ]
    assert out[0]["custom_id"] == "a"
    assert (
        out[0]["response"]["body"]["choices"][0]["message"]["content"]
        == "You said: batch one"
    )
    err = [
        json.loads(line)
        for line in client.files.content(done.error_file_id).text.splitlines()
    ]
    assert err[0]["custom_id"] == "b" and err[0]["response"]["status_code"] == 400
    assert batch.id in [b.id for b in client.batches.list()]

    delivery = receiver.wait_for("batch.completed")
    event = client.webhooks.unwrap(
        delivery["body"], delivery["headers"], secret=WEBHOOK_SECRET
    )
    assert isinstance(event, BatchCompletedWebhookEvent)
    assert event.type == "batch.completed" and event.data.id == batch.id
    headers = {k.lower(): v for k, v in delivery["headers"].items()}
    assert headers["webhook-id"] == event.id
    with pytest.raises(openai.InvalidWebhookSignatureError):
        client.webhooks.verify_signature(
            delivery["body"] + " ", delivery["headers"], secret=WEBHOOK_SECRET
        )


def test_batch_cancel_and_invalid_input(client: Any, emulator: Any) -> None:
    bad = client.files.create(file=("bad.jsonl", b"not json\n"), purpose="batch")
    batch = client.batches.create(
        input_file_id=bad.id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    emulator.advance(5)
    failed = client.batches.retrieve(batch.id)
    assert (
        failed.status == "failed" and failed.errors.data[0].code == "invalid_json_line"
    )
    good = client.files.create(
        file=(
            "g.jsonl",
            b'{"custom_id":"x","method":"POST","url":"/v1/embeddings","body":{"model":"text-embedding-3-small","input":"x"}}',
        ),
        purpose="batch",
    )
    other = client.batches.create(
        input_file_id=good.id, endpoint="/v1/embeddings", completion_window="24h"
    )
    assert client.batches.cancel(other.id).status == "cancelling"
    emulator.advance(1)
    assert client.batches.retrieve(other.id).status == "cancelled"


def test_fine_tuning_state_machine(
    client: Any, emulator: Any, receiver: Receiver
) -> None:
    rows = [
        {
            "messages": [
                {"role": "user", "content": f"q{i}"},
                {"role": "assistant", "content": f"a{i}"},
            ]
        }
        for i in range(4)
    ]
    training = client.files.create(
        file=("train.jsonl", "\n".join(json.dumps(r) for r in rows).encode()),
        purpose="fine-tune",
    )
    job = client.fine_tuning.jobs.create(
        model="gpt-4o-mini",
        training_file=training.id,
        suffix="demo",
        hyperparameters={"n_epochs": 2},
    )
    validate(FineTuningJob, job.model_dump())
    assert job.status == "validating_files"
    emulator.advance(0.5)
    assert client.fine_tuning.jobs.retrieve(job.id).status == "running"
    emulator.advance(5)
    done = client.fine_tuning.jobs.retrieve(job.id)
    assert done.status == "succeeded"
    assert done.fine_tuned_model.startswith("ft:gpt-4o-mini:emulator:demo:")
    assert client.models.retrieve(done.fine_tuned_model).owned_by == "user-emulator"
    checkpoints = list(client.fine_tuning.jobs.checkpoints.list(job.id))
    assert [c.step_number for c in checkpoints] == [8, 4]
    messages = [e.message for e in client.fine_tuning.jobs.list_events(job.id, limit=2)]
    assert messages[0] == "The job has successfully completed"
    assert len(messages) == 7
    assert job.id in [j.id for j in client.fine_tuning.jobs.list()]
    delivery = receiver.wait_for("fine_tuning.job.succeeded")
    event = client.webhooks.unwrap(
        delivery["body"], delivery["headers"], secret=WEBHOOK_SECRET
    )
    assert isinstance(event, FineTuningJobSucceededWebhookEvent)
    assert event.data.id == job.id
    assert client.models.delete(done.fine_tuned_model).deleted


def test_fine_tuning_cancel_and_bad_file(client: Any, emulator: Any) -> None:
    bad = client.files.create(file=("bad.jsonl", b"{}\n"), purpose="fine-tune")
    job = client.fine_tuning.jobs.create(model="gpt-4o-mini", training_file=bad.id)
    emulator.advance(1)
    failed = client.fine_tuning.jobs.retrieve(job.id)
    assert failed.status == "failed" and failed.error.code == "invalid_training_file"
    with pytest.raises(openai.NotFoundError):
        client.fine_tuning.jobs.create(
            model="gpt-4o-mini", training_file="file-missing"
        )
    good = client.files.create(
        file=("ok.jsonl", b'{"messages": []}\n'), purpose="fine-tune"
    )
    running = client.fine_tuning.jobs.create(model="gpt-4o-mini", training_file=good.id)
    assert client.fine_tuning.jobs.cancel(running.id).status == "cancelled"


def test_background_response_webhook(
    client: Any, emulator: Any, receiver: Receiver
) -> None:
    queued = client.responses.create(model="gpt-5.5", input="hook me", background=True)
    emulator.advance(1)
    delivery = receiver.wait_for("response.completed")
    event = client.webhooks.unwrap(
        delivery["body"], delivery["headers"], secret=WEBHOOK_SECRET
    )
    assert isinstance(event, ResponseCompletedWebhookEvent)
    assert event.data.id == queued.id
    # the client's own `webhook_secret` is used when none is passed
    keyed = emulator.client(webhook_secret=WEBHOOK_SECRET)
    assert keyed.webhooks.unwrap(delivery["body"], delivery["headers"]).id == event.id


async def test_async_webhook_unwrap(
    async_client: Any, emulator: Any, receiver: Receiver
) -> None:
    queued = await async_client.responses.create(
        model="gpt-5.5", input="async hook", background=True
    )
    await async_client.responses.cancel(queued.id)
    delivery = receiver.wait_for("response.cancelled")
    event = async_client.webhooks.unwrap(
        delivery["body"], delivery["headers"], secret=WEBHOOK_SECRET
    )
    assert isinstance(event, ResponseCancelledWebhookEvent)
    assert event.data.id == queued.id
    with pytest.raises(openai.InvalidWebhookSignatureError):
        async_client.webhooks.unwrap(
            delivery["body"], delivery["headers"], secret="whsec_b3RoZXItc2VjcmV0"
        )
