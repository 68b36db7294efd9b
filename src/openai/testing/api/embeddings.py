"""/embeddings: unit vectors drawn from a hash of each input, so equal inputs give
equal vectors and the same input under `dimensions` gives a prefix, renormalised."""

from __future__ import annotations

import base64
import hashlib
import math
import struct
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._http import bad_request, emu, json_body, json_response, require
from .._model import count_tokens

JSON = dict[str, Any]

NATIVE_DIMENSIONS = {
    "text-embedding-3-large": 3072,
    "text-embedding-3-small": 1536,
    "text-embedding-ada-002": 1536,
}
MAX_INPUTS = 2048


def vector(text: str, dims: int) -> list[float]:
    raw = hashlib.shake_256(text.encode()).digest(dims * 2)
    values = [v / 32768.0 for v in struct.unpack(f"<{dims}h", raw)]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [v / norm for v in values]


def _inputs(value: Any) -> list[str]:
    # strings, or token arrays (rendered to a string key, so they hash deterministically too)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value:
        if all(isinstance(v, str) for v in value):  # pyright: ignore[reportUnknownVariableType]
            return list(value)  # pyright: ignore[reportUnknownArgumentType]
        if all(isinstance(v, int) for v in value):  # pyright: ignore[reportUnknownVariableType]
            return [" ".join(map(str, value))]  # pyright: ignore[reportUnknownArgumentType]
        if all(isinstance(v, list) for v in value):  # pyright: ignore[reportUnknownVariableType]
            return [" ".join(map(str, v)) for v in value]  # pyright: ignore[reportUnknownArgumentType, reportUnknownVariableType]
    raise bad_request(
        "Invalid 'input': expected a non-empty string or array.", param="input"
    )


async def create(request: Request) -> Response:
    body = await json_body(request)
    model = require(body, "model")
    if "input" not in body:
        raise bad_request("Missing required parameter: 'input'.", param="input")
    inputs = _inputs(body["input"])
    if len(inputs) > MAX_INPUTS:
        raise bad_request(
            f"Invalid 'input': at most {MAX_INPUTS} inputs per request.", param="input"
        )
    if any(s == "" for s in inputs):
        raise bad_request(
            "Invalid 'input': empty strings cannot be embedded.", param="input"
        )
    native = NATIVE_DIMENSIONS.get(model, 1536)
    dims = body.get("dimensions")
    if dims is not None:
        if model == "text-embedding-ada-002":
            raise bad_request(
                "This model does not support specifying dimensions.", param="dimensions"
            )
        if (
            not isinstance(dims, int)
            or isinstance(dims, bool)
            or not 1 <= dims <= native
        ):
            raise bad_request(
                f"Invalid 'dimensions': must be between 1 and {native}.",
                param="dimensions",
            )
    fmt = body.get("encoding_format", "float")
    if fmt not in ("float", "base64"):
        raise bad_request(
            "Invalid 'encoding_format': expected 'float' or 'base64'.",
            param="encoding_format",
        )
    data: list[JSON] = []
    for i, text in enumerate(inputs):
        full = vector(text, native)
        vec = full if dims is None else _renormalise(full[:dims])
        encoded: Any = (
            vec
            if fmt == "float"
            else base64.b64encode(struct.pack(f"<{len(vec)}f", *vec)).decode()
        )
        data.append({"object": "embedding", "index": i, "embedding": encoded})
    tokens = sum(count_tokens(s) for s in inputs)
    emu(request)  # the request is served by this emulator; nothing is stored
    return json_response(
        {
            "object": "list",
            "data": data,
            "model": model,
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }
    )


def _renormalise(values: list[float]) -> list[float]:
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [v / norm for v in values]


ROUTES: list[BaseRoute] = [Route("/embeddings", create, methods=["POST"])]
