"""An offline emulator of the OpenAI API, for tests, CI and demos.

Needs the `emulator` extra (`pip install 'openai[emulator]'`). Nothing here is
imported by `import openai`; the server stack loads when an emulator starts.

Three ways to run it:

    from openai.testing import Emulator

    with Emulator() as emulator:              # a free loopback port, in a thread
        client = emulator.client()            # OpenAI(base_url=emulator.base_url, api_key=...)
        client.responses.create(model="gpt-5.5", input="Hi").output_text   # 'You said: Hi'

    def test_it(openai_client, openai_emulator): ...   # pytest fixtures (also async_openai_client)

    $ openai emulator --port 8080 [--state-dir DIR] [--webhook-url URL]

The model is deterministic: it echoes the last user text ("You said: ..."), answers
structured-output requests with a minimal instance of the schema, calls a function
tool when `tool_choice` requires it or the user text names the tool, and quotes a
tool's output after a tool result. Token limits cut replies ("length").

Script the next replies, per model or for any model:

    emulator.script("gpt-4o").text("Hi!", chunks=["H", "i!"]).tool_call("lookup", {"q": "x"})
    emulator.script().refusal("No.").length_cut("Once upon")

Inject faults (each used up after `times` matching requests; `path` is an fnmatch
pattern below /v1):

    emulator.faults.http_error(429, retry_after=1, times=2, path="/chat/completions")
    emulator.faults.drop_stream(after_events=3)            # abrupt=False: clean end, no terminal event
    emulator.faults.slow_first_byte(2.0, path="/models")
    emulator.faults.ws_close(1011, after_events=2)          # realtime / responses WebSockets

Time-driven jobs (background responses, batches, fine-tuning) follow the
emulator's clock: `emulator.advance(seconds)` moves it on, so tests need not sleep.
`emulator.requests` lists what was received (credentials redacted) and
`emulator.webhook_deliveries` the signed webhooks sent (secret:
`emulator.webhook_secret`). `RemoteEmulator(url)` offers the same controls for an
emulator in another process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._controls import Faults as Faults
    from ._controls import RemoteEmulator as RemoteEmulator
    from ._controls import Script as Script
    from ._server import Emulator as Emulator

__all__ = ["Emulator", "Faults", "RemoteEmulator", "Script"]

_WHERE = {
    "Emulator": "._server",
    "RemoteEmulator": "._controls",
    "Script": "._controls",
    "Faults": "._controls",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module, __name__), name)
