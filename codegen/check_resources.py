"""Compare our generated ``openai.resources`` with the official 2.38 package.

A development tool (``python -m codegen.check_official --resources`` runs it).
Each interpreter builds a sync and an async client and walks the resource tree
through its cached properties; for every resource it records facts only:

- the class (module and name) and its nested resources,
- every public method: its parameters (name, kind, default), whether it is
  marked deprecated and how many ``@overload``s it has,
- the attributes of the ``with_raw_response`` / ``with_streaming_response`` views.

No source text is read. Defaults are normalized (``omit``, ``not_given``,
``None`` or the value's repr), so the comparison is exact on names, kinds,
defaults and order.
"""

from __future__ import annotations

import functools
import inspect
import json
from pathlib import Path
from typing import Any

_VIEWS = ("with_raw_response", "with_streaming_response")


def _default(value: Any) -> str | None:
    if value is inspect.Parameter.empty:
        return None
    name = type(value).__name__
    if name == "Omit":
        return "omit"
    if name == "NotGiven":
        return "not_given"
    return repr(value)


def _signature(func: Any) -> dict[str, Any]:
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return {"params": None}
    params = [[p.name, p.kind.name, _default(p.default)] for p in sig.parameters.values() if p.name != "self"]
    out: dict[str, Any] = {"params": params}
    deprecated = getattr(func, "__deprecated__", None)
    if deprecated:
        out["deprecated"] = str(deprecated)
    try:
        import typing_extensions

        out["overloads"] = len(typing_extensions.get_overloads(func))
    except Exception:  # pragma: no cover - older typing_extensions
        out["overloads"] = 0
    return out


def _qualname(obj: Any) -> str:
    cls = type(obj)
    return f"{cls.__module__}:{cls.__qualname__}"


def _cached_properties(cls: type) -> list[str]:
    names: list[str] = []
    for name in dir(cls):
        if name.startswith("_") or name in _VIEWS:
            continue
        if isinstance(inspect.getattr_static(cls, name), functools.cached_property):
            names.append(name)
    return names


