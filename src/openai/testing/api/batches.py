"""/batches: the input JSONL is really executed against the emulator's own
endpoints (an in-process ASGI call per line), producing output and error files.

Timeline (fractions of `batch_seconds` on the emulator clock): validating ->
in_progress at 1/3 -> requests run, finalizing at 2/3 -> completed at 1, then a
`batch.completed` webhook. Bad input lines fail the batch during validation.
"""

from __future__ import annotations

import json
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
from .._state import Emulated
from .files import create_file, file_bytes, get_file

JSON = dict[str, Any]

ENDPOINTS = (
    "/v1/responses",
    "/v1/chat/completions",
    "/v1/embeddings",
    "/v1/completions",
    "/v1/moderations",
    "/v1/images/generations",
    "/v1/images/edits",
    "/v1/videos",
)
TERMINAL = ("completed", "failed", "cancelled", "expired")
MAX_LINES = 50_000


def _get(e: Emulated, batch_id: str) -> JSON:
    found = e.store.get("batches", batch_id)
    if found is None:
        raise not_found("batch", batch_id, param="batch_id")
    return found


async def create(request: Request) -> Response:
    e = emu(request)
    body = await json_body(request)
    input_file_id = require(body, "input_file_id")
    endpoint = require(body, "endpoint")
    window = require(body, "completion_window")
    if endpoint not in ENDPOINTS:
        raise bad_request(
            f"Invalid value for 'endpoint': expected one of {', '.join(ENDPOINTS)}.",
            param="endpoint",
        )
    if window != "24h":
        raise bad_request(
            "Invalid value for 'completion_window': only '24h' is supported.",
            param="completion_window",
        )
    file = get_file(e, input_file_id, param="input_file_id")
    if file["purpose"] != "batch":
        raise bad_request(
            f"File {file['id']} has purpose '{file['purpose']}'; batch input files need purpose 'batch'.",
            param="input_file_id",
        )
    now = e.now()
    batch: JSON = {
        "id": e.new_id("batch_", 32),
        "object": "batch",
        "endpoint": endpoint,
        "model": None,
        "errors": None,
        "input_file_id": input_file_id,
        "completion_window": window,
        "status": "validating",
        "output_file_id": None,
        "error_file_id": None,
        "created_at": now,
        "in_progress_at": None,
        "expires_at": now + 86400,
        "finalizing_at": None,
        "completed_at": None,
        "failed_at": None,
        "expired_at": None,
        "cancelling_at": None,
        "cancelled_at": None,
        "request_counts": {"total": 0, "completed": 0, "failed": 0},
        "metadata": check_metadata(body) or {},
    }
    e.store.put("batches", batch["id"], batch)
    e.store.put("_batch_clock", batch["id"], {"start": e.clock.now()})
    return json_response(batch)


async def list_batches(request: Request) -> Response:
    return json_response(cursor_page(request, emu(request).store.values("batches")))


async def retrieve(request: Request) -> Response:
    return json_response(_get(emu(request), request.path_params["batch_id"]))


async def cancel(request: Request) -> Response:
    e = emu(request)
    batch = _get(e, request.path_params["batch_id"])
    if batch["status"] in TERMINAL or batch["status"] == "cancelling":
        if batch["status"] in ("cancelled", "cancelling"):
            return json_response(batch)
        raise bad_request(
            f"Cannot cancel a batch with status '{batch['status']}'.", param="batch_id"
        )
    batch["status"] = "cancelling"
    batch["cancelling_at"] = e.now()
    e.store.put("batches", batch["id"], batch)
    return json_response(batch)


