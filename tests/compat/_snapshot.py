"""The official 2.38 facts the compat tests compare with (``official_2_38.json``,
written by ``compat/snapshot_official.py`` under the official package)."""

from __future__ import annotations

import functools
import inspect
import json
from pathlib import Path
from typing import Any, Callable, Dict, List

SNAPSHOT = Path(__file__).resolve().parent / "official_2_38.json"

_KIND_PREFIX = {
    "POSITIONAL_ONLY": "/",
    "POSITIONAL_OR_KEYWORD": "",
    "VAR_POSITIONAL": "*",
    "KEYWORD_ONLY": "-",
    "VAR_KEYWORD": "**",
}


@functools.lru_cache(maxsize=None)
def official() -> Dict[str, Any]:
    facts: Dict[str, Any] = json.loads(SNAPSHOT.read_text())
    assert facts["openai_version"] == "2.38.0"
    return facts


def params(fn: Callable[..., Any]) -> List[str]:
    """A signature in the snapshot's encoding: kind prefix (``/`` positional only,
    none, ``*``, ``-`` keyword only, ``**``), name, ``=`` when it has a default."""
    return [
        _KIND_PREFIX[p.kind.name]
        + p.name
        + ("=" if p.default is not inspect.Parameter.empty else "")
        for p in inspect.signature(fn).parameters.values()
        if p.name != "self"
    ]