def _methods(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in dir(cls):
        if name.startswith("_"):
            continue
        static = inspect.getattr_static(cls, name)
        if isinstance(static, functools.cached_property):
            continue
        value = getattr(cls, name)
        if inspect.isfunction(value):
            out[name] = _signature(value)
    return out


def _walk(obj: Any, path: str, out: dict[str, Any]) -> None:
    cls = type(obj)
    entry: dict[str, Any] = {
        "class": _qualname(obj),
        "bases": [f"{b.__module__}:{b.__qualname__}" for b in cls.__mro__[1:]],
        "methods": _methods(cls),
        "children": {},
    }
    out[path] = entry
    for name in _cached_properties(cls):
        child = getattr(obj, name)
        child_path = f"{path}.{name}" if path else name
        entry["children"][name] = _qualname(child)
        if child_path in out:
            continue
        _walk(child, child_path, out)
    for view_name in _VIEWS:
        if isinstance(inspect.getattr_static(cls, view_name, None), functools.cached_property):
            view = getattr(obj, view_name)
            entry[view_name] = {"class": _qualname(view), "attrs": _view_attrs(view)}


def _view_attrs(view: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    cls = type(view)
    for name in dir(view):
        if name.startswith("_"):
            continue
        static = inspect.getattr_static(cls, name, None)
        if isinstance(static, functools.cached_property):
            out[name] = _qualname(getattr(view, name))
        else:
            out[name] = "function"
    return out


def dump() -> dict[str, Any]:
    import openai

    result: dict[str, Any] = {}
    for flavour, factory in (("sync", openai.OpenAI), ("async", openai.AsyncOpenAI)):
        client = factory(api_key="sk-check", admin_api_key="sk-admin-check", base_url="http://127.0.0.1:9")
        tree: dict[str, Any] = {}
        _walk(client, "", tree)
        root = tree.pop("")
        result[flavour] = {"tree": tree, "root": root}
    return result


# --- comparison ------------------------------------------------------------------


class Score:
    def __init__(self) -> None:
        self.total = 0
        self.ok = 0
        self.mismatches: list[str] = []
        self.extras: list[str] = []  # what ours has beyond 2.38 (newer spec)
        self.skipped: list[str] = []  # helper methods written by hand elsewhere

    def check(self, good: bool, message: str) -> None:
        self.total += 1
        if good:
            self.ok += 1
        else:
            self.mismatches.append(message)


def _area(path: str) -> str:
    return path.split(".", 1)[0] or "(root)"


def _resource_class(entry: dict[str, Any]) -> str:
    """The generated class behind a resource: the most basic class of its MRO
    under ``openai.resources`` (the official package returns a handwritten
    subclass for a few: ``openai.lib._realtime:_Calls``, the webhooks package's
    ``Webhooks``)."""
    found = str(entry["class"]) if entry["class"].startswith("openai.resources.") else None
    for base in entry["bases"]:
        if base.startswith("openai.resources."):
            found = str(base)
    return found or str(entry["class"])


def _helpers() -> set[str]:
    """``path.method`` of every helper row of endpoints.tsv (written by hand, not generated)."""
    import csv

    from .paths import REFERENCE

    with (REFERENCE / "endpoints.tsv").open(newline="") as f:
        return {r["sdk_path"] for r in csv.DictReader(f, delimiter="\t") if r["kind"] == "helper"}


def compare(official: dict[str, Any], ours: dict[str, Any]) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    helpers = _helpers()

    def score(path: str) -> Score:
        return scores.setdefault(_area(path), Score())

    for flavour in ("sync", "async"):
        o_tree, u_tree = official[flavour]["tree"], ours[flavour]["tree"]
        # a class reachable at several paths (``beta.chat`` builds ``chat``'s classes)
        # has its helper methods listed under its shortest path
        canonical: dict[str, str] = {}
        for path in sorted(o_tree, key=lambda p: (p.count("."), p)):
            canonical.setdefault(_resource_class(o_tree[path]), path)
        helpers |= {
            f"{path}.{h.rsplit('.', 1)[1]}"
            for path in o_tree
            for h in list(helpers)
            if h.rsplit(".", 1)[0] == canonical[_resource_class(o_tree[path])]
        }
        o_root, u_root = official[flavour]["root"], ours[flavour]["root"]
        _compare_resource(score("(root)"), f"{flavour} client", o_root, u_root, root=True)
        for path, o in sorted(o_tree.items()):
            sc = score(path)
            u = u_tree.get(path)
            where = f"{flavour} {path}"
            sc.check(u is not None, f"{where}: missing resource")
            if u is None:
                continue
            _compare_resource(sc, where, o, u, helpers=helpers, path=path)
    return scores


def _compare_resource(
    sc: Score,
    where: str,
    o: dict[str, Any],
    u: dict[str, Any],
    root: bool = False,
    helpers: set[str] | None = None,
    path: str = "",
) -> None:
    if not root:
        o_cls, u_cls = _resource_class(o), _resource_class(u)
        sc.check(o_cls == u_cls, f"{where}: class {u_cls} != official {o_cls}")
    o_children, u_children = o["children"], u["children"]
    for name in sorted(o_children):
        sc.check(name in u_children, f"{where}.{name}: missing nested resource")
    if not root:
        for name, o_sig in sorted(o["methods"].items()):
            if helpers is not None and f"{path}.{name}" in helpers:
                if name not in u["methods"]:
                    sc.skipped.append(f"{where}.{name}()")
                    continue
            u_sig = u["methods"].get(name)
            sc.check(u_sig is not None, f"{where}.{name}(): missing method")
            if u_sig is None:
                continue
            _compare_signature(sc, f"{where}.{name}()", o_sig, u_sig)
    for view in _VIEWS:
        o_view, u_view = o.get(view), u.get(view)
        if o_view is None:
            continue
        sc.check(u_view is not None, f"{where}.{view}: missing view")
        if u_view is None:
            continue
        # the root views live in openai._client there, in openai.resources._root here
        o_vc, u_vc = (
            (o_view["class"], u_view["class"]) if not root else (_name(o_view["class"]), _name(u_view["class"]))
        )
        sc.check(o_vc == u_vc, f"{where}.{view}: class {u_vc} != {o_vc}")
        for name, kind in sorted(o_view["attrs"].items()):
            got = u_view["attrs"].get(name)
            if got is None and helpers is not None and f"{path}.{name}" in helpers:
                sc.skipped.append(f"{where}.{view}.{name}")
                continue
            sc.check(got == kind, f"{where}.{view}.{name}: {got} != official {kind}")


def _name(qualified: str) -> str:
    return qualified.rsplit(":", 1)[1]


def _compare_signature(sc: Score, where: str, o: dict[str, Any], u: dict[str, Any]) -> None:
    o_params, u_params = o["params"], u["params"]
    if o_params is not None:
        o_names = [p[0] for p in o_params]
        u_names = [p[0] for p in u_params or []]
        extra = [n for n in u_names if n not in o_names]
        if extra:
            sc.extras.append(f"{where}: parameters {extra}")
        common = [n for n in u_names if n in o_names]
        sc.check(o_names == common, f"{where}: parameters {_diff(o_names, common)}")
        u_by_name = {p[0]: p for p in u_params or []}
        for name, kind, default in o_params:
            got = u_by_name.get(name)
            if got is None:
                continue
            sc.check(got[1] == kind, f"{where}: `{name}` is {got[1]}, official {kind}")
            sc.check(got[2] == default, f"{where}: `{name}` defaults to {got[2]}, official {default}")
    sc.check(
        bool(o.get("deprecated")) == bool(u.get("deprecated")),
        f"{where}: deprecated={bool(u.get('deprecated'))}, official {bool(o.get('deprecated'))}",
    )
    # overloaded or not (the exact count differs where the official stacks
    # ``deprecated`` on overloads or repeats one)
    sc.check(
        bool(o.get("overloads", 0)) == bool(u.get("overloads", 0)),
        f"{where}: {u.get('overloads', 0)} overloads, official {o.get('overloads', 0)}",
    )


def _diff(official: list[str], ours: list[str]) -> str:
    missing = [n for n in official if n not in ours]
    extra = [n for n in ours if n not in official]
    if missing or extra:
        return f"missing {missing}, extra {extra}"
    return f"order {ours} != official {official}"


def main_dump(path: str) -> None:
    Path(path).write_text(json.dumps(dump(), indent=1, sort_keys=True))


if __name__ == "__main__":
    import sys

    main_dump(sys.argv[1])


def run(refresh: bool, areas: list[str] | None, limit: int, extras: bool) -> int:
    import os
    import subprocess
    import sys

    from .check_official import CACHE, PEER_PYTHON, ROOT

    CACHE.mkdir(parents=True, exist_ok=True)
    off, ours = CACHE / "resources-official.json", CACHE / "resources-ours.json"
    script = str(Path(__file__).resolve())
    if refresh or not off.exists():
        subprocess.run([PEER_PYTHON, script, str(off)], check=True, cwd=str(CACHE))
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    subprocess.run([sys.executable, script, str(ours)], check=True, env=env, cwd=str(CACHE))
    scores = compare(json.loads(off.read_text()), json.loads(ours.read_text()))
    total = Score()
    for area, sc in sorted(scores.items()):
        total.total += sc.total
        total.ok += sc.ok
        pct = 100.0 * sc.ok / sc.total if sc.total else 100.0
        print(
            f"{area:16} {sc.ok:6}/{sc.total:<6} {pct:6.1f}%   "
            f"({len(sc.extras)} with newer-spec params, {len(sc.skipped)} handwritten helpers skipped)"
        )
        if areas and area not in areas:
            continue
        for m in sc.mismatches if areas else sc.mismatches[:limit]:
            print("    " + m)
        if extras:
            for m in sc.extras:
                print("    + " + m)
            for m in sc.skipped:
                print("    ~ " + m)
    print(f"{'TOTAL':16} {total.ok:6}/{total.total:<6} {100.0 * total.ok / max(total.total, 1):6.1f}%")
    return 0
