"""/models: a fixed catalogue plus fine-tuned models made by the fine-tuning jobs."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._http import ApiError, emu, json_response, not_found

JSON = dict[str, Any]

CATALOGUE = (
    ("gpt-5.5", "system"),
    ("gpt-5.4", "system"),
    ("gpt-5", "system"),
    ("gpt-5-mini", "system"),
    ("gpt-4.1", "system"),
    ("gpt-4.1-mini", "system"),
    ("gpt-4o", "system"),
    ("gpt-4o-mini", "system"),
    ("o3", "system"),
    ("o4-mini", "system"),
    ("gpt-realtime", "system"),
    ("gpt-realtime-2", "system"),
    ("gpt-4o-realtime-preview", "system"),
    ("text-embedding-3-small", "system"),
    ("text-embedding-3-large", "system"),
    ("text-embedding-ada-002", "openai-internal"),
    ("omni-moderation-latest", "system"),
    ("text-moderation-latest", "system"),
    ("gpt-image-1", "system"),
    ("dall-e-3", "system"),
    ("dall-e-2", "system"),
    ("whisper-1", "openai-internal"),
    ("gpt-4o-transcribe", "system"),
    ("gpt-4o-mini-transcribe", "system"),
    ("gpt-4o-mini-tts", "system"),
    ("tts-1", "openai-internal"),
    ("tts-1-hd", "system"),
    ("gpt-3.5-turbo-instruct", "system"),
)
_CREATED = 1_700_000_000


def all_models(request: Request) -> list[JSON]:
    e = emu(request)
    out: list[JSON] = [
        {"id": m, "object": "model", "created": _CREATED, "owned_by": o}
        for m, o in CATALOGUE
    ]
    out.extend(
        {"id": m, "object": "model", "created": _CREATED, "owned_by": "user"}
        for m in e.config.extra_models
    )
    out.extend(e.store.values("models"))
    return out


async def list_models(request: Request) -> Response:
    return json_response({"object": "list", "data": all_models(request)})


async def retrieve_model(request: Request) -> Response:
    model = request.path_params["model"]
    for m in all_models(request):
        if m["id"] == model:
            return json_response(m)
    raise ApiError(
        404,
        f"The model '{model}' does not exist or you do not have access to it.",
        param="model",
        code="model_not_found",
    )


async def delete_model(request: Request) -> Response:
    model = request.path_params["model"]
    if emu(request).store.delete("models", model):
        return json_response({"id": model, "object": "model", "deleted": True})
    if any(model == m for m, _ in CATALOGUE):
        raise ApiError(
            403,
            f"You cannot delete the base model '{model}'; only fine-tuned models can be deleted.",
        )
    raise not_found("model", model, param="model")


ROUTES: list[BaseRoute] = [
    Route("/models", list_models, methods=["GET"]),
    Route("/models/{model:path}", retrieve_model, methods=["GET"]),
    Route("/models/{model:path}", delete_model, methods=["DELETE"]),
]
