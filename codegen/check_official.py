"""Compare our generated ``openai.types`` with the official 2.38 package.

A development tool, not part of CI. It introspects both packages (the official
one in its own interpreter) and compares, module by module: the public names,
and for each model class its fields (names, aliases, required-ness and a
normalized annotation), for each TypedDict its required and optional keys, for
each alias its normalized form. Only introspected facts are compared; no source
text is read.

    python -m codegen.check_official              # scores per area + mismatches
    python -m codegen.check_official --area chat  # one area, every mismatch
    python -m codegen.check_official --dump FILE  # (internal) dump this interpreter's package
    python -m codegen.check_official --resources  # the resource tree and method signatures

The official interpreter defaults to ``~/.cache/openai-bench/peer/bin/python``
(override with ``OPENAI_PEER_PYTHON``).
"""

from __future__ import annotations

import argparse
import collections.abc
import importlib
import json
import os
import pkgutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
PEER_PYTHON = os.environ.get("OPENAI_PEER_PYTHON", str(Path.home() / ".cache/openai-bench/peer/bin/python"))
CACHE = ROOT / ".cache" / "check_official"

# --- annotation normalization -------------------------------------------------
# Both sides run the same function, so the strings are comparable.

_TYPING_NAMES = {
    list: "List",
    dict: "Dict",
    tuple: "Tuple",
    set: "Set",
    type: "Type",
    collections.abc.Iterable: "Iterable",
    collections.abc.Sequence: "Sequence",
    collections.abc.Mapping: "Mapping",
    collections.abc.Iterator: "Iterator",
    cast(Any, collections.abc.Callable): "Callable",
}
_WRAPPERS = {"Required", "NotRequired", "ReadOnly"}


def _cls_name(tp: Any) -> str:
    if tp in _TYPING_NAMES:
        return _TYPING_NAMES[tp]
    mod = getattr(tp, "__module__", "")
    name = getattr(tp, "__qualname__", None) or getattr(tp, "__name__", None) or repr(tp)
    if mod in (
        "builtins",
        "typing",
        "typing_extensions",
        "collections.abc",
        "datetime",
        "os",
        "io",
    ):
        return str(name)
    return f"{mod}:{name}"


def _meta(meta: Any) -> str | None:
    """A stable string for the parts of ``Annotated`` metadata that matter."""
    disc = getattr(meta, "discriminator", None)
    if disc is not None:
        # pydantic.Field(discriminator=...), PropertyInfo(discriminator=...) or Discriminator(...)
        if not isinstance(disc, str):
            disc = "callable"
        return f"disc={disc}"
    cls = type(meta).__name__
    if cls == "Discriminator":
        return "disc=callable"
    if cls == "PropertyInfo":
        parts: list[str] = []
        for key in ("alias", "format"):
            val = getattr(meta, key, None)
            if val is not None and val != "None":
                parts.append(f"{key}={val}")
        return ",".join(parts) or None
    return None


# A normalized annotation is a tree: ["Union", [members]], ["Literal", [values]],
# ["Annotated", inner, meta], [generic name, [args]], or a string for a class
# or primitive. Union members and literal values are sorted and flattened.
Tree = Any


def tree_head(t: Tree) -> str | None:
    """The kind of a tree node ("Union", "Literal", "Annotated", a generic), or None for a leaf."""
    if isinstance(t, list):
        return str(t[0])  # pyright: ignore[reportUnknownArgumentType]
    return None


def tree_items(t: Tree) -> list[Any]:
    """Members of a Union, values of a Literal, arguments of a generic."""
    return list(cast("list[Any]", t)[1])


def tree_inner(t: Tree) -> Tree:
    return cast("list[Any]", t)[1]


def _meta_text(t: Tree) -> str:
    return str(cast("list[Any]", t)[2])


