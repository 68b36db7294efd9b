"""/images: generations, edits and variations answer with small deterministic PNGs,
as b64_json or as a URL served by the emulator; gpt-image-1 can stream."""

from __future__ import annotations

import base64
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._http import bad_request, emu, json_body, json_response, not_found
from .._media import png
from .._model import count_tokens
from .._sse import data_event, sse_response
from .._state import Emulated
from .files import read_form

JSON = dict[str, Any]
GPT_IMAGE = (
    "gpt-image-1",
    "gpt-image-1-mini",
    "gpt-image-1.5",
    "gpt-image-2",
    "chatgpt-image-latest",
)


def _params(body: dict[str, Any], default_model: str) -> tuple[str, int, str]:
    model = str(body.get("model") or default_model)
    try:
        n = int(body.get("n", 1))
    except (TypeError, ValueError):
        raise bad_request("Invalid 'n': expected an integer.", param="n") from None
    if not 1 <= n <= 10:
        raise bad_request("Invalid 'n': must be between 1 and 10.", param="n")
    fmt = str(
        body.get("response_format") or ("b64_json" if model in GPT_IMAGE else "url")
    )
    if fmt not in ("url", "b64_json"):
        raise bad_request(
            "Invalid 'response_format': expected 'url' or 'b64_json'.",
            param="response_format",
        )
    if model in GPT_IMAGE and body.get("response_format") == "url":
        raise bad_request(
            f"'response_format' url is not supported for {model}; it always returns b64_json.",
            param="response_format",
        )
    output_format = body.get("output_format", "png")
    if output_format != "png":
        raise bad_request(
            "The emulator renders PNG only: use output_format 'png'.",
            param="output_format",
        )
    return model, n, fmt


def _images(
    request: Request, e: Emulated, seed: str, n: int, fmt: str, prompt: str
) -> list[JSON]:
    out: list[JSON] = []
    for i in range(n):
        data = png(f"{seed}:{i}")
        item: JSON = {"revised_prompt": prompt} if prompt else {}
        if fmt == "b64_json":
            item["b64_json"] = base64.b64encode(data).decode()
        else:
            image_id = e.new_id("img_", 24)
            e.store.put_blob(image_id, data)
            item["url"] = (
                f"{str(request.base_url).rstrip('/')}/v1/_emulator/images/{image_id}.png"
            )
        out.append(item)
    return out


def _response(
    request: Request,
    e: Emulated,
    model: str,
    body: dict[str, Any],
    data: list[JSON],
    prompt: str,
) -> JSON:
    result: JSON = {"created": e.now(), "data": data}
    if model in GPT_IMAGE:
        tokens = count_tokens(prompt)
        result.update(
            background=body.get("background") or "opaque",
            output_format="png",
            quality=body.get("quality")
            if body.get("quality") not in (None, "auto")
            else "medium",
            size=body.get("size")
            if body.get("size") not in (None, "auto")
            else "1024x1024",
            usage={
                "input_tokens": tokens,
                "input_tokens_details": {"image_tokens": 0, "text_tokens": tokens},
                "output_tokens": 272 * len(data),
                "total_tokens": tokens + 272 * len(data),
            },
        )
    return result


def _stream(
    request: Request, model: str, kind: str, result: JSON, partial_images: Any
) -> Response:
    if model not in GPT_IMAGE:
        raise bad_request(
            f"Streaming is only supported for {', '.join(GPT_IMAGE)}.", param="stream"
        )
    partials = int(partial_images or 0)
    events: list[bytes] = []
    for item in result["data"]:
        common: JSON = {
            "b64_json": item["b64_json"],
            "created_at": result["created"],
            "size": result["size"],
            "quality": result["quality"],
            "background": result["background"],
            "output_format": "png",
        }
        events.extend(
            data_event(
                {"type": f"{kind}.partial_image", **common, "partial_image_index": p}
            )
            for p in range(partials)
        )
        events.append(
            data_event(
                {"type": f"{kind}.completed", **common, "usage": result["usage"]}
            )
        )
    return sse_response(request, events)


async def generate(request: Request) -> Response:
    e = emu(request)
    body = await json_body(request)
    prompt = body.get("prompt")
    if not isinstance(prompt, str) or not prompt:
        raise bad_request("Missing required parameter: 'prompt'.", param="prompt")
    model, n, fmt = _params(body, "dall-e-2")
    result = _response(
        request,
        e,
        model,
        body,
        _images(request, e, prompt, n, fmt, prompt if model == "dall-e-3" else ""),
        prompt,
    )
    if body.get("stream"):
        return _stream(
            request, model, "image_generation", result, body.get("partial_images")
        )
    return json_response(result)


async def edit(request: Request) -> Response:
    e = emu(request)
    fields, files = await read_form(request)
    images = [
        f
        for k, f in files.items()
        if k in ("image", "image[]") or k.startswith("image[")
    ]
    if not images:
        raise bad_request("Missing required parameter: 'image'.", param="image")
    prompt = fields.get("prompt", "")
    if not prompt:
        raise bad_request("Missing required parameter: 'prompt'.", param="prompt")
    model, n, fmt = _params(dict(fields), "dall-e-2")
    sizes = [len(await f.read()) for f in images]
    seed = prompt + ":" + ":".join(map(str, sizes))
    result = _response(
        request, e, model, dict(fields), _images(request, e, seed, n, fmt, ""), prompt
    )
    if fields.get("stream") in ("true", "True", "1"):
        return _stream(
            request, model, "image_edit", result, fields.get("partial_images")
        )
    return json_response(result)


async def variation(request: Request) -> Response:
    e = emu(request)
    fields, files = await read_form(request)
    image = files.get("image")
    if image is None:
        raise bad_request("Missing required parameter: 'image'.", param="image")
    model, n, fmt = _params(dict(fields), "dall-e-2")
    seed = f"variation:{len(await image.read())}"
    return json_response(
        _response(
            request, e, model, dict(fields), _images(request, e, seed, n, fmt, ""), ""
        )
    )


async def serve_image(request: Request) -> Response:
    image_id = request.path_params["image_id"]
    data = emu(request).store.get_blob(image_id)
    if data is None:
        raise not_found("image", image_id)
    return Response(data, media_type="image/png")


ROUTES: list[BaseRoute] = [
    Route("/images/generations", generate, methods=["POST"]),
    Route("/images/edits", edit, methods=["POST"]),
    Route("/images/variations", variation, methods=["POST"]),
    Route("/_emulator/images/{image_id}.png", serve_image, methods=["GET"]),
]
