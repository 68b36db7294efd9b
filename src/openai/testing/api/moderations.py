"""/moderations: a keyword classifier. A category is flagged when one of its words
appears in the input; scores are 0.97 for a hit and 0.0001 otherwise."""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._http import bad_request, emu, json_body, json_response
from .._json import array, objs

JSON = dict[str, Any]

KEYWORDS: dict[str, tuple[str, ...]] = {
    "harassment": ("idiot", "stupid", "loser"),
    "harassment/threatening": ("i will hurt you", "watch your back"),
    "hate": ("hate",),
    "hate/threatening": ("exterminate",),
    "illicit": ("steal", "counterfeit", "launder"),
    "illicit/violent": ("make a bomb", "build a weapon"),
    "self-harm": ("self-harm", "hurt myself"),
    "self-harm/intent": ("want to die",),
    "self-harm/instructions": ("how to cut myself",),
    "sexual": ("explicit sex", "porn"),
    "sexual/minors": ("child porn",),
    "violence": ("kill", "murder", "attack", "stab"),
    "violence/graphic": ("gore", "dismember"),
}
HIT, MISS = 0.97, 0.0001
IMAGE_CATEGORIES = {
    "self-harm",
    "self-harm/intent",
    "self-harm/instructions",
    "sexual",
    "violence",
    "violence/graphic",
}


def classify(text: str, has_image: bool) -> JSON:
    lowered = text.lower()
    categories: JSON = {}
    scores: JSON = {}
    applied: JSON = {}
    for category, words in KEYWORDS.items():
        hit = any(re.search(r"\b" + re.escape(w) + r"\b", lowered) for w in words)
        categories[category] = hit
        scores[category] = HIT if hit else MISS
        kinds = ["text"]
        if has_image and category in IMAGE_CATEGORIES:
            kinds.append("image")
        applied[category] = kinds
    return {
        "flagged": any(categories.values()),
        "categories": categories,
        "category_scores": scores,
        "category_applied_input_types": applied,
    }


def _inputs(value: Any) -> list[tuple[str, bool]]:
    if isinstance(value, str):
        return [(value, False)]
    values = array(value)
    if values:
        if all(isinstance(v, str) for v in values):
            return [(str(v), False) for v in values]
        parts = objs(values)
        if len(parts) == len(values):
            # multimodal input: one result for all parts together
            text = " ".join(
                str(p.get("text", "")) for p in parts if p.get("type") == "text"
            )
            has_image = any(p.get("type") == "image_url" for p in parts)
            return [(text, has_image)]
    raise bad_request(
        "Invalid 'input': expected a string, an array of strings, or an array of input parts.",
        param="input",
    )


async def create(request: Request) -> Response:
    e = emu(request)
    body = await json_body(request)
    if "input" not in body:
        raise bad_request("Missing required parameter: 'input'.", param="input")
    model = body.get("model") or "omni-moderation-latest"
    results = [classify(text, image) for text, image in _inputs(body["input"])]
    return json_response(
        {"id": e.new_id("modr-", 32), "model": model, "results": results}
    )


ROUTES: list[BaseRoute] = [Route("/moderations", create, methods=["POST"])]