def tree(tp: Any) -> Tree:
    if tp is type(None) or tp is None:
        return "None"
    if isinstance(tp, typing.ForwardRef):
        return f"ForwardRef({tp.__forward_arg__})"
    if isinstance(tp, str):
        return f"Str({tp})"
    if type(tp).__name__ == "LazyType":
        # ours: a type imported when a value needs it (codegen ``lazy``); compare its target
        return tree(tp.resolve())
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        inner = tree(args[0])
        metas = sorted(m for m in (_meta(a) for a in args[1:]) if m)
        if not metas:
            return inner
        return ["Annotated", inner, "; ".join(metas)]
    if _wrapper_name(tp) is not None:
        return tree(args[0]) if args else "Any"
    if origin is typing.Union:
        members: list[Tree] = []
        literals: list[Any] = []
        for a in args:
            t = tree(a)
            if tree_head(t) == "Literal":
                literals.extend(tree_items(t))
            elif tree_head(t) == "Union":
                members.extend(tree_items(t))
            else:
                members.append(t)
        if literals:
            members.append(["Literal", sorted(set(literals), key=repr)])
        uniq: dict[str, Tree] = {}
        for m in members:
            uniq.setdefault(render(m), m)
        ordered = [uniq[k] for k in sorted(uniq)]
        return ordered[0] if len(ordered) == 1 else ["Union", ordered]
    if origin is typing.Literal:
        return ["Literal", sorted(set(args), key=repr)]
    if origin is not None:
        base = _cls_name(origin)
        if base == "openai._types:SequenceNotStr":
            base = "Sequence"
        return [base, [tree(a) for a in args]]
    if isinstance(tp, typing.TypeVar):
        return f"TypeVar({tp.__name__})"
    if type(tp).__name__ == "TypeAliasType":
        return tree(tp.__value__)
    if isinstance(tp, type):
        name = _cls_name(tp)
        return "Sequence" if name == "openai._types:SequenceNotStr" else name
    if tp is typing.Any:
        return "Any"
    return repr(tp)


def render(t: Tree) -> str:
    if isinstance(t, str):
        return t
    head = t[0]
    if head == "Literal":
        return "Literal[" + ", ".join(repr(v) for v in t[1]) + "]"
    if head == "Union":
        return "Union[" + ", ".join(render(m) for m in t[1]) + "]"
    if head == "Annotated":
        return f"Annotated[{render(t[1])}, {t[2]}]"
    return f"{head}[{', '.join(render(a) for a in t[1])}]"


def norm(tp: Any) -> str:
    return render(tree(tp))


# set by ``compare``: whether an official discriminated union could be one in
# pydantic (unique literal tags on every member); if not, a plain union is the
# faithful rendering (pydantic's smart mode picks the member)
_expressible: Any = None


def covers(ours: Tree, official: Tree) -> bool:
    """Whether our annotation accepts everything the official one does, allowing
    extra union members and literal values (our spec is newer than 2.38)."""
    if render(ours) == render(official):
        return True
    if (
        tree_head(official) == "Annotated"
        and _meta_text(official).startswith("disc=")
        and tree_head(ours) != "Annotated"
        and _expressible is not None
        and not _expressible(tree_inner(official), _meta_text(official)[len("disc=") :])
    ):
        return covers(ours, tree_inner(official))
    if tree_head(ours) == "Annotated":
        if tree_head(official) == "Annotated":
            u_meta, o_meta = _meta_text(ours), _meta_text(official)
            same = u_meta == o_meta or (u_meta == "disc=callable" and o_meta.startswith("disc="))
            return same and covers(tree_inner(ours), tree_inner(official))
        return False
    if tree_head(official) == "Annotated":
        return False
    o_members = tree_items(official) if tree_head(official) == "Union" else [official]
    u_members = tree_items(ours) if tree_head(ours) == "Union" else [ours]
    if len(o_members) == 1 and len(u_members) == 1:
        o, u = o_members[0], u_members[0]
        if tree_head(o) == tree_head(u) == "Literal":
            return {repr(v) for v in tree_items(o)} <= {repr(v) for v in tree_items(u)}
        if tree_head(o) is not None and tree_head(o) == tree_head(u) and len(tree_items(o)) == len(tree_items(u)):
            return all(covers(a, b) for a, b in zip(tree_items(u), tree_items(o)))
        return False
    return all(any(covers(u, o) for u in u_members) for o in o_members)


# --- introspection (runs in either interpreter) --------------------------------


