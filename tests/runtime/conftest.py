from __future__ import annotations

from typing import Any, Iterator, List, Optional

import pytest
import respx

from openai import AsyncOpenAI, OpenAI
from openai._models import BaseModel

BASE_URL = "http://api.test/v1"
API_KEY = "sk-test-0123456789abcdef"


class Item(BaseModel):
    id: str
    name: Optional[str] = None


class Widget(BaseModel):
    id: str
    object: str
    count: int
    tags: List[str] = []


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_ADMIN_KEY",
        "OPENAI_ORG_ID",
        "OPENAI_PROJECT_ID",
        "OPENAI_WEBHOOK_SECRET",
        "OPENAI_BASE_URL",
        "OPENAI_LOG",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


class SleepRecorder:
    def __init__(self) -> None:
        self.delays: List[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def client() -> Iterator[OpenAI]:
    c = OpenAI(api_key=API_KEY, base_url=BASE_URL)
    c._sleep = SleepRecorder()  # type: ignore[method-assign]
    yield c
    c.close()


@pytest.fixture
async def async_client() -> Any:
    c = AsyncOpenAI(api_key=API_KEY, base_url=BASE_URL)
    recorder = SleepRecorder()

    async def sleep(seconds: float) -> None:
        recorder(seconds)

    c._sleep = sleep  # type: ignore[method-assign]
    c.sleep_recorder = recorder  # type: ignore[attr-defined]
    yield c
    await c.close()