def _parse_lines(data: bytes, endpoint: str) -> tuple[list[JSON], list[JSON]]:
    requests: list[JSON] = []
    errors: list[JSON] = []
    seen: set[str] = set()
    lines = [
        line for line in data.decode("utf-8", "replace").splitlines() if line.strip()
    ]
    if not lines:
        errors.append(
            {
                "code": "empty_file",
                "message": "The input file has no requests.",
                "param": None,
                "line": None,
            }
        )
    if len(lines) > MAX_LINES:
        errors.append(
            {
                "code": "too_many_requests",
                "message": f"At most {MAX_LINES} requests per batch.",
                "param": None,
                "line": None,
            }
        )
    for number, line in enumerate(lines, start=1):

        def fail(
            code: str, message: str, param: str | None = None, at: int = number
        ) -> None:
            errors.append(
                {"code": code, "message": message, "param": param, "line": at}
            )

        try:
            entry = json.loads(line)
        except ValueError:
            fail("invalid_json_line", "This line is not valid JSON.")
            continue
        if not isinstance(entry, dict):
            fail("invalid_request", "Each line must be a JSON object.")
            continue
        custom_id = entry.get("custom_id")  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
        if not isinstance(custom_id, str):
            fail("missing_required_parameter", "Missing 'custom_id'.", "custom_id")
            continue
        if custom_id in seen:
            fail(
                "duplicate_custom_id",
                f"The custom_id '{custom_id}' appears more than once.",
                "custom_id",
            )
            continue
        seen.add(custom_id)
        if entry.get("method") != "POST":  # pyright: ignore[reportUnknownMemberType]
            fail("invalid_method", "Only POST requests can be batched.", "method")
            continue
        if entry.get("url") != endpoint:  # pyright: ignore[reportUnknownMemberType]
            fail(
                "mismatched_endpoint",
                f"The url must be the batch's endpoint '{endpoint}'.",
                "url",
            )
            continue
        if not isinstance(entry.get("body"), dict):  # pyright: ignore[reportUnknownMemberType]
            fail("missing_required_parameter", "Missing 'body'.", "body")
            continue
        if entry["body"].get("stream"):  # pyright: ignore[reportUnknownMemberType]
            fail(
                "invalid_request",
                "Streaming is not supported in batches.",
                "body.stream",
            )
            continue
        requests.append(entry)  # pyright: ignore[reportUnknownArgumentType]
    return requests, errors


async def _run(e: Emulated, batch: JSON, requests: list[JSON]) -> None:
    output: list[str] = []
    failed: list[str] = []
    for entry in requests:
        status, headers, raw = await e.dispatch("POST", entry["url"], entry["body"])
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = raw.decode("utf-8", "replace")
        line = json.dumps(
            {
                "id": e.new_id("batch_req_", 32),
                "custom_id": entry["custom_id"],
                "response": {
                    "status_code": status,
                    "request_id": headers.get("x-request-id", e.new_id("req_", 32)),
                    "body": body,
                },
                "error": None,
            }
        )
        (output if 200 <= status < 300 else failed).append(line)
    batch["request_counts"] = {
        "total": len(requests),
        "completed": len(output),
        "failed": len(failed),
    }
    if requests:
        batch["model"] = requests[0]["body"].get("model")
    if output:
        batch["output_file_id"] = create_file(
            e,
            f"{batch['id']}_output.jsonl",
            ("\n".join(output) + "\n").encode(),
            "batch_output",
        )["id"]
    if failed:
        batch["error_file_id"] = create_file(
            e,
            f"{batch['id']}_error.jsonl",
            ("\n".join(failed) + "\n").encode(),
            "batch_output",
        )["id"]


async def advance(e: Emulated) -> None:
    """Ticker: move every unfinished batch along its timeline."""
    span = e.config.batch_seconds
    now = e.clock.now()
    for batch in e.store.values("batches"):
        status = batch["status"]
        if status in TERMINAL:
            continue
        start = float(
            (e.store.get("_batch_clock", batch["id"]) or {"start": now})["start"]
        )
        if status == "cancelling":
            batch.update(status="cancelled", cancelled_at=e.now())
            e.store.put("batches", batch["id"], batch)
            await e.emit_webhook("batch.cancelled", {"id": batch["id"]})
            continue
        if status == "validating" and now >= start + span / 3:
            requests, errors = _parse_lines(
                file_bytes(e, batch["input_file_id"]), batch["endpoint"]
            )
            if errors:
                batch.update(
                    status="failed",
                    failed_at=e.now(),
                    errors={"object": "list", "data": errors},
                )
                e.store.put("batches", batch["id"], batch)
                await e.emit_webhook("batch.failed", {"id": batch["id"]})
                continue
            batch.update(status="in_progress", in_progress_at=e.now())
            batch["request_counts"] = {
                "total": len(requests),
                "completed": 0,
                "failed": 0,
            }
            e.store.put("batches", batch["id"], batch)
            status = "in_progress"
        if status == "in_progress" and now >= start + 2 * span / 3:
            requests, _ = _parse_lines(
                file_bytes(e, batch["input_file_id"]), batch["endpoint"]
            )
            await _run(e, batch, requests)
            batch.update(status="finalizing", finalizing_at=e.now())
            e.store.put("batches", batch["id"], batch)
            status = "finalizing"
        if status == "finalizing" and now >= start + span:
            batch.update(status="completed", completed_at=e.now())
            e.store.put("batches", batch["id"], batch)
            await e.emit_webhook("batch.completed", {"id": batch["id"]})


ROUTES: list[BaseRoute] = [
    Route("/batches", create, methods=["POST"]),
    Route("/batches", list_batches, methods=["GET"]),
    Route("/batches/{batch_id}", retrieve, methods=["GET"]),
    Route("/batches/{batch_id}/cancel", cancel, methods=["POST"]),
]

TICKERS = [advance]
