"""Params TypedDicts work with the tools libraries point at them: ``typing.get_type_hints``
and pydantic's ``TypeAdapter`` (autogen, litellm and others read or validate them)."""

from __future__ import annotations

import csv
import importlib
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any, List, Sequence, Tuple

import pydantic
import pytest
from typing_extensions import is_typeddict

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


def _params_modules() -> List[str]:
    with (REFERENCE / "exports.tsv").open(newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    modules = set()
    for row in rows:
        defined_in = row["defined_in"]
        if row["module"].startswith("openai.types") and defined_in.endswith("_params"):
            modules.add(
                row["module"] + defined_in if defined_in.startswith(".") else defined_in
            )
    return sorted(modules)


def _typeddicts() -> List[Tuple[str, Any]]:
    found: List[Tuple[str, Any]] = []
    for name in _params_modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if is_typeddict(value) and value.__module__ == name:
                found.append((f"{name}:{attr}", value))
    return found


pytestmark = pytest.mark.skipif(
    not (REFERENCE / "exports.tsv").exists(),
    reason="../shared/reference is not beside the repo",
)


def _mentions_files(hints: typing.Dict[str, Any]) -> bool:
    from openai._types import FileTypes

    return any("IO[bytes]" in str(h) or h is FileTypes for h in hints.values())


def test_every_params_typeddict_has_hints_and_a_type_adapter() -> None:
    typeddicts = _typeddicts()
    assert (
        len(typeddicts) > 250
    )  # every params module of openai.types, nested TypedDicts included
    hint_failures: List[str] = []
    adapter_failures: List[str] = []
    with_files = 0
    for where, typeddict in typeddicts:
        try:
            hints = typing.get_type_hints(typeddict, include_extras=True)
        except Exception as err:  # noqa: BLE001 - collected for one clear report
            hint_failures.append(f"{where}: {err}")
            continue
        try:
            if _mentions_files(hints):
                # file parameters accept IO[bytes], which pydantic only takes as an
                # arbitrary type (the official package behaves the same)
                with_files += 1
                pydantic.TypeAdapter(
                    List[typeddict],  # type: ignore[valid-type]
                    config=pydantic.ConfigDict(arbitrary_types_allowed=True),
                )
            else:
                pydantic.TypeAdapter(typeddict)
        except Exception as err:  # noqa: BLE001
            adapter_failures.append(f"{where}: {str(err)[:200]}")
    assert hint_failures == []
    assert adapter_failures == []
    assert 0 < with_files < 40


def test_sequence_not_str_validates_lists() -> None:
    from openai.types.chat.completion_create_params import CompletionCreateParamsBase

    adapter = pydantic.TypeAdapter(CompletionCreateParamsBase)
    value = adapter.validate_python(
        {
            "messages": [{"role": "user", "content": "hi"}],
            "model": "gpt-4o",
            "stop": ["a", "b"],
        }
    )
    assert value["stop"] == ["a", "b"]


def test_sequence_not_str_is_plain_sequence_at_runtime() -> None:
    from openai._types import SequenceNotStr

    assert SequenceNotStr is Sequence  # type: ignore[comparison-overlap]


def test_file_content_names_os_pathlike() -> None:
    import os

    from openai._types import FileContent

    assert os.PathLike in typing.get_args(FileContent)
    assert "os.PathLike[str]" not in str(FileContent)


def test_types_response_is_httpx_response_loaded_lazily() -> None:
    code = (
        "import sys, openai._types as t; assert 'httpx' not in sys.modules; "
        "import httpx; assert t.Response is httpx.Response; "
        "from openai._types import Response; assert Response is httpx.Response; print('ok')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "ok"
    import openai._types as types_module

    with pytest.raises(AttributeError, match="NoSuchName"):
        types_module.NoSuchName  # noqa: B018 - the attribute access is the test
