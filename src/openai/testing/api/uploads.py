"""/uploads: create, add parts (multipart), complete (assembles a File), cancel."""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._http import bad_request, emu, json_body, json_response, not_found, require
from .._state import Emulated
from .files import PURPOSES, create_file, read_form

JSON = dict[str, Any]

MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024
PART_MAX_BYTES = 64 * 1024 * 1024
EXPIRES_SECONDS = 3600


def _get(e: Emulated, upload_id: str) -> JSON:
    found = e.store.get("uploads", upload_id)
    if found is None:
        raise not_found("upload", upload_id, param="upload_id")
    return found


def _expect_pending(upload: JSON) -> None:
    if upload["status"] != "pending":
        raise bad_request(
            f"Upload {upload['id']} is already {upload['status']}.", param="upload_id"
        )


async def create(request: Request) -> Response:
    e = emu(request)
    body = await json_body(request)
    size = require(body, "bytes", int)
    filename = require(body, "filename")
    require(body, "mime_type")
    purpose = require(body, "purpose")
    if purpose not in PURPOSES:
        raise bad_request(
            f"Invalid value for 'purpose': expected one of {', '.join(PURPOSES)}.",
            param="purpose",
        )
    if not 0 <= size <= MAX_UPLOAD_BYTES:
        raise bad_request(
            f"Invalid 'bytes': must be between 0 and {MAX_UPLOAD_BYTES}.", param="bytes"
        )
    now = e.now()
    upload: JSON = {
        "id": e.new_id("upload_", 24),
        "object": "upload",
        "bytes": size,
        "created_at": now,
        "expires_at": now + EXPIRES_SECONDS,
        "filename": filename,
        "purpose": purpose,
        "status": "pending",
        "file": None,
    }
    e.store.put("uploads", upload["id"], upload)
    e.store.put("_upload_parts", upload["id"], {"parts": []})
    return json_response(upload)


async def add_part(request: Request) -> Response:
    e = emu(request)
    upload = _get(e, request.path_params["upload_id"])
    _expect_pending(upload)
    _fields, files = await read_form(request)
    data_file = files.get("data")
    if data_file is None:
        raise bad_request("Missing required parameter: 'data'.", param="data")
    data = await data_file.read()
    if len(data) > PART_MAX_BYTES:
        raise bad_request("Invalid 'data': a part can be at most 64 MB.", param="data")
    part: JSON = {
        "id": e.new_id("part_", 24),
        "object": "upload.part",
        "created_at": e.now(),
        "upload_id": upload["id"],
    }
    e.store.put_blob(part["id"], data)
    parts = e.store.get("_upload_parts", upload["id"]) or {"parts": []}
    parts["parts"].append(part["id"])
    e.store.put("_upload_parts", upload["id"], parts)
    return json_response(part)


async def complete(request: Request) -> Response:
    e = emu(request)
    upload = _get(e, request.path_params["upload_id"])
    _expect_pending(upload)
    body = await json_body(request)
    part_ids: list[Any] = require(body, "part_ids", list)
    known = set((e.store.get("_upload_parts", upload["id"]) or {"parts": []})["parts"])
    for part_id in part_ids:
        if part_id not in known:
            raise bad_request(
                f"Invalid 'part_ids': '{part_id}' is not a part of upload {upload['id']}.",
                param="part_ids",
            )
    data = b"".join(e.store.get_blob(str(p)) or b"" for p in part_ids)
    if len(data) != upload["bytes"]:
        raise bad_request(
            f"The parts add up to {len(data)} bytes but the upload was created for {upload['bytes']} bytes.",
            param="part_ids",
        )
    md5 = body.get("md5")
    if md5 and md5 != hashlib.md5(data).hexdigest():
        raise bad_request(
            "Invalid 'md5': it does not match the assembled file.", param="md5"
        )
    file = create_file(e, upload["filename"], data, upload["purpose"])
    for part_id in part_ids:
        e.store.delete_blob(str(part_id))
    upload["status"] = "completed"
    upload["file"] = file
    e.store.put("uploads", upload["id"], upload)
    return json_response(upload)


async def cancel(request: Request) -> Response:
    e = emu(request)
    upload = _get(e, request.path_params["upload_id"])
    _expect_pending(upload)
    upload["status"] = "cancelled"
    e.store.put("uploads", upload["id"], upload)
    return json_response(upload)


ROUTES: list[BaseRoute] = [
    Route("/uploads", create, methods=["POST"]),
    Route("/uploads/{upload_id}/parts", add_part, methods=["POST"]),
    Route("/uploads/{upload_id}/complete", complete, methods=["POST"]),
    Route("/uploads/{upload_id}/cancel", cancel, methods=["POST"]),
]
