"""Fixtures for the end-to-end flows, for whichever `openai` package is installed.

- Our package (it has `openai.testing`): the emulator runs in-process (`Emulator()`).
- The official package from PyPI: both are named `openai`, so the emulator cannot
  run in this process. It runs in a subprocess, `python -m openai.testing`, with
  our `src/` first on PYTHONPATH (or `OPENAI_EMULATOR_SERVER_PYTHON`, a python
  that has our package installed), and its control API (`_controls.py`, stdlib
  only) is loaded here from its file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from _emu_support import OURS, ServerProcess
from _shapes import ShapeChecker


@pytest.fixture(scope="session")
def server() -> Iterator[Any]:
    if OURS:
        from openai.testing import Emulator

        with Emulator() as emulator:
            yield emulator
        return
    proc = ServerProcess()
    yield proc.remote
    proc.stop()


@pytest.fixture()
def emulator(server: Any) -> Iterator[Any]:
    server.reset()
    yield server
    server.reset()


@pytest.fixture()
def shapes() -> Iterator[ShapeChecker]:
    """Validates every JSON answer the fixture clients get; fails the test on a mismatch."""
    checker = ShapeChecker()
    yield checker
    assert not checker.failures, (
        "responses that do not match the client's types:\n"
        + "\n".join(checker.failures)
    )


# Our client validates every answer strictly (a mismatch raises instead of being
# built leniently). The official client stays lenient: in strict mode it refuses its
# own default embeddings answer (it validates the base64 string against list[float]
# before decoding it), against the real API as much as against the emulator.
STRICT = OURS


@pytest.fixture()
def client(emulator: Any, shapes: ShapeChecker) -> Any:
    http = httpx.Client(event_hooks={"response": [shapes.sync_hook()]}, timeout=60)
    return emulator.client(
        max_retries=0, http_client=http, _strict_response_validation=STRICT
    )


@pytest.fixture()
def async_client(emulator: Any, shapes: ShapeChecker) -> Any:
    http = httpx.AsyncClient(
        event_hooks={"response": [shapes.async_hook()]}, timeout=60
    )
    return emulator.async_client(
        max_retries=0, http_client=http, _strict_response_validation=STRICT
    )


@pytest.fixture()
def lenient_client(emulator: Any) -> Any:
    """For the answers whose real shape differs from the spec's type (strict validation
    would refuse them, as it would refuse the real API's): the stored completion's
    messages keep their own roles (the spec types them as assistant messages; its own
    example shows a user message), and legacy completion stream chunks carry
    `finish_reason: null` until the last one (the type has no null), and a compaction
    starts with user messages (the spec types its output as output items)."""
    return emulator.client(max_retries=0)
