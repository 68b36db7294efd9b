"""Every JSON answer the flows receive is validated against the client package's
own types (the official package's, or ours once generated), by path.

A table of (method, path pattern) -> type at its official module path; list
endpoints validate each item of `data`. Failures are collected by an httpx
response hook and reported when the test ends (raising inside the hook would
surface as a connection error and be retried by the client).
"""

from __future__ import annotations

import base64
import importlib
import json
import re
import struct
from typing import Any, Callable

from pydantic import TypeAdapter

_ID = r"[^/]+"
# (method, path below /v1, "module:Name", True when the body is a list page)
TABLE: list[tuple[str, str, str, bool]] = [
    ("GET", "/models", "openai.types.model:Model", True),
    ("GET", f"/models/{_ID}", "openai.types.model:Model", False),
    ("DELETE", f"/models/{_ID}", "openai.types.model_deleted:ModelDeleted", False),
    (
        "POST",
        "/chat/completions",
        "openai.types.chat.chat_completion:ChatCompletion",
        False,
    ),
    (
        "GET",
        "/chat/completions",
        "openai.types.chat.chat_completion:ChatCompletion",
        True,
    ),
    (
        "GET",
        f"/chat/completions/{_ID}",
        "openai.types.chat.chat_completion:ChatCompletion",
        False,
    ),
    (
        "POST",
        f"/chat/completions/{_ID}",
        "openai.types.chat.chat_completion:ChatCompletion",
        False,
    ),
    (
        "DELETE",
        f"/chat/completions/{_ID}",
        "openai.types.chat.chat_completion_deleted:ChatCompletionDeleted",
        False,
    ),
    ("POST", "/completions", "openai.types.completion:Completion", False),
    ("POST", "/responses", "openai.types.responses.response:Response", False),
    ("GET", f"/responses/{_ID}", "openai.types.responses.response:Response", False),
    (
        "POST",
        f"/responses/{_ID}/cancel",
        "openai.types.responses.response:Response",
        False,
    ),
    (
        "GET",
        f"/responses/{_ID}/input_items",
        "openai.types.responses.response_item:ResponseItem",
        True,
    ),
    (
        "POST",
        "/responses/input_tokens",
        "openai.types.responses.input_token_count_response:InputTokenCountResponse",
        False,
    ),
    (
        "POST",
        "/conversations",
        "openai.types.conversations.conversation:Conversation",
        False,
    ),
    (
        "GET",
        f"/conversations/{_ID}",
        "openai.types.conversations.conversation:Conversation",
        False,
    ),
    (
        "POST",
        f"/conversations/{_ID}",
        "openai.types.conversations.conversation:Conversation",
        False,
    ),
    (
        "DELETE",
        f"/conversations/{_ID}",
        "openai.types.conversations.conversation_deleted_resource:ConversationDeletedResource",
        False,
    ),
    (
        "POST",
        f"/conversations/{_ID}/items",
        "openai.types.conversations.conversation_item_list:ConversationItemList",
        False,
    ),
    (
        "GET",
        f"/conversations/{_ID}/items",
        "openai.types.conversations.conversation_item:ConversationItem",
        True,
    ),
    (
        "GET",
        f"/conversations/{_ID}/items/{_ID}",
        "openai.types.conversations.conversation_item:ConversationItem",
        False,
    ),
    (
        "DELETE",
        f"/conversations/{_ID}/items/{_ID}",
        "openai.types.conversations.conversation:Conversation",
        False,
    ),
    (
        "POST",
        "/embeddings",
        "openai.types.create_embedding_response:CreateEmbeddingResponse",
        False,
    ),
    (
        "POST",
        "/moderations",
        "openai.types.moderation_create_response:ModerationCreateResponse",
        False,
    ),
    ("POST", "/files", "openai.types.file_object:FileObject", False),
    ("GET", "/files", "openai.types.file_object:FileObject", True),
    ("GET", f"/files/{_ID}", "openai.types.file_object:FileObject", False),
    ("DELETE", f"/files/{_ID}", "openai.types.file_deleted:FileDeleted", False),
    ("POST", "/uploads", "openai.types.upload:Upload", False),
    ("POST", f"/uploads/{_ID}/(complete|cancel)", "openai.types.upload:Upload", False),
    (
        "POST",
        f"/uploads/{_ID}/parts",
        "openai.types.uploads.upload_part:UploadPart",
        False,
    ),
    ("POST", "/vector_stores", "openai.types.vector_store:VectorStore", False),
    ("GET", "/vector_stores", "openai.types.vector_store:VectorStore", True),
    ("GET", f"/vector_stores/{_ID}", "openai.types.vector_store:VectorStore", False),
    ("POST", f"/vector_stores/{_ID}", "openai.types.vector_store:VectorStore", False),
    (
        "DELETE",
        f"/vector_stores/{_ID}",
        "openai.types.vector_store_deleted:VectorStoreDeleted",
        False,
    ),
    (
        "POST",
        f"/vector_stores/{_ID}/search",
        "openai.types.vector_store_search_response:VectorStoreSearchResponse",
        True,
    ),
    (
        "POST",
        f"/vector_stores/{_ID}/files",
        "openai.types.vector_stores.vector_store_file:VectorStoreFile",
        False,
    ),
    (
        "GET",
        f"/vector_stores/{_ID}/files",
        "openai.types.vector_stores.vector_store_file:VectorStoreFile",
        True,
    ),
    (
        "GET",
        f"/vector_stores/{_ID}/files/{_ID}",
        "openai.types.vector_stores.vector_store_file:VectorStoreFile",
        False,
    ),
    (
        "POST",
        f"/vector_stores/{_ID}/files/{_ID}",
        "openai.types.vector_stores.vector_store_file:VectorStoreFile",
        False,
    ),
    (
        "DELETE",
        f"/vector_stores/{_ID}/files/{_ID}",
        "openai.types.vector_stores.vector_store_file_deleted:VectorStoreFileDeleted",
        False,
    ),
    (
        "GET",
        f"/vector_stores/{_ID}/files/{_ID}/content",
        "openai.types.vector_stores.file_content_response:FileContentResponse",
        True,
    ),
    (
        "POST",
        f"/vector_stores/{_ID}/file_batches",
        "openai.types.vector_stores.vector_store_file_batch:VectorStoreFileBatch",
        False,
    ),
    (
        "GET",
        f"/vector_stores/{_ID}/file_batches/{_ID}",
        "openai.types.vector_stores.vector_store_file_batch:VectorStoreFileBatch",
        False,
    ),
    (
        "POST",
        f"/vector_stores/{_ID}/file_batches/{_ID}/cancel",
        "openai.types.vector_stores.vector_store_file_batch:VectorStoreFileBatch",
        False,
    ),
    (
        "GET",
        f"/vector_stores/{_ID}/file_batches/{_ID}/files",
        "openai.types.vector_stores.vector_store_file:VectorStoreFile",
        True,
    ),
    ("POST", "/batches", "openai.types.batch:Batch", False),
    ("GET", "/batches", "openai.types.batch:Batch", True),
    ("GET", f"/batches/{_ID}", "openai.types.batch:Batch", False),
    ("POST", f"/batches/{_ID}/cancel", "openai.types.batch:Batch", False),
    (
        "POST",
        "/fine_tuning/jobs",
        "openai.types.fine_tuning.fine_tuning_job:FineTuningJob",
        False,
    ),
    (
        "GET",
        "/fine_tuning/jobs",
        "openai.types.fine_tuning.fine_tuning_job:FineTuningJob",
        True,
    ),
    (
        "GET",
        f"/fine_tuning/jobs/{_ID}",
        "openai.types.fine_tuning.fine_tuning_job:FineTuningJob",
        False,
    ),
    (
        "POST",
        f"/fine_tuning/jobs/{_ID}/(cancel|pause|resume)",
        "openai.types.fine_tuning.fine_tuning_job:FineTuningJob",
        False,
    ),
    (
        "GET",
        f"/fine_tuning/jobs/{_ID}/events",
        "openai.types.fine_tuning.fine_tuning_job_event:FineTuningJobEvent",
        True,
    ),
    (
        "GET",
        f"/fine_tuning/jobs/{_ID}/checkpoints",
        "openai.types.fine_tuning.jobs.fine_tuning_job_checkpoint:FineTuningJobCheckpoint",
        True,
    ),
    (
        "POST",
        "/images/(generations|edits|variations)",
        "openai.types.images_response:ImagesResponse",
        False,
    ),
    (
        "POST",
        "/audio/translations",
        "openai.types.audio.translation:Translation",
        False,
    ),
    (
        # the JSON formats: json (Transcription) or verbose_json (TranscriptionVerbose)
        "POST",
        "/audio/transcriptions",
        "openai.types.audio.transcription_create_response:TranscriptionCreateResponse",
        False,
    ),
]
# JSON answers deliberately not checked, with the reason (test_shapes_table.py keeps
# TABLE and this list covering every JSON route the emulator serves)
UNCHECKED: dict[tuple[str, str], str] = {
    ("GET", "/chat/completions/{completion_id}/messages"): (
        "the spec types the items as assistant messages; the list holds the stored "
        "request messages with their own roles, as the real API (and the spec's own "
        "example) has them"
    ),
    ("DELETE", "/responses/{response_id}"): "the client returns None (no type)",
    ("POST", "/responses/compact"): (
        "the spec types `output` as output items but describes it as the user messages "
        "followed by a compaction item, and user messages are no output item; the flow "
        "checks each item against its own type"
    ),
}
_COMPILED = [(m, re.compile(p + "$"), ref, page) for m, p, ref, page in TABLE]
_ADAPTERS: dict[str, Any] = {}


