from __future__ import annotations

from typing import Any, Callable, Iterator, List, Sequence

import pytest

from openai.lib.realtime._connect import AsyncBetaRealtimeConnectMixin, BetaRealtimeConnectMixin
from openai.lib.realtime.realtime import AsyncRealtimeConnectMixin, RealtimeConnectMixin
from openai.lib.realtime.responses import AsyncResponsesConnectMixin, ResponsesConnectMixin

from ._script import Script, ScriptedServer


@pytest.fixture
def scripted() -> Iterator[Callable[[Sequence[Script]], ScriptedServer]]:
    servers: List[ScriptedServer] = []

    def start(scripts: Sequence[Script]) -> ScriptedServer:
        server = ScriptedServer(scripts)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


class _Bound:
    """The connect mixin bound to a client, as the generated resource will be."""

    def __init__(self, client: Any) -> None:
        self._client = client


def _resource(client: Any, path: str, sync_mixin: type, async_mixin: type) -> Any:
    # through the generated resource once it exists, else the mixin bound by hand
    target: Any = client
    try:
        for part in path.split("."):
            target = getattr(target, part)
        if hasattr(target, "connect"):
            return target
    except AttributeError:
        pass
    from openai import AsyncOpenAI

    mixin = async_mixin if isinstance(client, AsyncOpenAI) else sync_mixin
    return type("Bound", (mixin, _Bound), {})(client)


def realtime(client: Any) -> Any:
    return _resource(client, "realtime", RealtimeConnectMixin, AsyncRealtimeConnectMixin)


def beta_realtime(client: Any) -> Any:
    return _resource(client, "beta.realtime", BetaRealtimeConnectMixin, AsyncBetaRealtimeConnectMixin)


def responses(client: Any) -> Any:
    return _resource(client, "responses", ResponsesConnectMixin, AsyncResponsesConnectMixin)
