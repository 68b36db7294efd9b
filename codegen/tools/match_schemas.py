"""Review aid for the config: does each configured schema fit the official type?

For every configured public type, compares what the official 2.38 type looks
like (from the checker's introspection dump: field names, literal tag values,
union members) with the configured schema, and where another spec schema fits
better, says so. Facts in, suggestions out; the config is edited by hand.

    python -m codegen.tools.match_schemas [--area chat] [--all]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..check_official import CACHE, Tree, tree_head, tree_inner, tree_items
from ..config import load
from ..jsonval import as_dict, get_dict, get_list, is_dict, is_list
from ..schema import enum_values, merge_all_of, split_nullable, union_key
from ..spec import Spec


def _esc(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _str_set() -> set[str]:
    return set()


def _tag_set() -> set[tuple[str, str]]:
    return set()


@dataclass
class Shape:
    """What a schema or an official type looks like, for matching."""

    props: set[str] = field(default_factory=_str_set)
    tags: set[tuple[str, str]] = field(default_factory=_tag_set)  # (prop, value) of single literals
    values: set[str] = field(default_factory=_str_set)  # enum values (for literal aliases)
    variant_tags: set[str] = field(default_factory=_str_set)  # tag values of union variants
    is_union: bool = False


def _resolve(spec: Spec, node: object) -> dict[str, Any]:
    target, _ = spec.deref(as_dict(node))
    target, _ = split_nullable(target)
    target, _ = spec.deref(target)
    if "allOf" in target:
        target = merge_all_of(spec, target)
    return target


def schema_shape(spec: Spec, node: object, depth: int = 0) -> Shape:
    schema = _resolve(spec, node)
    shape = Shape()
    key = union_key(schema)
    if key and not schema.get("properties"):
        shape.is_union = True
        for v in get_list(schema, key):
            sub = schema_shape(spec, v, depth + 1) if depth < 4 else Shape()
            shape.variant_tags |= sub.variant_tags
            shape.variant_tags |= {val for _, val in sub.tags}
            shape.values |= sub.values
        return shape
    vals = enum_values(schema)
    if vals is not None:
        shape.values = {str(v) for v in vals}
        return shape
    for name, prop in get_dict(schema, "properties").items():
        shape.props.add(name)
        pv = enum_values(_resolve(spec, prop))
        if pv is not None and len(pv) == 1:
            shape.tags.add((name, str(pv[0])))
    return shape


def _single_literal(t: Tree) -> str | None:
    if tree_head(t) == "Literal" and len(tree_items(t)) == 1:
        return str(tree_items(t)[0])
    return None


def official_shape(official: dict[str, Any], desc: dict[str, Any]) -> Shape:
    shape = Shape()
    if desc["kind"] == "model":
        for n, f in as_dict(desc["fields"]).items():
            info = as_dict(f)
            name = str(info.get("alias") or n)
            shape.props.add(name)
            value = _single_literal(_strip_none(info["ann"]))
            if value is not None:
                shape.tags.add((name, value))
    elif desc["kind"] == "typeddict":
        for name, hint in as_dict(desc["ann"]).items():
            shape.props.add(name)
            value = _single_literal(_strip_none(hint))
            if value is not None:
                shape.tags.add((name, value))
    elif desc["kind"] == "alias":
        t: Tree = desc["ann"]
        if tree_head(t) == "Annotated":
            t = tree_inner(t)
        members = tree_items(t) if tree_head(t) == "Union" else [t]
        for m in members:
            if tree_head(m) == "Literal":
                shape.values |= {str(v) for v in tree_items(m)}
            elif isinstance(m, str) and ":" in m:
                mod, _, name = m.partition(":")
                sub = get_dict(get_dict(official.get(mod), "names"), name)
                if sub:
                    shape.variant_tags |= {v for _, v in official_shape(official, sub).tags}
        shape.is_union = len(members) > 1
    return shape


def _strip_none(t: Tree) -> Tree:
    if tree_head(t) == "Union":
        rest = [m for m in tree_items(t) if m != "None"]
        return rest[0] if len(rest) == 1 else ["Union", rest]
    return t


def score(want: Shape, have: Shape) -> float:
    if want.props or have.props:
        inter = len(want.props & have.props)
        s = inter / (len(want.props) + 0.25 * len(have.props - want.props)) if want.props else 0.0
        # a tag that disagrees is a strong sign of the wrong schema
        for prop, value in want.tags:
            other = {v for p, v in have.tags if p == prop}
            if other and value not in other:
                s -= 0.5
            elif value in other:
                s += 0.05
        return s
    a = want.values | want.variant_tags
    b = have.values | have.variant_tags
    if not a and not b:
        return 1.0
    return len(a & b) / (len(a) + 0.25 * len(b - a)) if a else 0.0


def candidates(spec: Spec) -> Iterator[tuple[str, dict[str, Any]]]:
    def walk(node: object, ptr: str, depth: int) -> Iterator[tuple[str, dict[str, Any]]]:
        if depth > 14:
            return
        if is_list(node):
            for i, v in enumerate(node):
                yield from walk(v, f"{ptr}/{i}", depth + 1)
            return
        if not is_dict(node):
            return
        if any(k in node for k in ("properties", "allOf", "anyOf", "oneOf", "enum")):
            yield ptr, node
        for k, v in node.items():
            if k in (
                "example",
                "examples",
                "x-oaiMeta",
                "enum",
                "default",
                "description",
            ):
                continue
            yield from walk(v, f"{ptr}/{_esc(k)}", depth + 1)

    for name, schema in spec.schemas.items():
        yield from walk(schema, name, 0)
    for url, item in get_dict(spec.data, "paths").items():
        yield from walk(item, f"#/paths/{_esc(url)}", 0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--area", action="append")
    ap.add_argument("--all", action="store_true", help="also list good fits")
    ap.add_argument("--margin", type=float, default=0.05)
    args = ap.parse_args(argv)
    official = json.loads((CACHE / "official.json").read_text())["modules"]
    spec = Spec.load()
    cfg = load()
    cands = [(ptr, schema_shape(spec, node)) for ptr, node in candidates(spec)]
    for t in cfg.types:
        if args.area and t.area not in args.area:
            continue
        if t.alias_of:
            continue
        desc = get_dict(get_dict(official.get(t.module), "names"), t.name)
        if not desc:
            continue
        want = official_shape(official, desc)
        have_score = -1.0
        if t.schema:
            try:
                have_score = score(want, schema_shape(spec, spec.at(t.schema)))
            except Exception:  # noqa: BLE001 - a broken pointer is a finding
                have_score = -1.0
        ranked = sorted(((score(want, s), p) for p, s in cands), reverse=True)[:4]
        if not args.all and ranked and ranked[0][0] <= have_score + args.margin:
            continue
        print(f"{t.area}: {t.module}:{t.name} [{desc['kind']}] configured {t.schema!r} score {have_score:.2f}")
        for s, p in ranked:
            print(f"    {s:.2f} {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
