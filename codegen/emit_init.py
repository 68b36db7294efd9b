"""Lazy package ``__init__.py`` files.

A package exports its names through a module ``__getattr__`` (PEP 562): the
first access to ``openai.types.chat.ChatCompletion`` imports
``openai.types.chat.chat_completion`` and nothing else. Type checkers read the
``if TYPE_CHECKING:`` block, which imports every name explicitly.
"""

from __future__ import annotations

from .ir import PackageIR
from .paths import HEADER


def _relative(package: str, module: str) -> str:
    if module == package:
        return "."
    if module.startswith(package + "."):
        return "." + module[len(package) + 1 :]
    # a sibling or parent package (e.g. openai.types re-exporting openai.types.shared)
    here = package.split(".")
    parts = module.split(".")
    common = 0
    while common < len(here) and common < len(parts) and here[common] == parts[common]:
        common += 1
    return "." * (len(here) - common + 1) + ".".join(parts[common:])


def render_package(pkg: PackageIR, subpackages: list[str]) -> str:
    exports: list[tuple[str, str, str]] = sorted(
        (name, _relative(pkg.path, mod), attr) for name, (mod, attr) in pkg.exports.items()
    )
    empty = not exports and not subpackages
    lines: list[str] = [
        HEADER.rstrip("\n"),
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, Dict, List, Tuple"
        if empty
        else "from typing import TYPE_CHECKING, Any, Dict, List, Tuple",
        "",
    ]
    if not empty:
        lines.append("if TYPE_CHECKING:")
    by_module: dict[str, list[tuple[str, str]]] = {}
    for name, rel, attr in exports:
        by_module.setdefault(rel, []).append((name, attr))
    for rel in sorted(by_module):
        items = ", ".join(f"{attr} as {name}" for name, attr in sorted(by_module[rel]))
        lines.append(f"    from {rel} import {items}")
    for sub in sorted(subpackages):
        lines.append(f"    from . import {sub} as {sub}")
    lines.append("")
    lines.append("# exported name -> (submodule, attribute)")
    lines.append("_EXPORTS: Dict[str, Tuple[str, str]] = {")
    for name, rel, attr in exports:
        lines.append(f'    "{name}": ("{rel}", "{attr}"),')
    lines.append("}")
    lines.append("")
    lines.append(
        """

def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    import importlib

    if target is None:
        # submodules and subpackages load on attribute access too
        if name.startswith("_"):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        globals()[name] = module
        return module
    value = getattr(importlib.import_module(target[0], __name__), target[1])
    globals()[name] = value
    return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(_EXPORTS))
""".lstrip("\n")
    )
    return "\n".join(lines)
