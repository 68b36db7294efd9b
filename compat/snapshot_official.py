"""Write the facts ``tests/compat`` compares ours with, read from the official package.

Run it with the interpreter that has the official ``openai==2.38.0`` installed:

    ~/.cache/openai-bench/peer/bin/python compat/snapshot_official.py

It writes ``tests/compat/official_2_38.json`` (committed), so the tests need no
official package. Only introspected facts are recorded (names, parameter lists,
keys, field names): no source text, no docstrings.

- ``types``: every ``openai.types`` module: ``__all__``; the names it imports
  from other type modules (importable from there, and libraries do so); per model
  its fields (``name``, ``name?`` when optional, ``@alias`` appended when it has
  one); per params TypedDict its required and optional keys
  (``Required[...]`` read from the annotations: under postponed annotations the
  official ``__required_keys__`` misses those); per package its exports.
- ``clients``: the ``__init__`` parameters of the client classes.
- ``exceptions``: every exception class of ``openai`` with its ``__init__`` parameters.
- ``resources``: every ``openai.resources`` module's classes, and per class its
  public methods with their parameters (encoded as ``_params`` says).
- ``modules``: the public names of the private and helper modules that libraries reach.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import sys
import typing
from pathlib import Path
from typing import Any, Dict, List

OUT = Path(__file__).resolve().parent.parent / "tests" / "compat" / "official_2_38.json"

# modules whose public names are recorded whole (issue 8's table and INVENTORY.md)
PRIVATE_MODULES = [
    "openai",
    "openai._types",
    "openai._models",
    "openai._streaming",
    "openai._legacy_response",
    "openai._response",
    "openai._base_client",
    "openai._constants",
    "openai._exceptions",
    "openai._utils",
    "openai._utils._transform",
    "openai.pagination",
    "openai.auth",
    "openai.lib",
    "openai.lib._pydantic",
    "openai.lib._parsing",
    "openai.lib._parsing._completions",
    "openai.lib._parsing._responses",
    "openai.lib.streaming",
    "openai.lib.streaming.chat",
    "openai.lib.streaming.responses",
    "openai.lib.streaming._assistants",
    "openai.lib.azure",
]


_KIND_PREFIX = {
    "POSITIONAL_ONLY": "/",
    "POSITIONAL_OR_KEYWORD": "",
    "VAR_POSITIONAL": "*",
    "KEYWORD_ONLY": "-",
    "VAR_KEYWORD": "**",
}


def _params(fn: Any) -> List[str]:
    """One string per parameter (``self`` left out): a kind prefix (``/`` positional
    only, none for positional-or-keyword, ``*`` ``*args``, ``-`` keyword only, ``**``
    ``**kwargs``), the name, and ``=`` when it has a default."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return []
    return [
        _KIND_PREFIX[p.kind.name]
        + p.name
        + ("=" if p.default is not inspect.Parameter.empty else "")
        for p in sig.parameters.values()
        if p.name != "self"
    ]


def _wrapper(hint: Any) -> str | None:
    while typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    name = getattr(typing.get_origin(hint), "_name", None) or getattr(
        hint, "_name", None
    )
    return name if name in ("Required", "NotRequired") else None


def _wrapper_text(hint: Any) -> str | None:
    text = (
        hint.__forward_arg__
        if isinstance(hint, typing.ForwardRef)
        else hint
        if isinstance(hint, str)
        else ""
    )
    for name in ("Required", "NotRequired"):
        if text.startswith(name + "["):
            return name
    return _wrapper(hint) if not text else None


def _describe(obj: Any) -> Dict[str, Any]:
    import pydantic
    from typing_extensions import get_type_hints, is_typeddict

    if isinstance(obj, type) and issubclass(obj, pydantic.BaseModel):
        # a field: its name, ``?`` when optional, ``@alias`` when it has one
        fields = [
            n + ("" if f.is_required() else "?") + (f"@{f.alias}" if f.alias else "")
            for n, f in obj.model_fields.items()
        ]
        return {"kind": "model", "fields": fields}
    if is_typeddict(obj):
        try:
            hints: Dict[str, Any] = get_type_hints(obj, include_extras=True)
            wrappers = {k: _wrapper(h) for k, h in hints.items()}
        except NameError:
            # an annotation names something imported under TYPE_CHECKING only:
            # read the wrapper from the annotation's text
            hints = dict(obj.__annotations__)
            wrappers = {k: _wrapper_text(h) for k, h in hints.items()}
        declared: frozenset[str] = getattr(obj, "__required_keys__", frozenset())
        required = sorted(
            k
            for k, w in wrappers.items()
            if w == "Required" or (w is None and k in declared)
        )
        return {
            "kind": "typeddict",
            "required": required,
            "optional": sorted(set(hints) - set(required)),
        }
    if isinstance(obj, type):
        return {"kind": "class"}
    return {"kind": "alias"}


