"""Importing one type module loads only what it references (checked in a fresh process)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from ._support import REPO, TYPES_DIR


def _loaded_after(code: str) -> list[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('openai'))))"
    out = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        text=True,
        cwd=str(REPO),
    ).stdout
    return list(json.loads(out.strip().splitlines()[-1]))


def _module_file(module: str) -> str:
    rel = module.split(".")[2:]
    path = TYPES_DIR.joinpath(*rel)
    return str(path / "__init__.py") if path.is_dir() else str(path) + ".py"


def _imports_of(module: str) -> set[str]:
    """The openai.types modules a generated module imports, read from its source."""
    with open(_module_file(module)) as f:
        tree = ast.parse(f.read())
    package = module.rsplit(".", 1)[0].split(".")
    out: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
            if target.startswith("openai.types.") and not target.endswith("_discriminator"):
                out.add(target)
    return out


def _closure(module: str) -> set[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        todo.extend(_imports_of(m))
    return seen


def _packages_of(modules: set[str]) -> set[str]:
    out: set[str] = set()
    for m in modules:
        parts = m.split(".")
        for i in range(2, len(parts)):
            out.add(".".join(parts[:i]))
    return out


def test_import_openai_loads_no_type_module() -> None:
    loaded = _loaded_after("import openai")
    assert [m for m in loaded if m.startswith("openai.types")] == []


def test_import_openai_types_loads_no_type_module() -> None:
    loaded = _loaded_after("import openai.types")
    assert [m for m in loaded if m.startswith("openai.types.")] == []
    assert "pydantic" not in loaded


@pytest.mark.parametrize(
    "module",
    [
        "openai.types.chat.chat_completion",
        "openai.types.chat.chat_completion_chunk",
        "openai.types.chat.completion_create_params",
        "openai.types.responses.response",
        "openai.types.responses.response_stream_event",
        "openai.types.realtime.realtime_server_event",
        "openai.types.embedding_create_params",
    ],
)
def test_type_module_loads_only_its_references(module: str) -> None:
    expected = _closure(module)
    loaded = {m for m in _loaded_after(f"import {module}") if m.startswith("openai.types.")}
    allowed = expected | _packages_of(expected) | {"openai.types._discriminator"}
    assert loaded - allowed == set()
    assert expected <= loaded


def test_package_attribute_loads_one_module() -> None:
    loaded = _loaded_after("from openai.types.chat import ChatCompletionMessageParam")
    type_modules = {m for m in loaded if m.startswith("openai.types.")}
    assert "openai.types.chat.chat_completion_message_param" in type_modules
    # the other chat types stay unloaded
    assert "openai.types.chat.chat_completion_chunk" not in type_modules
    assert "openai.types.chat.completion_create_params" not in type_modules
    assert not any(m.startswith("openai.types.responses") for m in type_modules)
