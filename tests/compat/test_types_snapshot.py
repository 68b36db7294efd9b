"""Every ``openai.types`` module of 2.38, compared with ours by introspection:
names (``__all__`` and the names a module imports from its siblings), model
fields (``model_fields``: names, aliases, required-ness) and params TypedDict keys
(``__required_keys__``, ``__optional_keys__``, ``__annotations__``).

Ours may have more (a newer spec adds fields, keys and enum values); it may not
have fewer, except the differences listed below, each with its reason.
"""

from __future__ import annotations

import importlib
import types
from typing import Any, Dict, List, Set, Tuple

import pydantic
import pytest
from typing_extensions import is_typeddict

from ._snapshot import official

# The deprecated beta Realtime types (``openai.types.beta.realtime``): the spec we
# generate from no longer has their schemas, so they are built from the GA realtime
# schemas and differ from 2.38 in these nested names and keys. No library in
# compat/INVENTORY.md imports from ``openai.types.beta.realtime``.
_BETA_REALTIME = "openai.types.beta.realtime."
# A field the newer spec makes optional (ours accepts more than 2.38 did).
_WIDER = {
    "openai.types.responses.response_function_web_search.ActionSearch.query: required in 2.38",
    "openai.types.responses.response_function_web_search_param.ActionSearch: required in 2.38 ['query']",
}


def _type_modules() -> List[str]:
    return sorted(official()["types"])


def _differences(modname: str) -> List[str]:
    """What 2.38's module has that ours lacks (empty when ours covers it)."""
    facts: Dict[str, Any] = official()["types"][modname]
    mod = importlib.import_module(modname)
    if "package" in facts:
        missing = [n for n in facts["package"] if not _has(mod, modname, n)]
        return [f"{modname}: package exports missing {missing}"] if missing else []
    out: List[str] = []
    for name in facts["all"] + facts["imported"]:
        if not hasattr(mod, name):
            out.append(f"{modname}.{name}: missing")
    for name, desc in facts["names"].items():
        obj = getattr(mod, name, None)
        if obj is None:
            continue
        where = f"{modname}.{name}"
        if desc["kind"] == "model":
            out += _model_differences(where, obj, desc["fields"])
        elif desc["kind"] == "typeddict":
            out += _typeddict_differences(
                where, obj, set(desc["required"]), set(desc["optional"])
            )
    return out


def _has(mod: types.ModuleType, modname: str, name: str) -> bool:
    if hasattr(mod, name):
        return True
    try:  # a submodule not yet imported
        importlib.import_module(f"{modname}.{name}")
    except ImportError:
        return False
    return True


def _model_differences(where: str, obj: Any, fields: List[str]) -> List[str]:
    if not (isinstance(obj, type) and issubclass(obj, pydantic.BaseModel)):
        return [f"{where}: not a model"]
    ours = obj.model_fields
    out: List[str] = []
    for encoded in fields:
        name, _, alias = encoded.partition("@")
        optional = name.endswith("?")
        name = name.rstrip("?")
        info = ours.get(name)
        if info is None:
            out.append(f"{where}.{name}: field missing")
            continue
        if info.is_required() and optional:
            out.append(f"{where}.{name}: required in ours, optional in 2.38")
        if not info.is_required() and not optional:
            out.append(f"{where}.{name}: required in 2.38")
        if (info.alias or "") != alias:
            out.append(f"{where}.{name}: alias {info.alias!r}, 2.38 has {alias!r}")
    return out


def _typeddict_differences(
    where: str, obj: Any, required: Set[str], optional: Set[str]
) -> List[str]:
    if not is_typeddict(obj):
        return [f"{where}: not a TypedDict"]
    ours_required: Set[str] = set(obj.__required_keys__)
    ours_optional: Set[str] = set(obj.__optional_keys__)
    out: List[str] = []
    if set(obj.__annotations__) != ours_required | ours_optional:
        out.append(
            f"{where}: __annotations__ keys differ from its required and optional keys"
        )
    missing = sorted((required | optional) - ours_required - ours_optional)
    if missing:
        out.append(f"{where}: keys missing {missing}")
    if required - ours_required - set(missing):
        out.append(
            f"{where}: required in 2.38 {sorted(required - ours_required - set(missing))}"
        )
    if ours_required & optional:
        out.append(
            f"{where}: required in ours, optional in 2.38 {sorted(ours_required & optional)}"
        )
    return out


def _known(difference: str) -> bool:
    return difference.startswith(_BETA_REALTIME) or difference in _WIDER


@pytest.fixture(scope="module")
def all_differences() -> List[Tuple[str, str]]:
    return [(m, d) for m in _type_modules() for d in _differences(m)]


def test_snapshot_covers_the_whole_types_tree() -> None:
    modules = _type_modules()
    assert len(modules) > 1000
    assert "openai.types.chat.chat_completion_chunk" in modules
    chunk = official()["types"]["openai.types.chat.chat_completion_chunk"]
    assert {"ChatCompletionChunk", "Choice", "ChoiceDelta"} <= set(chunk["all"])


def test_every_type_module_of_2_38_is_importable() -> None:
    for modname in _type_modules():
        importlib.import_module(modname)


def test_types_cover_2_38(all_differences: List[Tuple[str, str]]) -> None:
    unexpected = [d for _, d in all_differences if not _known(d)]
    assert unexpected == []


def test_known_differences_are_still_real(
    all_differences: List[Tuple[str, str]],
) -> None:
    # a difference fixed later should leave the list above
    found = {d for _, d in all_differences}
    assert _WIDER <= found
    assert any(d.startswith(_BETA_REALTIME) for d in found)


def test_names_2_38_modules_import_from_siblings() -> None:
    # litellm (and dspy through it) imports these from the params module; as in
    # 2.38 they are imported there, not listed in __all__ (hence mypy's attr-defined)
    from openai.types.responses.response_create_params import (  # type: ignore[attr-defined]
        ResponseIncludable,
        ToolChoiceOptions,
    )
    from openai.types.responses.response_includable import ResponseIncludable as home
    from openai.types.responses.tool_choice_options import ToolChoiceOptions as home2

    assert ResponseIncludable is home
    assert ToolChoiceOptions is home2
    imported = official()["types"]["openai.types.responses.response_create_params"][
        "imported"
    ]
    assert {"ResponseIncludable", "ToolChoiceOptions", "ToolParam"} <= set(imported)


def test_params_required_keys_are_the_truly_required_ones() -> None:
    # 2.38 reports them optional (postponed annotations hide Required[...]);
    # the union, which libraries read, is the same
    from openai.types.chat import completion_create_params as params

    base = params.CompletionCreateParamsBase
    assert base.__required_keys__ == frozenset({"messages", "model"})
    facts = official()["types"]["openai.types.chat.completion_create_params"]["names"]
    official_keys = set(facts["CompletionCreateParamsBase"]["required"]) | set(
        facts["CompletionCreateParamsBase"]["optional"]
    )
    assert official_keys <= base.__required_keys__ | base.__optional_keys__
    assert params.CompletionCreateParamsStreaming.__required_keys__ >= {"stream"}