def _types() -> Dict[str, Any]:
    import openai.types as root

    names = [root.__name__] + [
        m.name for m in pkgutil.walk_packages(root.__path__, root.__name__ + ".")
    ]
    mods = {n: importlib.import_module(n) for n in sorted(names)}
    home: Dict[int, str] = {}
    for modname, mod in mods.items():
        if not hasattr(mod, "__path__"):
            for n in getattr(mod, "__all__", []):
                home.setdefault(id(getattr(mod, n, None)), modname)
    out: Dict[str, Any] = {}
    for modname, mod in mods.items():
        if hasattr(mod, "__path__"):
            subs = {m.name for m in pkgutil.iter_modules(mod.__path__)}
            exports = {n for n in dir(mod) if not n.startswith("_")} | subs
            out[modname] = {"package": sorted(exports)}
            continue
        listed = list(getattr(mod, "__all__", []))
        imported = sorted(
            n
            for n, v in vars(mod).items()
            if not n.startswith("_")
            and n not in listed
            and not inspect.ismodule(v)
            and id(v) in home
        )
        out[modname] = {
            "all": sorted(listed),
            "imported": imported,
            "names": {
                n: _describe(getattr(mod, n)) for n in sorted(listed) if hasattr(mod, n)
            },
        }
    return out


def _resources() -> Dict[str, Any]:
    import openai.resources as root

    out: Dict[str, Any] = {}
    for info in sorted(
        pkgutil.walk_packages(root.__path__, root.__name__ + "."), key=lambda i: i.name
    ):
        mod = importlib.import_module(info.name)
        classes: Dict[str, Any] = {}
        for n in getattr(mod, "__all__", []):
            cls = getattr(mod, n, None)
            if not isinstance(cls, type) or cls.__module__ != info.name:
                continue
            methods = {
                m: _params(f)
                for m, f in vars(cls).items()
                if not m.startswith("_") and inspect.isfunction(f)
            }
            classes[n] = {"methods": methods}
        out[info.name] = {
            "all": sorted(getattr(mod, "__all__", [])),
            "classes": classes,
        }
    return out


def _exceptions() -> Dict[str, Any]:
    import openai
    import openai._exceptions as exc

    out: Dict[str, Any] = {}
    for mod in (openai, exc):
        for n in dir(mod):
            obj = getattr(mod, n)
            if (
                isinstance(obj, type)
                and issubclass(obj, Exception)
                and obj.__module__.startswith("openai")
            ):
                out[n] = {
                    "init": _params(obj.__init__),
                    "bases": [b.__name__ for b in obj.__bases__],
                }
    return out


def _clients() -> Dict[str, Any]:
    import openai

    out: Dict[str, Any] = {}
    for n in ("OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI"):
        cls = getattr(openai, n)
        spec = inspect.getfullargspec(cls.__init__)
        out[n] = {"kwonlyargs": spec.kwonlyargs, "init": _params(cls.__init__)}
    return out


def _modules() -> Dict[str, List[str]]:
    """Per module: ``__all__``, the classes and functions it defines, its
    upper-case str/int/float constants and (packages) its submodules; names it merely imports
    for its own use (``typing`` names, other modules' helpers) are left out."""
    out: Dict[str, List[str]] = {}
    for m in PRIVATE_MODULES:
        mod = importlib.import_module(m)
        names = set(getattr(mod, "__all__", []))
        for n, v in vars(mod).items():
            if n.startswith("__"):
                continue
            if (inspect.isclass(v) or inspect.isfunction(v)) and v.__module__ == m:
                names.add(n)
            elif (
                n.isupper()
                and n != "TYPE_CHECKING"
                and isinstance(v, (str, int, float))
            ):
                names.add(n)  # a constant (bool is an int: PYDANTIC_V1 too)
        if hasattr(mod, "__path__"):
            names |= {i.name for i in pkgutil.iter_modules(mod.__path__)}
        out[m] = sorted(names)
    return out


def main() -> int:
    import openai

    if openai.__version__ != "2.38.0" or not hasattr(openai, "_base_client"):
        print(
            f"run this with the official openai 2.38.0 (found {openai.__version__})",
            file=sys.stderr,
        )
        return 1
    facts = {
        "openai_version": openai.__version__,
        "python": ".".join(map(str, sys.version_info[:2])),
        "types": _types(),
        "resources": _resources(),
        "exceptions": _exceptions(),
        "clients": _clients(),
        "modules": _modules(),
    }
    OUT.write_text(json.dumps(facts, sort_keys=True, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
