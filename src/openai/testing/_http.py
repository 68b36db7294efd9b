"""Request/response helpers shared by the endpoint modules: errors in the API's
error shape, JSON bodies, parameter checks and list pagination."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable

from starlette.requests import Request
from starlette.responses import Response

if TYPE_CHECKING:
    from ._state import Emulated

JSON = dict[str, Any]


class ApiError(Exception):
    """Raised by a handler; rendered as `{"error": {...}}` with the given status."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
        self.headers = headers or {}

    def body(self) -> JSON:
        return {
            "error": {
                "message": self.message,
                "type": self.type,
                "param": self.param,
                "code": self.code,
            }
        }


def bad_request(
    message: str, param: str | None = None, code: str | None = None
) -> ApiError:
    return ApiError(400, message, param=param, code=code)


def not_found(what: str, id_: str, param: str | None = None) -> ApiError:
    return ApiError(
        404, f"No {what} found with id '{id_}'.", param=param, code="not_found"
    )


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


def json_response(
    obj: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        dumps(obj), status_code=status, media_type="application/json", headers=headers
    )


def error_response(err: ApiError) -> Response:
    return json_response(err.body(), status=err.status, headers=err.headers)


def emu(request: Request) -> Emulated:
    return request.app.state.emulated  # type: ignore[no-any-return]


async def json_body(request: Request) -> JSON:
    raw = await request.body()
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError as exc:
        raise bad_request(
            f"We could not parse the JSON body of your request: {exc}"
        ) from None
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    return body  # pyright: ignore[reportUnknownVariableType]


def require(body: JSON, name: str, kind: "type | tuple[type, ...]" = str) -> Any:  # noqa: UP037
    if name not in body or body[name] is None:
        raise bad_request(
            f"Missing required parameter: '{name}'.",
            param=name,
            code="missing_required_parameter",
        )
    value = body[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise bad_request(
            f"Invalid type for '{name}': got {type(value).__name__}.",
            param=name,
            code="invalid_type",
        )
    return value


def optional(
    body: JSON, name: str, kind: type | tuple[type, ...], default: Any = None
) -> Any:
    value = body.get(name)
    if value is None:
        return default
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise bad_request(
            f"Invalid type for '{name}': got {type(value).__name__}.",
            param=name,
            code="invalid_type",
        )
    return value


def query_int(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad_request(
            f"Invalid '{name}': expected an integer, got {raw!r}.", param=name
        ) from None
    if not lo <= value <= hi:
        raise bad_request(
            f"Invalid '{name}': must be between {lo} and {hi}, got {value}.", param=name
        )
    return value


def metadata_filter(request: Request) -> dict[str, str]:
    """`metadata[key]=value` query parameters (the client's brackets format)."""
    out: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key.startswith("metadata[") and key.endswith("]"):
            out[key[len("metadata[") : -1]] = value
    return out


def check_metadata(body: JSON, name: str = "metadata") -> dict[str, str] | None:
    meta = body.get(name)
    if meta is None:
        return None
    if not isinstance(meta, dict):
        raise bad_request(f"Invalid type for '{name}': expected an object.", param=name)
    if len(meta) > 16:  # pyright: ignore[reportUnknownArgumentType]
        raise bad_request(f"Invalid '{name}': at most 16 keys are allowed.", param=name)
    for k, v in meta.items():  # pyright: ignore[reportUnknownVariableType]
        if not isinstance(v, str):
            raise bad_request(
                f"Invalid '{name}.{k}': values must be strings.", param=f"{name}.{k}"
            )
    return meta  # pyright: ignore[reportUnknownVariableType]


def cursor_page(
    request: Request,
    items: Sequence[JSON],
    *,
    default_order: str = "desc",
    default_limit: int = 20,
    max_limit: int = 100,
    object_name: str = "list",
    key: Callable[[JSON], str] = lambda o: str(o["id"]),
) -> JSON:
    """One page of `items` (given oldest first) under the `after`/`before`/`limit`/`order` rules.

    `after` is the id of the last item of the previous page, which is what the
    cursor page classes send, so auto-pagination walks the whole list.
    """
    order = request.query_params.get("order", default_order)
    if order not in ("asc", "desc"):
        raise bad_request(
            f"Invalid 'order': expected 'asc' or 'desc', got {order!r}.", param="order"
        )
    limit = query_int(request, "limit", default_limit, 1, max_limit)
    ordered: list[JSON] = list(items) if order == "asc" else list(reversed(items))
    ids = [key(o) for o in ordered]
    start, end = 0, len(ordered)
    after = request.query_params.get("after")
    if after:
        if after not in ids:
            raise bad_request(
                f"Invalid 'after': no object with id '{after}' in this list.",
                param="after",
            )
        start = ids.index(after) + 1
    before = request.query_params.get("before")
    if before:
        if before not in ids:
            raise bad_request(
                f"Invalid 'before': no object with id '{before}' in this list.",
                param="before",
            )
        end = ids.index(before)
        start = max(start, end - limit) if not after else start
    page = ordered[start : min(end, start + limit)]
    return {
        "object": object_name,
        "data": page,
        "first_id": key(page[0]) if page else None,
        "last_id": key(page[-1]) if page else None,
        "has_more": start + len(page) < end,
    }


def plain_page(items: Sequence[JSON], object_name: str = "list") -> JSON:
    return {"object": object_name, "data": list(items)}
