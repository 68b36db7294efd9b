"""The polling and upload helpers: runs, vector store files and batches, videos,
``files.wait_for_processing`` and ``uploads.upload_file_chunked``."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, Dict, List

import httpx
import pytest
import respx

import openai
from openai.lib._resources.files import FileProcessingTimeout

from ._support import (
    BASE_URL,
    json_response,
    make_async_client,
    make_client,
    request_json,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def run_payload(status: str, **extra: Any) -> Dict[str, Any]:
    data = {
        "id": "run_1",
        "object": "thread.run",
        "created_at": 1,
        "assistant_id": "asst_1",
        "thread_id": "thread_1",
        "status": status,
        "instructions": "",
        "model": "gpt-4o",
        "tools": [],
        "parallel_tool_calls": True,
    }
    data.update(extra)
    return data


def statuses(*items: Any) -> Any:
    """A side effect answering each request with the next (payload, headers) pair."""
    queue = list(items)

    def answer(request: httpx.Request) -> httpx.Response:
        payload, headers = queue.pop(0)
        return json_response(payload, headers=headers)

    return answer


class Sleeps:
    """Records the delays a resource would sleep, without sleeping."""

    def __init__(self) -> None:
        self.seconds: List[float] = []

    def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


class AsyncSleeps(Sleeps):
    async def __call__(self, seconds: float) -> None:  # type: ignore[override]
        self.seconds.append(seconds)


# ----------------------------------------------------------------------------- runs


def test_create_and_poll_follows_the_server_advice_until_a_terminal_status(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = make_client()
    runs = client.beta.threads.runs
    sleeps = Sleeps()
    monkeypatch.setattr(runs, "_sleep", sleeps)
    with respx.mock(base_url=BASE_URL) as router:
        create = router.post("/threads/thread_1/runs").mock(
            return_value=json_response(run_payload("queued"))
        )
        poll = router.get("/threads/thread_1/runs/run_1").mock(
            side_effect=statuses(
                (run_payload("queued"), {"openai-poll-after-ms": "250"}),
                (run_payload("in_progress"), {}),
                (run_payload("cancelling"), {"openai-poll-after-ms": "40"}),
                (run_payload("cancelled"), {}),
            )
        )
        run = runs.create_and_poll(
            thread_id="thread_1", assistant_id="asst_1", instructions="be brief"
        )
    assert run.status == "cancelled"
    assert sleeps.seconds == [0.25, 1.0, 0.04]
    assert request_json(create.calls.last.request) == {
        "assistant_id": "asst_1",
        "instructions": "be brief",
        "stream": False,
    }
    headers = poll.calls.last.request.headers
    assert (
        headers["x-stainless-poll-helper"] == "true"
        and "x-stainless-custom-poll-interval" not in headers
    )
    assert (
        "x-stainless-raw-response" not in headers
    )  # the runtime's switch never reaches the wire


@pytest.mark.parametrize(
    "final", ["completed", "failed", "expired", "incomplete", "requires_action"]
)
def test_poll_returns_every_terminal_status(
    monkeypatch: pytest.MonkeyPatch, final: str
) -> None:
    client = make_client()
    monkeypatch.setattr(client.beta.threads.runs, "_sleep", Sleeps())
    with respx.mock(base_url=BASE_URL) as router:
        router.get("/threads/thread_1/runs/run_1").mock(
            side_effect=statuses(
                (run_payload("in_progress"), {}),
                (run_payload(final, last_error=None), {}),
            )
        )
        run = client.beta.threads.runs.poll("run_1", "thread_1")
    assert run.status == final


def test_poll_interval_wins_over_the_header(monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client()
    sleeps = Sleeps()
    monkeypatch.setattr(client.beta.threads.runs, "_sleep", sleeps)
    with respx.mock(base_url=BASE_URL) as router:
        route = router.get("/threads/thread_1/runs/run_1").mock(
            side_effect=statuses(
                (run_payload("queued"), {"openai-poll-after-ms": "5000"}),
                (run_payload("completed"), {}),
            )
        )
        client.beta.threads.runs.poll(
            "run_1", thread_id="thread_1", poll_interval_ms=20
        )
    assert sleeps.seconds == [0.02]
    assert route.calls.last.request.headers["x-stainless-custom-poll-interval"] == "20"


@pytest.mark.parametrize("bad", [-1, 1.5, "100", True])
def test_bad_poll_interval_is_refused_before_any_request(bad: Any) -> None:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        route = router.post("/threads/thread_1/runs").mock(
            return_value=json_response(run_payload("queued"))
        )
        with pytest.raises(
            ValueError, match="`poll_interval_ms` must be a non-negative integer"
        ):
            make_client().beta.threads.runs.create_and_poll(
                thread_id="thread_1", assistant_id="a", poll_interval_ms=bad
            )
    assert not route.called


def test_submit_tool_outputs_and_poll_and_create_and_run_poll(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = make_client()
    monkeypatch.setattr(client.beta.threads.runs, "_sleep", Sleeps())
    with respx.mock(base_url=BASE_URL) as router:
        submit = router.post("/threads/thread_1/runs/run_1/submit_tool_outputs").mock(
            return_value=json_response(run_payload("queued"))
        )
        router.get("/threads/thread_1/runs/run_1").mock(
            return_value=json_response(run_payload("completed"))
        )
        run = client.beta.threads.runs.submit_tool_outputs_and_poll(
            run_id="run_1",
            thread_id="thread_1",
            tool_outputs=[{"tool_call_id": "c", "output": "ok"}],
        )
        assert run.status == "completed"
        assert request_json(submit.calls.last.request)["stream"] is False

        created = router.post("/threads/runs").mock(
            return_value=json_response(run_payload("queued"))
        )
        run = client.beta.threads.create_and_run_poll(
            assistant_id="asst_1", poll_interval_ms=0
        )
    assert run.status == "completed"
    assert request_json(created.calls.last.request) == {
        "assistant_id": "asst_1",
        "stream": False,
    }


async def test_async_run_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_async_client()
    sleeps = AsyncSleeps()
    monkeypatch.setattr(client.beta.threads.runs, "_sleep", sleeps)
    with respx.mock(base_url=BASE_URL) as router:
        router.post("/threads/thread_1/runs").mock(
            return_value=json_response(run_payload("queued"))
        )
        polled = router.get("/threads/thread_1/runs/run_1").mock(
            side_effect=statuses(
                (run_payload("in_progress"), {"openai-poll-after-ms": "10"}),
                (run_payload("requires_action"), {}),
            )
        )
        run = await client.beta.threads.runs.create_and_poll(
            thread_id="thread_1", assistant_id="asst_1"
        )
        assert run.status == "requires_action"
        assert sleeps.seconds == [0.01]
        polled.mock(
            side_effect=None, return_value=json_response(run_payload("expired"))
        )
        router.post("/threads/runs").mock(
            return_value=json_response(run_payload("queued"))
        )
        again = await client.beta.threads.create_and_run_poll(assistant_id="asst_1")
    assert again.status == "expired"


# ----------------------------------------------------------------------------- vector stores


def vs_file(status: str) -> Dict[str, Any]:
    return {
        "id": "file_1",
        "object": "vector_store.file",
        "created_at": 1,
        "vector_store_id": "vs_1",
        "status": status,
        "usage_bytes": 10,
        "last_error": {"code": "server_error", "message": "bad"}
        if status == "failed"
        else None,
    }


def file_object(file_id: str = "file_1", status: str = "processed") -> Dict[str, Any]:
    return {
        "id": file_id,
        "object": "file",
        "bytes": 3,
        "created_at": 1,
        "filename": "a.txt",
        "purpose": "assistants",
        "status": status,
    }


def test_vector_store_file_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client()
    sleeps = Sleeps()
    monkeypatch.setattr(client.vector_stores.files, "_sleep", sleeps)
    with respx.mock(base_url=BASE_URL) as router:
        upload = router.post("/files").mock(return_value=json_response(file_object()))
        attach = router.post("/vector_stores/vs_1/files").mock(
            return_value=json_response(vs_file("in_progress"))
        )
        router.get("/vector_stores/vs_1/files/file_1").mock(
            side_effect=statuses(
                (vs_file("in_progress"), {"openai-poll-after-ms": "30"}),
                (vs_file("failed"), {}),
            )
        )
        result = client.vector_stores.files.upload_and_poll(
            vector_store_id="vs_1", file=("a.txt", b"abc"), attributes={"k": "v"}
        )
        assert result.status == "failed" and result.last_error is not None
        assert sleeps.seconds == [0.03]
        assert b'name="purpose"\r\n\r\nassistants' in upload.calls.last.request.content
        assert request_json(attach.calls.last.request) == {
            "file_id": "file_1",
            "attributes": {"k": "v"},
        }

        plain = client.vector_stores.files.upload(
            vector_store_id="vs_1", file=("a.txt", b"abc")
        )
        assert plain.status == "in_progress"


def batch_payload(status: str, counts: Dict[str, int]) -> Dict[str, Any]:
    return {
        "id": "vsfb_1",
        "object": "vector_store.files_batch",
        "created_at": 1,
        "vector_store_id": "vs_1",
        "status": status,
        "file_counts": {
            "in_progress": 0,
            "completed": 0,
            "failed": 0,
            "cancelled": 0,
            "total": 0,
            **counts,
        },
    }


def test_upload_and_poll_uploads_with_bounded_concurrency(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = make_client()
    monkeypatch.setattr(client.vector_stores.file_batches, "_sleep", Sleeps())
    lock = threading.Lock()
    in_flight = 0
    peak = 0
    counter = iter(range(100))

    def upload(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
            number = next(counter)
        time.sleep(0.02)  # hold the slot so the others pile up (not a timing assertion)
        with lock:
            in_flight -= 1
        return json_response(file_object(f"file_{number}"))

    with respx.mock(base_url=BASE_URL) as router:
        router.post("/files").mock(side_effect=upload)
        create = router.post("/vector_stores/vs_1/file_batches").mock(
            return_value=json_response(batch_payload("in_progress", {"in_progress": 7}))
        )
        router.get("/vector_stores/vs_1/file_batches/vsfb_1").mock(
            side_effect=statuses(
                (batch_payload("in_progress", {"in_progress": 7}), {}),
                (batch_payload("completed", {"completed": 7, "total": 7}), {}),
            )
        )
        files = [(f"f{i}.txt", b"x" * i) for i in range(6)]
        batch = client.vector_stores.file_batches.upload_and_poll(
            "vs_1", files=iter(files), max_concurrency=2, file_ids=["file_existing"]
        )
    assert batch.status == "completed" and batch.file_counts.completed == 7
    assert 1 <= peak <= 2
    sent = request_json(create.calls.last.request)
    assert sent["file_ids"][0] == "file_existing" and len(sent["file_ids"]) == 7
    assert sorted(sent["file_ids"][1:]) == sorted(f"file_{i}" for i in range(6))


def test_upload_and_poll_errors() -> None:
    client = make_client()
    with pytest.raises(ValueError, match="`files` is empty"):
        client.vector_stores.file_batches.upload_and_poll("vs_1", files=[])
    with pytest.raises(
        ValueError, match="`max_concurrency` must be a positive integer"
    ):
        client.vector_stores.file_batches.upload_and_poll(
            "vs_1", files=[b"x"], max_concurrency=0
        )

    def upload(request: httpx.Request) -> httpx.Response:
        if b"bad.txt" in request.content:
            return httpx.Response(
                400,
                json={
                    "error": {
                        "message": "unsupported file",
                        "type": "invalid_request_error",
                    }
                },
            )
        return json_response(file_object())

    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        router.post("/files").mock(side_effect=upload)
        batch = router.post("/vector_stores/vs_1/file_batches").mock(
            return_value=json_response(batch_payload("completed", {}))
        )
        with pytest.raises(openai.BadRequestError, match="unsupported file"):
            client.vector_stores.file_batches.upload_and_poll(
                "vs_1", files=[("ok.txt", b"1"), ("bad.txt", b"2")], max_concurrency=1
            )
    assert not batch.called


async def test_async_vector_store_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_async_client()
    monkeypatch.setattr(client.vector_stores.file_batches, "_sleep", AsyncSleeps())
    monkeypatch.setattr(client.vector_stores.files, "_sleep", AsyncSleeps())
    counter = iter(range(100))
    with respx.mock(base_url=BASE_URL) as router:
        router.post("/files").mock(
            side_effect=lambda request: json_response(
                file_object(f"file_{next(counter)}")
            )
        )
        create = router.post("/vector_stores/vs_1/file_batches").mock(
            return_value=json_response(batch_payload("in_progress", {}))
        )
        router.get("/vector_stores/vs_1/file_batches/vsfb_1").mock(
            side_effect=statuses(
                (batch_payload("in_progress", {}), {}),
                (batch_payload("cancelled", {}), {}),
            )
        )
        batch = await client.vector_stores.file_batches.upload_and_poll(
            "vs_1", files=[b"a", b"b", b"c"], max_concurrency=2
        )
        assert batch.status == "cancelled"
        assert sorted(request_json(create.calls.last.request)["file_ids"]) == [
            "file_0",
            "file_1",
            "file_2",
        ]

        router.post("/vector_stores/vs_1/files").mock(
            return_value=json_response(vs_file("in_progress"))
        )
        router.get("/vector_stores/vs_1/files/file_9").mock(
            return_value=json_response(vs_file("completed"))
        )
        done = await client.vector_stores.files.create_and_poll(
            "file_9", vector_store_id="vs_1"
        )
        assert done.status == "completed"


async def test_async_upload_failure_is_raised_unwrapped() -> None:
    def upload(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            500, json={"error": {"message": "storage down", "type": "server_error"}}
        )

    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        router.post("/files").mock(side_effect=upload)
        with pytest.raises(openai.InternalServerError, match="storage down"):
            await make_async_client().vector_stores.file_batches.upload_and_poll(
                "vs_1", files=[b"a", b"b"]
            )


# ----------------------------------------------------------------------------- videos


def video_payload(status: str) -> Dict[str, Any]:
    return {
        "id": "video_1",
        "object": "video",
        "created_at": 1,
        "status": status,
        "model": "sora-2",
        "progress": 100 if status == "completed" else 10,
        "seconds": "4",
        "size": "720x1280",
    }


def test_videos_create_and_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client()
    sleeps = Sleeps()
    monkeypatch.setattr(client.videos, "_sleep", sleeps)
    with respx.mock(base_url=BASE_URL) as router:
        router.post("/videos").mock(return_value=json_response(video_payload("queued")))
        router.get("/videos/video_1").mock(
            side_effect=statuses(
                (video_payload("queued"), {}),
                (video_payload("in_progress"), {"openai-poll-after-ms": "2000"}),
                (video_payload("completed"), {}),
            )
        )
        video = client.videos.create_and_poll(prompt="a cat", poll_interval_ms=500)
    assert video.status == "completed"
    assert sleeps.seconds == [0.5, 0.5]


async def test_async_videos_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_async_client()
    sleeps = AsyncSleeps()
    monkeypatch.setattr(client.videos, "_sleep", sleeps)
    with respx.mock(base_url=BASE_URL) as router:
        router.get("/videos/video_1").mock(
            side_effect=statuses(
                (video_payload("in_progress"), {"openai-poll-after-ms": "nonsense"}),
                (video_payload("failed"), {}),
            )
        )
        video = await client.videos.poll("video_1")
    assert video.status == "failed"
    assert sleeps.seconds == [1.0]  # a malformed header falls back to the default


# ----------------------------------------------------------------------------- files


def test_wait_for_processing(monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client()
    sleeps = Sleeps()
    monkeypatch.setattr(client.files, "_sleep", sleeps)
    with respx.mock(base_url=BASE_URL) as router:
        router.get("/files/file_1").mock(
            side_effect=statuses(
                (file_object(status="uploaded"), {}),
                (file_object(status="processed"), {}),
            )
        )
        done = client.files.wait_for_processing("file_1", poll_interval=0.5)
    assert done.status == "processed" and sleeps.seconds == [0.5]

    with respx.mock(base_url=BASE_URL) as router:
        router.get("/files/file_1").mock(
            return_value=json_response(file_object(status="uploaded"))
        )
        with pytest.raises(FileProcessingTimeout, match="still 'uploaded'") as info:
            client.files.wait_for_processing(
                "file_1", poll_interval=0, max_wait_seconds=0
            )
    assert isinstance(info.value, RuntimeError) and isinstance(info.value, TimeoutError)
    with pytest.raises(ValueError, match="`poll_interval`"):
        client.files.wait_for_processing("file_1", poll_interval=-1)


async def test_async_wait_for_processing(monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_async_client()
    monkeypatch.setattr(client.files, "_sleep", AsyncSleeps())
    with respx.mock(base_url=BASE_URL) as router:
        router.get("/files/file_1").mock(
            side_effect=statuses(
                (file_object(status="uploaded"), {}), (file_object(status="error"), {})
            )
        )
        done = await client.files.wait_for_processing("file_1")
    assert done.status == "error"


# ----------------------------------------------------------------------------- uploads


def upload_payload(status: str = "pending", **extra: Any) -> Dict[str, Any]:
    data = {
        "id": "upload_1",
        "object": "upload",
        "bytes": 2500,
        "created_at": 1,
        "expires_at": 2,
        "filename": "data.bin",
        "purpose": "batch",
        "status": status,
    }
    data.update(extra)
    return data


class UploadServer:
    """Answers the upload endpoints and keeps what it received."""

    def __init__(self, router: respx.MockRouter) -> None:
        self.parts: List[bytes] = []
        self.create = router.post("/uploads").mock(
            return_value=json_response(upload_payload())
        )
        router.post("/uploads/upload_1/parts").mock(side_effect=self._part)
        self.complete = router.post("/uploads/upload_1/complete").mock(
            return_value=json_response(upload_payload("completed"))
        )
        self.cancel = router.post("/uploads/upload_1/cancel").mock(
            return_value=json_response(upload_payload("cancelled"))
        )

    def _part(self, request: httpx.Request) -> httpx.Response:
        body = request.content
        start = body.index(b"\r\n\r\n", body.index(b'name="data"')) + 4
        end = body.index(b"\r\n--", start)
        self.parts.append(body[start:end])
        return json_response(
            {
                "id": f"part_{len(self.parts)}",
                "object": "upload.part",
                "created_at": 1,
                "upload_id": "upload_1",
            }
        )


def test_upload_file_chunked_from_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = bytes(range(256)) * 10  # 2560 bytes
    path = tmp_path / "data.bin"
    path.write_bytes(data)
    reads: List[int] = []
    real_open = open

    class Tracking:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def read(self, size: int = -1) -> bytes:
            assert size > 0, "the whole file was asked for"
            reads.append(size)
            return self.inner.read(size)

        def __enter__(self) -> "Tracking":
            return self

        def __exit__(self, *exc: Any) -> None:
            self.inner.close()

    import openai.lib._resources.uploads as uploads_module

    monkeypatch.setattr(
        uploads_module,
        "open",
        lambda *a, **k: Tracking(real_open(*a, **k)),
        raising=False,
    )
    progress: List[Any] = []
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        server = UploadServer(router)
        upload = make_client().uploads.upload_file_chunked(
            file=path,
            mime_type="application/octet-stream",
            purpose="batch",
            part_size=1000,
            md5="abc",
            on_progress=lambda sent, total: progress.append((sent, total)),
        )
    assert upload.status == "completed"
    assert request_json(server.create.calls.last.request) == {
        "bytes": 2560,
        "filename": "data.bin",
        "mime_type": "application/octet-stream",
        "purpose": "batch",
    }
    assert [len(p) for p in server.parts] == [1000, 1000, 560]
    assert b"".join(server.parts) == data
    assert request_json(server.complete.calls.last.request) == {
        "part_ids": ["part_1", "part_2", "part_3"],
        "md5": "abc",
    }
    assert progress == [(1000, 2560), (2000, 2560), (2560, 2560)]
    assert reads and max(reads) == 1000
    assert not server.cancel.called


def test_upload_file_chunked_from_bytes_and_errors() -> None:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        server = UploadServer(router)
        make_client().uploads.upload_file_chunked(
            file=b"a" * 25,
            filename="x.jsonl",
            mime_type="text/jsonl",
            purpose="batch",
            part_size=10,
        )
    assert [len(p) for p in server.parts] == [10, 10, 5]
    client = make_client()
    with pytest.raises(TypeError, match="`filename` is required"):
        client.uploads.upload_file_chunked(
            file=b"abc", mime_type="text/plain", purpose="batch"
        )  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="`part_size` must be an integer from 1"):
        client.uploads.upload_file_chunked(
            file=b"abc",
            filename="a",
            mime_type="text/plain",
            purpose="batch",
            part_size=0,
        )
    with pytest.raises(ValueError, match="`part_size`"):
        client.uploads.upload_file_chunked(
            file=b"abc",
            filename="a",
            mime_type="text/plain",
            purpose="batch",
            part_size=65 * 1024 * 1024,
        )


def test_upload_size_mismatch_cancels_the_upload(tmp_path: Path) -> None:
    path = tmp_path / "short.bin"
    path.write_bytes(b"12345")
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        server = UploadServer(router)
        with pytest.raises(
            ValueError, match="`bytes` says the file has 9 bytes, but 5 were read"
        ):
            make_client().uploads.upload_file_chunked(
                file=path, mime_type="text/plain", purpose="batch", bytes=9, part_size=4
            )
    assert server.cancel.called and not server.complete.called


async def test_async_upload_file_chunked(tmp_path: Path) -> None:
    data = b"0123456789" * 30
    path = tmp_path / "data.txt"
    path.write_bytes(data)
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        server = UploadServer(router)
        upload = await make_async_client().uploads.upload_file_chunked(
            file=path, mime_type="text/plain", purpose="assistants", part_size=128
        )
    assert upload.status == "completed"
    assert [len(p) for p in server.parts] == [128, 128, 44] and b"".join(
        server.parts
    ) == data
