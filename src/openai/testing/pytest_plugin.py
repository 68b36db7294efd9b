"""pytest fixtures for the emulator: `openai_emulator`, `openai_client`, `async_openai_client`.

Registered through the `pytest11` entry point, so pytest imports this module in
every run of every project that has this package installed: it imports nothing
but pytest at module level. The server starts on first use of a fixture, once per
session; each test gets it with scripts, faults and the request log cleared.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from openai import AsyncOpenAI, OpenAI

    from ._server import Emulator


@pytest.fixture(scope="session")
def _openai_emulator_server() -> Iterator[Emulator]:
    from ._server import Emulator

    emulator = Emulator().start()
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture()
def openai_emulator(_openai_emulator_server: Emulator) -> Iterator[Emulator]:
    """A running emulator (shared by the session); scripts and faults are reset around each test."""
    _openai_emulator_server.reset()
    yield _openai_emulator_server
    _openai_emulator_server.reset()


@pytest.fixture()
def openai_client(openai_emulator: Emulator) -> Iterator[OpenAI]:
    """An `openai.OpenAI` client talking to the emulator."""
    client = openai_emulator.client()
    try:
        yield client
    finally:
        client.close()


@pytest.fixture()
def async_openai_client(openai_emulator: Emulator) -> Iterator[AsyncOpenAI]:
    """An `openai.AsyncOpenAI` client talking to the emulator."""
    yield openai_emulator.async_client()
