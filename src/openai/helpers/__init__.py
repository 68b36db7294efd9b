"""Audio helpers for voice apps: play model audio, record the microphone.

They need the ``voice_helpers`` extra (sounddevice and numpy), so the classes
load on first use; without the extra, that first use raises an ``ImportError``
that says which package is missing and how to install it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Dict

if TYPE_CHECKING:
    from .local_audio_player import LocalAudioPlayer as LocalAudioPlayer
    from .microphone import Microphone as Microphone

__all__ = ["Microphone", "LocalAudioPlayer"]

_LAZY: Dict[str, str] = {
    "LocalAudioPlayer": ".local_audio_player",
    "Microphone": ".microphone",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
