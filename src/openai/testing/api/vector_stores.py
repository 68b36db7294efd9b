"""/vector_stores with files, file batches, file content and lexical search.

Files are "processed" at once: chunked by words, and searched by the share of the
query's distinct terms a chunk contains (plus a small term-frequency bonus).
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._http import (
    bad_request,
    check_metadata,
    cursor_page,
    emu,
    json_body,
    json_response,
    not_found,
    require,
)
from .._json import array, as_obj, get
from .._state import Emulated
from .files import file_bytes, get_file

JSON = dict[str, Any]

CHUNK_WORDS = 200
DEFAULT_CHUNKING: JSON = {
    "type": "static",
    "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
}
_TERM = re.compile(r"\w+")


def _get_store(e: Emulated, vector_store_id: str) -> JSON:
    found = e.store.get("vector_stores", vector_store_id)
    if found is None:
        raise not_found("vector store", vector_store_id, param="vector_store_id")
    return found


def _vs_files(e: Emulated, vector_store_id: str) -> list[JSON]:
    return [
        f for f in e.store.values("vs_files") if f["vector_store_id"] == vector_store_id
    ]


def _refresh(e: Emulated, store: JSON) -> JSON:
    files = _vs_files(e, store["id"])
    counts = {"in_progress": 0, "completed": 0, "failed": 0, "cancelled": 0}
    for f in files:
        counts[f["status"]] = counts.get(f["status"], 0) + 1
    store["file_counts"] = dict(counts, total=len(files))
    store["usage_bytes"] = sum(f["usage_bytes"] for f in files)
    store["last_active_at"] = e.now()
    e.store.put("vector_stores", store["id"], store)
    return store


def _attach(
    e: Emulated,
    store: JSON,
    file_id: str,
    attributes: JSON | None,
    chunking: JSON | None,
) -> JSON:
    file = get_file(e, file_id, param="file_id")
    record: JSON = {
        "id": file["id"],
        "object": "vector_store.file",
        "usage_bytes": file["bytes"],
        "created_at": e.now(),
        "vector_store_id": store["id"],
        "status": "completed",
        "last_error": None,
        "chunking_strategy": chunking
        if chunking and chunking.get("type") == "static"
        else DEFAULT_CHUNKING,
        "attributes": attributes or {},
    }
    e.store.put("vs_files", f"{store['id']}/{file['id']}", record)
    return record


async def create(request: Request) -> Response:
    e = emu(request)
    body = await json_body(request)
    now = e.now()
    expires = body.get("expires_after")
    store: JSON = {
        "id": e.new_id("vs_", 32),
        "object": "vector_store",
        "created_at": now,
        "name": body.get("name") or "",
        "usage_bytes": 0,
        "file_counts": {
            "in_progress": 0,
            "completed": 0,
            "failed": 0,
            "cancelled": 0,
            "total": 0,
        },
        "status": "completed",
        "expires_after": expires,
        "expires_at": now + 86400 * int(get(expires, "days", 0))
        if as_obj(expires)
        else None,
        "last_active_at": now,
        "metadata": check_metadata(body) or {},
    }
    e.store.put("vector_stores", store["id"], store)
    for file_id in array(body.get("file_ids")):
        _attach(e, store, str(file_id), None, body.get("chunking_strategy"))
    return json_response(_refresh(e, store))


async def list_stores(request: Request) -> Response:
    return json_response(
        cursor_page(request, emu(request).store.values("vector_stores"))
    )


async def retrieve(request: Request) -> Response:
    return json_response(
        _get_store(emu(request), request.path_params["vector_store_id"])
    )


async def update(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    body = await json_body(request)
    if "name" in body:
        store["name"] = body["name"]
    if "metadata" in body:
        store["metadata"] = check_metadata(body) or {}
    if "expires_after" in body:
        store["expires_after"] = body["expires_after"]
    e.store.put("vector_stores", store["id"], store)
    return json_response(store)


async def delete(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    for f in _vs_files(e, store["id"]):
        e.store.delete("vs_files", f"{store['id']}/{f['id']}")
    e.store.delete("vector_stores", store["id"])
    return json_response(
        {"id": store["id"], "object": "vector_store.deleted", "deleted": True}
    )


# files in a vector store


def _get_vs_file(e: Emulated, store: JSON, file_id: str) -> JSON:
    found = e.store.get("vs_files", f"{store['id']}/{file_id}")
    if found is None:
        raise not_found("vector store file", file_id, param="file_id")
    return found


async def create_file(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    body = await json_body(request)
    record = _attach(
        e,
        store,
        require(body, "file_id"),
        body.get("attributes"),
        body.get("chunking_strategy"),
    )
    _refresh(e, store)
    return json_response(record)


def _filter_status(request: Request, files: list[JSON]) -> list[JSON]:
    wanted = request.query_params.get("filter")
    if wanted is None:
        return files
    if wanted not in ("in_progress", "completed", "failed", "cancelled"):
        raise bad_request(
            "Invalid 'filter': expected in_progress, completed, failed or cancelled.",
            param="filter",
        )
    return [f for f in files if f["status"] == wanted]


async def list_files(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    return json_response(
        cursor_page(request, _filter_status(request, _vs_files(e, store["id"])))
    )


async def retrieve_file(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    return json_response(_get_vs_file(e, store, request.path_params["file_id"]))


async def update_file(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    record = _get_vs_file(e, store, request.path_params["file_id"])
    body = await json_body(request)
    if "attributes" not in body:
        raise bad_request(
            "Missing required parameter: 'attributes'.", param="attributes"
        )
    record["attributes"] = body["attributes"] or {}
    e.store.put("vs_files", f"{store['id']}/{record['id']}", record)
    return json_response(record)


async def delete_file(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    record = _get_vs_file(e, store, request.path_params["file_id"])
    e.store.delete("vs_files", f"{store['id']}/{record['id']}")
    _refresh(e, store)
    return json_response(
        {"id": record["id"], "object": "vector_store.file.deleted", "deleted": True}
    )


def _text(e: Emulated, file_id: str) -> str:
    return file_bytes(e, file_id).decode("utf-8", "replace")


def chunks_of(text: str) -> list[str]:
    words = text.split()
    return [
        " ".join(words[i : i + CHUNK_WORDS]) for i in range(0, len(words), CHUNK_WORDS)
    ]


async def file_content(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    record = _get_vs_file(e, store, request.path_params["file_id"])
    data = [
        {"type": "text", "text": chunk} for chunk in chunks_of(_text(e, record["id"]))
    ]
    return json_response(
        {
            "object": "vector_store.file_content.page",
            "data": data,
            "has_more": False,
            "next_page": None,
        }
    )


# file batches


def _get_batch(e: Emulated, store: JSON, batch_id: str) -> JSON:
    found = e.store.get("vs_file_batches", batch_id)
    if found is None or found["vector_store_id"] != store["id"]:
        raise not_found("vector store file batch", batch_id, param="batch_id")
    return found


async def create_batch(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    body = await json_body(request)
    entries: list[tuple[str, JSON | None]] = []
    if body.get("files"):
        for f in body["files"]:
            entries.append(
                (str(f.get("file_id")), f.get("attributes") or body.get("attributes"))
            )
    elif body.get("file_ids"):
        entries = [(str(fid), body.get("attributes")) for fid in body["file_ids"]]
    else:
        raise bad_request(
            "Missing required parameter: 'file_ids' (or 'files').", param="file_ids"
        )
    for file_id, _ in entries:
        get_file(e, file_id, param="file_ids")
    for file_id, attributes in entries:
        _attach(e, store, file_id, attributes, body.get("chunking_strategy"))
    _refresh(e, store)
    batch: JSON = {
        "id": e.new_id("vsfb_", 32),
        "object": "vector_store.files_batch",
        "created_at": e.now(),
        "vector_store_id": store["id"],
        "status": "completed",
        "file_counts": {
            "in_progress": 0,
            "completed": len(entries),
            "failed": 0,
            "cancelled": 0,
            "total": len(entries),
        },
    }
    e.store.put("vs_file_batches", batch["id"], batch)
    e.store.put("_vsfb_files", batch["id"], {"file_ids": [fid for fid, _ in entries]})
    return json_response(batch)


async def retrieve_batch(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    return json_response(_get_batch(e, store, request.path_params["batch_id"]))


async def cancel_batch(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    batch = _get_batch(e, store, request.path_params["batch_id"])
    if batch["status"] == "in_progress":
        batch["status"] = "cancelled"
        e.store.put("vs_file_batches", batch["id"], batch)
    return json_response(batch)


async def list_batch_files(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    batch = _get_batch(e, store, request.path_params["batch_id"])
    ids = set((e.store.get("_vsfb_files", batch["id"]) or {"file_ids": []})["file_ids"])
    files = [f for f in _vs_files(e, store["id"]) if f["id"] in ids]
    return json_response(cursor_page(request, _filter_status(request, files)))


# search


def _matches(given: Any, attributes: JSON) -> bool:
    filters = as_obj(given)
    if filters is None:
        raise bad_request("Invalid 'filters': expected an object.", param="filters")
    kind = filters.get("type")
    if kind in ("and", "or"):
        parts = [_matches(f, attributes) for f in array(filters.get("filters"))]
        return all(parts) if kind == "and" else any(parts)
    key = filters.get("key")
    value = filters.get("value")
    actual = attributes.get(str(key))
    try:
        if kind == "eq":
            return actual == value
        if kind == "ne":
            return actual != value
        if kind == "in":
            return actual in array(value)
        if kind == "nin":
            return actual not in array(value)
        if actual is None:
            return False
        if kind == "gt":
            return bool(actual > value)
        if kind == "gte":
            return bool(actual >= value)
        if kind == "lt":
            return bool(actual < value)
        if kind == "lte":
            return bool(actual <= value)
    except TypeError:
        return False
    raise bad_request(f"Invalid 'filters.type': {kind!r}.", param="filters.type")


def score(query_terms: list[str], chunk: str) -> float:
    if not query_terms:
        return 0.0
    words = [w.lower() for w in _TERM.findall(chunk)]
    present = {t for t in query_terms if t in words}
    if not present:
        return 0.0
    frequency = sum(words.count(t) for t in present)
    return round(
        0.9 * len(present) / len(set(query_terms)) + 0.1 * min(1.0, frequency / 10), 6
    )


async def search(request: Request) -> Response:
    e = emu(request)
    store = _get_store(e, request.path_params["vector_store_id"])
    body = await json_body(request)
    query = body.get("query")
    queries: list[str] = (
        [query]
        if isinstance(query, str)
        else [str(q) for q in array(body.get("query"))]
    )
    if not queries:
        raise bad_request("Missing required parameter: 'query'.", param="query")
    limit = body.get("max_num_results", 10)
    if not isinstance(limit, int) or not 1 <= limit <= 50:
        raise bad_request(
            "Invalid 'max_num_results': must be between 1 and 50.",
            param="max_num_results",
        )
    threshold = float(get(body.get("ranking_options"), "score_threshold") or 0.0)
    terms = [t.lower() for q in queries for t in _TERM.findall(q)]
    hits: list[tuple[float, int, JSON]] = []
    for order, record in enumerate(_vs_files(e, store["id"])):
        if body.get("filters") is not None and not _matches(
            body["filters"], record.get("attributes") or {}
        ):
            continue
        file = e.store.get("files", record["id"]) or {"filename": ""}
        for chunk in chunks_of(_text(e, record["id"])):
            s = score(terms, chunk)
            if s > 0 and s >= threshold:
                hits.append(
                    (
                        s,
                        order,
                        {
                            "file_id": record["id"],
                            "filename": file["filename"],
                            "score": s,
                            "attributes": record.get("attributes") or {},
                            "content": [{"type": "text", "text": chunk}],
                        },
                    )
                )
    hits.sort(key=lambda h: (-h[0], h[1]))
    search_query = [" ".join(terms)] if body.get("rewrite_query") else queries
    return json_response(
        {
            "object": "vector_store.search_results.page",
            "search_query": search_query,
            "data": [h[2] for h in hits[:limit]],
            "has_more": False,
            "next_page": None,
        }
    )


_VS = "/vector_stores/{vector_store_id}"
ROUTES: list[BaseRoute] = [
    Route("/vector_stores", create, methods=["POST"]),
    Route("/vector_stores", list_stores, methods=["GET"]),
    Route(_VS, retrieve, methods=["GET"]),
    Route(_VS, update, methods=["POST"]),
    Route(_VS, delete, methods=["DELETE"]),
    Route(_VS + "/search", search, methods=["POST"]),
    Route(_VS + "/files", create_file, methods=["POST"]),
    Route(_VS + "/files", list_files, methods=["GET"]),
    Route(_VS + "/files/{file_id}", retrieve_file, methods=["GET"]),
    Route(_VS + "/files/{file_id}", update_file, methods=["POST"]),
    Route(_VS + "/files/{file_id}", delete_file, methods=["DELETE"]),
    Route(_VS + "/files/{file_id}/content", file_content, methods=["GET"]),
    Route(_VS + "/file_batches", create_batch, methods=["POST"]),
    Route(_VS + "/file_batches/{batch_id}", retrieve_batch, methods=["GET"]),
    Route(_VS + "/file_batches/{batch_id}/cancel", cancel_batch, methods=["POST"]),
    Route(_VS + "/file_batches/{batch_id}/files", list_batch_files, methods=["GET"]),
]
