"""tests/emulator/flows is one end-to-end suite for two clients:

- in this venv, with OUR client, once the runtime and generated surface provide
  `openai.OpenAI` (until then it is skipped here: see `collect_ignore`);
- in a separate venv with the OFFICIAL openai package, run by test_official_client.py.
"""

from __future__ import annotations

import importlib.util


def _our_client_ready() -> bool:
    try:
        import openai
    except ImportError:
        return False
    return (
        hasattr(openai, "OpenAI")
        # the runtime provides OpenAI before the generated resources exist
        and hasattr(openai.OpenAI, "models")
        and importlib.util.find_spec("openai.testing") is not None
    )


collect_ignore: list[str] = [] if _our_client_ready() else ["flows"]
