"""Fixtures for the end-to-end flows, for whichever `openai` package is installed.

- Our package (it has `openai.testing`): the emulator runs in-process (`Emulator()`).
- The official package from PyPI: both are named `openai`, so the emulator cannot
  run in this process. It runs in a subprocess, `python -m openai.testing`, with
  our `src/` first on PYTHONPATH (or `OPENAI_EMULATOR_SERVER_PYTHON`, a python
  that has our package installed), and its control API (`_controls.py`, stdlib
  only) is loaded here from its file.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from _shapes import ShapeChecker

REPO = Path(__file__).resolve().parents[3]
SRC = REPO / "src"


def _load_controls() -> Any:
    spec = importlib.util.spec_from_file_location(
        "emulator_controls", SRC / "openai" / "testing" / "_controls.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


controls = _load_controls()
OURS = importlib.util.find_spec("openai.testing") is not None


class ServerProcess:
    def __init__(self, *args: str) -> None:
        python = os.environ.get("OPENAI_EMULATOR_SERVER_PYTHON") or sys.executable
        env = dict(os.environ)
        if "OPENAI_EMULATOR_SERVER_PYTHON" not in os.environ:
            env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
        self.proc = subprocess.Popen(
            [python, "-m", "openai.testing", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            self.proc.kill()
            raise RuntimeError(
                f"emulator did not start: {line!r} {self.proc.stderr.read() if self.proc.stderr else ''}"
            )
        self.base_url = line.rsplit(" ", 1)[-1].strip()
        self.remote = controls.RemoteEmulator(self.base_url)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


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


@pytest.fixture()
def client(emulator: Any, shapes: ShapeChecker) -> Any:
    http = httpx.Client(event_hooks={"response": [shapes.sync_hook()]}, timeout=60)
    return emulator.client(max_retries=0, http_client=http)


@pytest.fixture()
def async_client(emulator: Any, shapes: ShapeChecker) -> Any:
    http = httpx.AsyncClient(
        event_hooks={"response": [shapes.async_hook()]}, timeout=60
    )
    return emulator.async_client(max_retries=0, http_client=http)


def validate(model: Any, data: Any) -> Any:
    """Validate raw JSON against an official pydantic type (required fields, types, literals)."""
    return model.model_validate(data)
