"""/files: upload (multipart), list, retrieve, delete, content."""

from __future__ import annotations

import mimetypes
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._http import bad_request, cursor_page, emu, json_response, not_found
from .._state import Emulated

JSON = dict[str, Any]

PURPOSES = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")
MAX_BYTES = 512 * 1024 * 1024


def create_file(
    e: Emulated,
    filename: str,
    data: bytes,
    purpose: str,
    expires_after: int | None = None,
) -> JSON:
    now = e.now()
    file: JSON = {
        "id": e.new_id("file-", 22),
        "object": "file",
        "bytes": len(data),
        "created_at": now,
        "expires_at": now + expires_after if expires_after else None,
        "filename": filename,
        "purpose": purpose,
        "status": "processed",
        "status_details": None,
    }
    e.store.put("files", file["id"], file)
    e.store.put_blob(file["id"], data)
    return file


def get_file(e: Emulated, file_id: str, param: str = "file_id") -> JSON:
    found = e.store.get("files", file_id)
    if found is None:
        raise not_found("file", file_id, param=param)
    return found


def file_bytes(e: Emulated, file_id: str) -> bytes:
    return e.store.get_blob(file_id) or b""


async def read_form(request: Request) -> tuple[dict[str, str], dict[str, UploadFile]]:
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        raise bad_request("This endpoint expects a multipart/form-data body.")
    form = await request.form(max_part_size=MAX_BYTES)
    fields: dict[str, str] = {}
    files: dict[str, UploadFile] = {}
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            files[key] = value
        else:
            fields[key] = value
    return fields, files


async def create(request: Request) -> Response:
    e = emu(request)
    fields, files = await read_form(request)
    upload = files.get("file")
    if upload is None:
        raise bad_request("Missing required parameter: 'file'.", param="file")
    purpose = fields.get("purpose")
    if not purpose:
        raise bad_request("Missing required parameter: 'purpose'.", param="purpose")
    if purpose not in PURPOSES:
        raise bad_request(
            f"Invalid value for 'purpose': expected one of {', '.join(PURPOSES)}.",
            param="purpose",
        )
    expires: int | None = None
    if "expires_after[seconds]" in fields:
        try:
            expires = int(fields["expires_after[seconds]"])
        except ValueError:
            raise bad_request(
                "Invalid 'expires_after.seconds': expected an integer.",
                param="expires_after.seconds",
            ) from None
    data = await upload.read()
    return json_response(
        create_file(e, upload.filename or "upload", data, purpose, expires)
    )


async def list_files(request: Request) -> Response:
    items = emu(request).store.values("files")
    purpose = request.query_params.get("purpose")
    if purpose:
        items = [f for f in items if f["purpose"] == purpose]
    return json_response(
        cursor_page(
            request, items, default_order="desc", default_limit=10000, max_limit=10000
        )
    )


async def retrieve(request: Request) -> Response:
    return json_response(get_file(emu(request), request.path_params["file_id"]))


async def delete(request: Request) -> Response:
    e = emu(request)
    file = get_file(e, request.path_params["file_id"])
    e.store.delete("files", file["id"])
    e.store.delete_blob(file["id"])
    return json_response({"id": file["id"], "object": "file", "deleted": True})


async def content(request: Request) -> Response:
    e = emu(request)
    file = get_file(e, request.path_params["file_id"])
    media = mimetypes.guess_type(file["filename"])[0] or "application/octet-stream"
    return Response(file_bytes(e, file["id"]), media_type=media)


ROUTES: list[BaseRoute] = [
    Route("/files", create, methods=["POST"]),
    Route("/files", list_files, methods=["GET"]),
    Route("/files/{file_id}", retrieve, methods=["GET"]),
    Route("/files/{file_id}", delete, methods=["DELETE"]),
    Route("/files/{file_id}/content", content, methods=["GET"]),
]
