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

from ..check_official import CACHE
from ..config import load
from ..schema import enum_values, merge_all_of, split_nullable, union_key
from ..spec import Spec


def _esc(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@dataclass
class Shape:
    """What a schema or an official type looks like, for matching."""

    props: set[str] = field(default_factory=set)
    tags: set[tuple[str, str]] = field(
        default_factory=set
    )  # (prop, value) of single literals
    values: set[str] = field(default_factory=set)  # enum values (for literal aliases)
    variant_tags: set[str] = field(default_factory=set)  # tag values of union variants
    is_union: bool = False


def _resolve(spec: Spec, node: Any) -> Any:
    node, _ = spec.deref(node)
    if isinstance(node, dict):
        node, _ = split_nullable(node)
        node, _ = spec.deref(node)
        if "allOf" in node:
            node = merge_all_of(spec, node)
    return node


def schema_shape(spec: Spec, node: Any, depth: int = 0) -> Shape:
    node = _resolve(spec, node)
    shape = Shape()
    if not isinstance(node, dict):
        return shape
    key = union_key(node)
    if key and not node.get("properties"):
        shape.is_union = True
        for v in node[key]:
            sub = schema_shape(spec, v, depth + 1) if depth < 4 else Shape()
            if sub.is_union:
                shape.variant_tags |= sub.variant_tags
                shape.values |= sub.values
            shape.variant_tags |= {val for _, val in sub.tags}
            shape.values |= sub.values
        return shape
    vals = enum_values(node)
    if vals is not None:
        shape.values = {str(v) for v in vals}
        return shape
    for name, prop in (node.get("properties") or {}).items():
        shape.props.add(name)
        p = _resolve(spec, prop)
        if isinstance(p, dict):
            pv = enum_values(p)
            if pv is not None and len(pv) == 1:
                shape.tags.add((name, str(pv[0])))
    return shape


def official_shape(official: dict[str, Any], desc: dict[str, Any]) -> Shape:
    shape = Shape()
    if desc["kind"] == "model":
        for n, f in desc["fields"].items():
            name = f["alias"] or n
            shape.props.add(name)
            t = _strip_none(f["ann"])
            if isinstance(t, list) and t[0] == "Literal" and len(t[1]) == 1:
                shape.tags.add((name, str(t[1][0])))
    elif desc["kind"] == "typeddict":
        for name, t in desc["ann"].items():
            shape.props.add(name)
            t = _strip_none(t)
            if isinstance(t, list) and t[0] == "Literal" and len(t[1]) == 1:
                shape.tags.add((name, str(t[1][0])))
    elif desc["kind"] == "alias":
        t = desc["ann"]
        if isinstance(t, list) and t[0] == "Annotated":
            t = t[1]
        members = t[1] if isinstance(t, list) and t[0] == "Union" else [t]
        for m in members:
            if isinstance(m, list) and m[0] == "Literal":
                shape.values |= {str(v) for v in m[1]}
            elif isinstance(m, str) and ":" in m:
                mod, _, name = m.partition(":")
                sub = official.get(mod, {}).get("names", {}).get(name)
                if sub:
                    s = official_shape(official, sub)
                    shape.variant_tags |= {v for _, v in s.tags}
        shape.is_union = len(members) > 1
    return shape


def _strip_none(t: Any) -> Any:
    if isinstance(t, list) and t[0] == "Union":
        rest = [m for m in t[1] if m != "None"]
        return rest[0] if len(rest) == 1 else ["Union", rest]
    return t


def score(want: Shape, have: Shape) -> float:
    if want.props or have.props:
        inter = len(want.props & have.props)
        s = (
            inter / (len(want.props) + 0.25 * len(have.props - want.props))
            if want.props
            else 0.0
        )
        # a tag that disagrees is a strong sign of the wrong schema
        for prop, value in want.tags:
            other = {v for p, v in have.tags if p == prop}
            if other and value not in other:
                s -= 0.5
            elif value in other:
                s += 0.05
        return s
    if want.values or have.values or want.variant_tags or have.variant_tags:
        a = want.values | want.variant_tags
        b = have.values | have.variant_tags
        if not a and not b:
            return 1.0
        return len(a & b) / (len(a) + 0.25 * len(b - a)) if a else 0.0
    return 1.0


def candidates(spec: Spec) -> Iterator[tuple[str, Any]]:
    def walk(node: Any, ptr: str, depth: int) -> Iterator[tuple[str, Any]]:
        if depth > 14 or not isinstance(node, (dict, list)):
            return
        if isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, f"{ptr}/{i}", depth + 1)
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
    for url, item in spec.data["paths"].items():
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
        desc = official.get(t.module, {}).get("names", {}).get(t.name)
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
        print(
            f"{t.area}: {t.module}:{t.name} [{desc['kind']}] configured {t.schema!r} score {have_score:.2f}"
        )
        for s, p in ranked:
            print(f"    {s:.2f} {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