def _describe(obj: Any, modname: str) -> dict[str, Any]:
    import pydantic
    from typing_extensions import get_type_hints, is_typeddict

    if isinstance(obj, type) and issubclass(obj, pydantic.BaseModel):
        try:
            obj.model_rebuild(force=True)
        except Exception as exc:  # noqa: BLE001 - reported, not fatal
            return {"kind": "model", "error": f"rebuild: {exc!r}", "fields": {}}
        fields: dict[str, Any] = {}
        for fname, info in obj.model_fields.items():
            fields[fname] = {
                "alias": info.alias,
                "required": info.is_required(),
                "ann": tree(_with_metadata(info.annotation, info)),
            }
        bases = [_cls_name(b) for b in obj.__bases__]
        return {"kind": "model", "fields": fields, "bases": bases}
    if is_typeddict(cast(object, obj)):
        try:
            hints = get_type_hints(obj, include_extras=True)
        except Exception as exc:  # noqa: BLE001
            return {
                "kind": "typeddict",
                "required": [],
                "optional": [],
                "ann": {"<error>": repr(exc)},
            }
        # ``__required_keys__`` misses ``Required[...]`` under postponed
        # annotations (the official package reports those keys optional), so an
        # explicit ``Required``/``NotRequired`` wrapper in the hints wins.
        required: list[str] = []
        optional: list[str] = []
        declared_required: frozenset[str] = getattr(cast(object, obj), "__required_keys__", frozenset[str]())
        for key, hint in hints.items():
            wrapper = _wrapper_name(hint)
            is_req = wrapper == "Required" or (wrapper != "NotRequired" and key in declared_required)
            (required if is_req else optional).append(key)
        return {
            "kind": "typeddict",
            "required": sorted(required),
            "optional": sorted(optional),
            "ann": {k: tree(v) for k, v in hints.items()},
        }
    if isinstance(obj, type):
        return {"kind": "class", "bases": [_cls_name(b) for b in obj.__bases__]}
    if isinstance(obj, type(sys)):
        return {"kind": "module"}
    return {"kind": "alias", "ann": tree(obj)}


def _wrapper_name(hint: Any) -> str | None:
    while typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    origin = typing.get_origin(hint)
    name = getattr(origin, "_name", None) or getattr(hint, "_name", None)
    if name in _WRAPPERS:
        return str(name)
    return None


def _with_metadata(ann: Any, info: Any) -> Any:
    """Put field-level metadata back into the annotation: pydantic moves the
    ``Annotated`` extras of a field (``Field(discriminator=...)``, a
    ``PropertyInfo``) out of ``annotation``, and both sides must compare alike."""
    extras = [m for m in getattr(info, "metadata", []) if _meta(m)]
    if getattr(info, "discriminator", None) is not None:
        extras.append(info)
    if extras:
        return typing.Annotated[(ann, *extras)]
    return ann


def dump(package: str = "openai.types") -> dict[str, Any]:
    root = importlib.import_module(package)
    names = [package] + [m.name for m in pkgutil.walk_packages(root.__path__, package + ".")]
    modules: dict[str, Any] = {}
    for modname in sorted(names):
        try:
            mod = importlib.import_module(modname)
        except Exception as exc:  # noqa: BLE001
            modules[modname] = {"error": repr(exc), "all": [], "names": {}}
            continue
        public = getattr(mod, "__all__", None)
        if public is None:
            public = [
                n for n, v in vars(mod).items() if not n.startswith("_") and getattr(v, "__module__", None) == modname
            ]
        entry: dict[str, Any] = {
            "all": sorted(public),
            "names": {},
            "is_package": hasattr(mod, "__path__"),
        }
        if hasattr(mod, "__path__"):
            # package: its exported names, plus its submodules (which a lazy
            # package loads on attribute access rather than up front)
            subs = {m.name for m in pkgutil.iter_modules(mod.__path__)}
            entry["exports"] = sorted({n for n in dir(mod) if not n.startswith("_")} | subs)
        else:
            for n in public:
                try:
                    obj = getattr(mod, n)
                except AttributeError as exc:
                    entry["names"][n] = {"kind": "missing", "error": repr(exc)}
                    continue
                entry["names"][n] = _describe(obj, modname)
        modules[modname] = entry
    _add_imported_names(modules)
    return {"modules": modules}


def _add_imported_names(modules: dict[str, Any]) -> None:
    """Per module, the public names it imports from other type modules and does
    not list in ``__all__`` (``response_create_params.ResponseIncludable``):
    importable from there all the same, and libraries do import them so."""
    home: dict[int, str] = {}
    for modname, entry in modules.items():
        mod = sys.modules.get(modname)
        if mod is None or entry.get("is_package"):
            continue
        for n in entry["all"]:
            home.setdefault(id(getattr(mod, n, None)), modname)
    for modname, entry in modules.items():
        mod = sys.modules.get(modname)
        if mod is None or entry.get("is_package"):
            continue
        listed = set(entry["all"])
        entry["imported"] = sorted(
            n
            for n, v in vars(mod).items()
            if not n.startswith("_") and n not in listed and not isinstance(v, type(sys)) and id(v) in home
        )


