"""Every public name of every ``openai.types`` package imports from its official path."""

from __future__ import annotations

import importlib
from collections import defaultdict

import pytest

from ._support import export_rows, handwritten

ROWS = export_rows()
HANDWRITTEN_NAMES = {
    (module.rsplit(".", 1)[0], name): module for module, names in handwritten().items() for name in names
}
BY_PACKAGE: dict[str, list[str]] = defaultdict(list)
for _package, _name in ROWS:
    if (_package, _name) not in HANDWRITTEN_NAMES:
        BY_PACKAGE[_package].append(_name)


def test_reference_table_is_complete() -> None:
    # 36 packages, 1090 rows (see shared/reference/SOURCES.md)
    assert len({p for p, _ in ROWS}) == 36
    assert len(ROWS) == 1090


@pytest.mark.parametrize("package", sorted(BY_PACKAGE))
def test_package_exports_import(package: str) -> None:
    mod = importlib.import_module(package)
    missing: list[str] = []
    for name in BY_PACKAGE[package]:
        try:
            value = getattr(mod, name)
        except AttributeError:
            missing.append(name)
            continue
        assert value is not None, f"{package}.{name} is None"
    assert missing == []


def _missing_handwritten() -> list[str]:
    out: list[str] = []
    for (package, name), module in sorted(HANDWRITTEN_NAMES.items()):
        try:
            getattr(importlib.import_module(package), name)
        except (AttributeError, ImportError):
            out.append(f"{module}:{name}")
    return out


MISSING_HANDWRITTEN = _missing_handwritten()


@pytest.mark.xfail(
    bool(MISSING_HANDWRITTEN),
    reason=f"handwritten modules not written yet: {MISSING_HANDWRITTEN}",
    strict=True,
)
def test_handwritten_exports_import() -> None:
    assert MISSING_HANDWRITTEN == []


def test_unknown_name_raises_attribute_error() -> None:
    mod = importlib.import_module("openai.types.chat")
    with pytest.raises(AttributeError, match="NoSuchType"):
        mod.NoSuchType  # noqa: B018 - the attribute access is the test


def test_submodules_load_on_attribute_access() -> None:
    types = importlib.import_module("openai.types")
    assert types.chat.chat_completion.ChatCompletion.__name__ == "ChatCompletion"
