"""The resource classes under their official names and modules (``AsyncThreads``,
``AsyncMessages``, ``AsyncRuns``, ``AsyncRealtimeConnection``, ...), and every
public method with the parameters 2.38 has, compared with the snapshot."""

from __future__ import annotations

import importlib
from typing import Any, Dict, List

from ._snapshot import official, params


def _resources() -> Dict[str, Any]:
    facts: Dict[str, Any] = official()["resources"]
    return facts


def _method_differences(where: str, theirs: List[str], ours: List[str]) -> List[str]:
    """2.38's parameters must all be there, with the same kind, default-ness and
    order; ours may add keyword-only parameters with defaults (newer spec)."""
    out: List[str] = []
    missing = [p for p in theirs if p not in ours]
    if missing:
        out.append(f"{where}: parameters missing or changed {missing}")
    kept = [p for p in ours if p in theirs]
    if not missing and kept != theirs:
        out.append(f"{where}: parameter order {kept} != {theirs}")
    extra = [p for p in ours if p not in theirs]
    if any(not (p.startswith("-") and p.endswith("=")) for p in extra):
        out.append(f"{where}: extra parameters without a default {extra}")
    return out


def test_every_resource_module_and_name_of_2_38_exists() -> None:
    missing: List[str] = []
    for modname, facts in _resources().items():
        mod = importlib.import_module(modname)
        missing += [f"{modname}.{n}" for n in facts["all"] if not hasattr(mod, n)]
    assert missing == []
    assert len(_resources()) > 100


def test_every_resource_method_has_the_2_38_parameters() -> None:
    differences: List[str] = []
    count = 0
    for modname, facts in _resources().items():
        mod = importlib.import_module(modname)
        for cls_name, cls_facts in facts["classes"].items():
            cls = getattr(mod, cls_name)
            for method, theirs in cls_facts["methods"].items():
                where = f"{modname}.{cls_name}.{method}"
                fn = getattr(cls, method, None)
                if fn is None:
                    differences.append(f"{where}: missing")
                    continue
                count += 1
                differences += _method_differences(where, theirs, params(fn))
    assert differences == []
    assert count > 500


def test_resource_classes_by_official_name() -> None:
    # autogen and semantic-kernel import these by name
    from openai.resources.beta.threads import AsyncMessages, AsyncRuns, AsyncThreads
    from openai.resources.realtime.realtime import AsyncRealtimeConnection

    assert AsyncThreads.__name__ == "AsyncThreads"
    assert hasattr(AsyncMessages, "create") and hasattr(AsyncRuns, "create_and_poll")
    assert hasattr(AsyncRealtimeConnection, "recv")
    assert AsyncRealtimeConnection.__module__.startswith("openai.")


def test_type_to_response_format_feature_gate() -> None:
    # llama-index: ``hasattr(completions, "_type_to_response_format")`` decides
    # whether it passes a pydantic class as response_format
    from pydantic import BaseModel

    from openai.resources.chat.completions import completions

    class Answer(BaseModel):
        text: str

    assert hasattr(completions, "_type_to_response_format")
    fmt = completions._type_to_response_format(Answer)
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["name"] == "Answer"
    assert fmt["json_schema"]["strict"] is True