# --- comparison ----------------------------------------------------------------


def _area_function() -> Any:
    """module -> config area (the file that configures it); packages by their contents."""
    sys.path.insert(0, str(ROOT))
    from codegen.config import load

    cfg = load()
    areas = dict(cfg.area_of_module)

    def area_of(modname: str) -> str:
        if modname.startswith("openai.types._"):
            return "shared"  # our handwritten helpers inside the types tree
        if modname in areas:
            return areas[modname]
        inside = sorted(a for m, a in areas.items() if m.startswith(modname + "."))
        return inside[0] if inside else "unconfigured"

    return area_of


class Score:
    def __init__(self) -> None:
        self.total = 0
        self.ok = 0
        self.mismatches: list[str] = []
        # differences that are not failures: names, fields and enum values our
        # (newer) spec has and 2.38 does not
        self.extras: list[str] = []

    def check(self, good: bool, msg: str) -> None:
        self.total += 1
        if good:
            self.ok += 1
        else:
            self.mismatches.append(msg)


def compare(official: dict[str, Any], ours: dict[str, Any], area_of: Any) -> dict[str, Score]:
    global _expressible
    scores: dict[str, Score] = collections.defaultdict(Score)
    omods = official["modules"]

    def expressible(union: Tree, prop: str) -> bool:
        members = tree_items(union) if tree_head(union) == "Union" else [union]
        seen: list[Any] = []
        for m in members:
            if m == "None":
                continue
            if not isinstance(m, str) or ":" not in m:
                return False
            mod, _, name = m.partition(":")
            desc: dict[str, Any] = omods.get(mod, {}).get("names", {}).get(name) or {}
            field: dict[str, Any] = desc.get("fields", {}).get(prop) or {}
            if not field.get("required"):
                return False
            t: Tree = field["ann"]
            if tree_head(t) != "Literal" or len(tree_items(t)) != 1 or tree_items(t)[0] in seen:
                return False
            seen.append(tree_items(t)[0])
        return True

    _expressible = expressible
    umods = ours["modules"]
    for modname, oentry in sorted(omods.items()):
        sc = scores[area_of(modname)]
        uentry = umods.get(modname)
        if uentry is None:
            sc.check(False, f"{modname}: module missing")
            continue
        if "error" in uentry:
            sc.check(False, f"{modname}: import error {uentry['error']}")
            continue
        if oentry.get("is_package"):
            missing = sorted(set(oentry.get("exports", [])) - set(uentry.get("exports", [])))
            sc.check(not missing, f"{modname}: package exports missing {missing}")
            continue
        missing = sorted(set(oentry["all"]) - set(uentry["all"]))
        extra = sorted(set(uentry["all"]) - set(oentry["all"]))
        sc.check(not missing, f"{modname}: names missing {missing}")
        ours_imported = set(uentry.get("imported", [])) | set(uentry["all"])
        not_imported = sorted(set(oentry.get("imported", [])) - ours_imported)
        sc.check(not not_imported, f"{modname}: imported names missing {not_imported} (config imports:)")
        if extra:
            sc.extras.append(f"{modname}: extra names {extra}")
        for name, odesc in sorted(oentry["names"].items()):
            udesc = uentry["names"].get(name)
            where = f"{modname}.{name}"
            if udesc is None:
                continue  # counted above
            if odesc["kind"] != udesc["kind"]:
                sc.check(False, f"{where}: kind {udesc['kind']} != {odesc['kind']}")
                continue
            _compare_desc(sc, where, odesc, udesc)
    for modname in sorted(set(umods) - set(omods)):
        scores[area_of(modname)].extras.append(f"{modname}: module not in 2.38")
    return scores


def _ann(sc: Score, where: str, o: Any, u: Any) -> None:
    if render(o) == render(u):
        sc.check(True, "")
    elif covers(u, o):
        sc.check(True, "")
        sc.extras.append(f"{where}: wider than 2.38\n      ours {render(u)}\n      offi {render(o)}")
    else:
        sc.check(False, f"{where}: ann\n      ours {render(u)}\n      offi {render(o)}")


