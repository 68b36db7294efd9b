"""What the two voice helpers share: the optional dependencies and the sample format.

The API's realtime and speech audio is 24 kHz PCM; both helpers use that rate.
"""

from __future__ import annotations

import importlib
from typing import Any

from .._exceptions import OpenAIError

__all__ = ["SAMPLE_RATE", "MissingDependencyError", "load_sounddevice", "missing_numpy"]

SAMPLE_RATE = 24000

_INSTALL = "pip install 'openai[voice_helpers]'"


class MissingDependencyError(OpenAIError, ImportError):
    """An optional package the voice helpers need is not installed (or cannot load)."""


def missing_numpy(cause: BaseException) -> MissingDependencyError:
    return MissingDependencyError(
        f"openai.helpers needs the `numpy` package, which is not installed ({cause}). "
        f"Install the voice helpers extra: {_INSTALL}",
        name="numpy",
    )


def load_sounddevice() -> Any:
    """Import sounddevice, turning both ways it fails into one clear error."""
    try:
        return importlib.import_module("sounddevice")
    except ImportError as exc:
        raise MissingDependencyError(
            f"openai.helpers needs the `sounddevice` package, which is not installed ({exc}). "
            f"Install the voice helpers extra: {_INSTALL}",
            name="sounddevice",
        ) from exc
    except OSError as exc:
        # sounddevice is there but its PortAudio shared library is not
        raise MissingDependencyError(
            f"`sounddevice` is installed but cannot load the PortAudio library ({exc}). "
            "Install PortAudio with your system's package manager (for example `apt install libportaudio2` "
            f"or `brew install portaudio`), then {_INSTALL} if needed",
            name="sounddevice",
        ) from exc
