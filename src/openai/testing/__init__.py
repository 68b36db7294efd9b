"""An offline emulator of the OpenAI API, for tests, CI and demos.

    from openai.testing import Emulator

    with Emulator() as emulator:
        client = emulator.client()
        ...

Needs the `emulator` extra (`pip install 'openai[emulator]'`). Nothing here is
imported by `import openai`; the server stack loads when an emulator starts.
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