def _compare_desc(sc: Score, where: str, o: dict[str, Any], u: dict[str, Any]) -> None:
    kind = o["kind"]
    if kind == "model":
        if "error" in u:
            sc.check(False, f"{where}: {u['error']}")
            return
        of, uf = o["fields"], u["fields"]
        missing = sorted(set(of) - set(uf))
        extra = sorted(set(uf) - set(of))
        sc.check(not missing, f"{where}: fields missing {missing}")
        if extra:
            sc.extras.append(f"{where}: extra fields {extra}")
        for fname in sorted(set(of) & set(uf)):
            a, b = of[fname], uf[fname]
            sc.check(
                a["alias"] == b["alias"],
                f"{where}.{fname}: alias {b['alias']!r} != {a['alias']!r}",
            )
            sc.check(
                a["required"] == b["required"],
                f"{where}.{fname}: required {b['required']} != {a['required']}",
            )
            _ann(sc, f"{where}.{fname}", a["ann"], b["ann"])
    elif kind == "typeddict":
        okeys = set(o["required"]) | set(o["optional"])
        ukeys = set(u["required"]) | set(u["optional"])
        missing = sorted(okeys - ukeys)
        sc.check(not missing, f"{where}: keys missing {missing}")
        if ukeys - okeys:
            sc.extras.append(f"{where}: extra keys {sorted(ukeys - okeys)}")
        common = okeys & ukeys
        oreq = set(o["required"]) & common
        ureq = set(u["required"]) & common
        sc.check(
            oreq == ureq,
            f"{where}: required ours-only {sorted(ureq - oreq)} official-only {sorted(oreq - ureq)}",
        )
        for key in sorted(common):
            if key in o["ann"] and key in u["ann"]:
                _ann(sc, f"{where}[{key}]", o["ann"][key], u["ann"][key])
    elif kind == "alias":
        _ann(sc, f"{where}", o["ann"], u["ann"])


# --- driver --------------------------------------------------------------------


def _run_dump(python: str, out: Path, extra_path: str | None) -> None:
    env = dict(os.environ)
    if extra_path:
        env["PYTHONPATH"] = extra_path
    subprocess.run(
        [python, str(Path(__file__).resolve()), "--dump", str(out)],
        check=True,
        env=env,
        cwd=str(out.parent),
    )


def load_dumps(refresh_official: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    CACHE.mkdir(parents=True, exist_ok=True)
    off = CACHE / "official.json"
    if refresh_official or not off.exists():
        _run_dump(PEER_PYTHON, off, None)
    ours = CACHE / "ours.json"
    _run_dump(sys.executable, ours, str(ROOT / "src"))
    return json.loads(off.read_text()), json.loads(ours.read_text())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m codegen.check_official")
    ap.add_argument("--dump", help="(internal) write this interpreter's introspection to a file")
    ap.add_argument("--area", action="append", help="show every mismatch of these areas")
    ap.add_argument("--refresh", action="store_true", help="re-introspect the official package")
    ap.add_argument("--limit", type=int, default=5, help="mismatches shown per area")
    ap.add_argument("--extras", action="store_true", help="also list what ours has beyond 2.38")
    ap.add_argument(
        "--resources",
        action="store_true",
        help="compare the resource tree and method signatures instead of the types",
    )
    args = ap.parse_args(argv)
    if args.resources:
        from .check_resources import run

        return run(args.refresh, args.area, args.limit, args.extras)
    if args.dump:
        Path(args.dump).write_text(json.dumps(dump(), indent=1, sort_keys=True))
        return 0
    official, ours = load_dumps(args.refresh)
    scores = compare(official, ours, _area_function())
    total = Score()
    for area, sc in sorted(scores.items()):
        total.total += sc.total
        total.ok += sc.ok
        pct = 100.0 * sc.ok / sc.total if sc.total else 100.0
        print(f"{area:16} {sc.ok:6}/{sc.total:<6} {pct:6.1f}%   ({len(sc.extras)} extras from the newer spec)")
        if args.area and area not in args.area:
            continue
        shown = sc.mismatches if args.area else sc.mismatches[: args.limit]
        for m in shown:
            print("    " + m)
        if args.extras:
            for m in sc.extras:
                print("    + " + m)
    print(f"{'TOTAL':16} {total.ok:6}/{total.total:<6} {100.0 * total.ok / max(total.total, 1):6.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