def _adapter(ref: str) -> Any:
    if ref not in _ADAPTERS:
        module, name = ref.split(":")
        _ADAPTERS[ref] = TypeAdapter(getattr(importlib.import_module(module), name))
    return _ADAPTERS[ref]


def _lookup(method: str, path: str) -> tuple[str, bool] | None:
    for m, pattern, ref, page in _COMPILED:
        if m == method and pattern.match(path):
            return ref, page
    return None


class ShapeChecker:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.checked = 0

    def check(
        self, method: str, url_path: str, status: int, content_type: str, body: bytes
    ) -> None:
        if status >= 300 or "application/json" not in content_type:
            return
        path = url_path.split("/v1", 1)[-1]
        found = _lookup(method, path)
        if found is None:
            return
        ref, page = found
        data = json.loads(body)
        if (
            path == "/embeddings"
        ):  # base64 vectors (the client's default) are decoded before typing
            for item in data.get("data", []):
                if isinstance(item.get("embedding"), str):
                    raw = base64.b64decode(item["embedding"])
                    item["embedding"] = list(struct.unpack(f"<{len(raw) // 4}f", raw))
        try:
            if page:
                assert isinstance(data.get("data"), list), (
                    "a list page has a `data` array"
                )
                for item in data["data"]:
                    _adapter(ref).validate_python(item)
            else:
                _adapter(ref).validate_python(data)
            self.checked += 1
        except Exception as exc:  # noqa: BLE001 - collected, reported at teardown
            self.failures.append(f"{method} {path} -> {ref}: {exc}")

    def sync_hook(self) -> Callable[[Any], None]:
        def hook(response: Any) -> None:
            if "application/json" not in response.headers.get("content-type", ""):
                return  # leave streams (SSE, audio) unread for the client
            response.read()
            self.check(
                response.request.method,
                response.request.url.path,
                response.status_code,
                response.headers.get("content-type", ""),
                response.content,
            )

        return hook

    def async_hook(self) -> Callable[[Any], Any]:
        async def hook(response: Any) -> None:
            if "application/json" not in response.headers.get("content-type", ""):
                return
            await response.aread()
            self.check(
                response.request.method,
                response.request.url.path,
                response.status_code,
                response.headers.get("content-type", ""),
                response.content,
            )

        return hook
