"""The shape table (`_shapes.TABLE`) covers every JSON route the emulator serves,
except the ones listed in `_shapes.UNCHECKED` with a reason. Needs our package (it
reads the emulator's routes), so it is skipped in the official client's run."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from _emu_support import OURS
from _shapes import TABLE, UNCHECKED

pytestmark = pytest.mark.skipif(not OURS, reason="reads our emulator's routes")

# routes whose answers are not JSON objects of the API
NOT_JSON = {
    ("GET", "/files/{file_id}/content"),  # the file's bytes
    ("POST", "/audio/speech"),  # audio bytes
    ("GET", "/_emulator/images/{image_id}.png"),  # served image URLs
}


def _routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    for route in routes:
        children = getattr(route, "routes", None)
        if children is not None:
            yield from _routes(children, prefix + route.path)
        elif getattr(route, "methods", None):  # HTTP (not WebSocket) routes
            for method in sorted(set(route.methods) - {"HEAD"}):
                yield method, prefix + route.path


def _api_routes() -> list[tuple[str, str]]:
    from openai.testing._app import build_app
    from openai.testing._state import Config

    app, _ = build_app(Config(seed="table"))
    while not hasattr(app, "routes"):  # below the middleware
        app = app.app
    return [
        (method, path[len("/v1") :])
        for method, path in _routes(app.routes)
        if path.startswith("/v1/")
    ]


def test_every_json_route_is_checked_or_listed() -> None:
    routes = _api_routes()
    assert len(routes) > 60
    missing = []
    for method, path in routes:
        if (method, path) in NOT_JSON or (method, path) in UNCHECKED:
            continue
        sample = re.sub(r"\{[^}]+\}", "x_1", path)
        if not any(m == method and re.fullmatch(p, sample) for m, p, _, _ in TABLE):
            missing.append(f"{method} {path}")
    assert missing == []
    listed = set(UNCHECKED) | NOT_JSON
    assert listed <= set(routes), listed - set(routes)
