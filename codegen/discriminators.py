"""Deciding, after lowering, which unions pydantic can discriminate.

The lowering marks every model-side union whose spec variants carry a literal
tag (``type`` by default) as a candidate. Here each candidate is checked against
the classes its members turned into (which may live in other modules):

- every member a model class with a ``Literal`` tag field of one or more string
  values, all values unique across members, all required: ``Field(discriminator=...)``
  (pydantic maps each value of a multi-value literal to its member);
- single-value tags, some optional: a callable ``Discriminator`` with ``Tag``s,
  which assumes the optional member's tag when the input has none;
- otherwise (a non-object member, a shared tag value): a plain union, which
  pydantic resolves in smart mode.
"""

from __future__ import annotations

import dataclasses

from .ir import (
    NONE,
    AliasDef,
    Annotated,
    ClassDef,
    DictOf,
    ListOf,
    Lit,
    ModuleIR,
    Ref,
    TypeExpr,
    UnionOf,
)


class _Index:
    def __init__(self, modules: dict[str, ModuleIR]) -> None:
        self.modules = modules

    def definition(self, ref: Ref) -> object | None:
        mod = self.modules.get(ref.module)
        return mod.get(ref.name) if mod else None

    def tag(self, ref: Ref, prop: str) -> tuple[tuple[str, ...], bool] | None:
        """The tag values of a member (one or more strings) and whether it is required."""
        d = self.definition(ref)
        if not isinstance(d, ClassDef) or d.kind != "model":
            return None
        for f in d.fields:
            if f.api_name != prop:
                continue
            values = f.type.values if isinstance(f.type, Lit) else ()
            if values and all(isinstance(v, str) for v in values):
                return tuple(str(v) for v in values), f.required and not f.nullable
            return None
        for base in d.bases:
            # an inherited tag (a subclass made from ``allOf: [$ref Base, ...]``)
            found = self.tag(base, prop)
            if found is not None:
                return found
        return None

    def expand(self, member: TypeExpr, seen: tuple[Ref, ...] = ()) -> list[TypeExpr]:
        """Members of a union, with aliases of unions spliced in."""
        if isinstance(member, Ref) and member not in seen:
            d = self.definition(member)
            if isinstance(d, AliasDef) and isinstance(d.type, UnionOf):
                out: list[TypeExpr] = []
                for m in d.type.members:
                    out.extend(self.expand(m, seen + (member,)))
                return out
        return [member]


def resolve(modules: dict[str, ModuleIR]) -> None:
    index = _Index(modules)
    for mod in modules.values():
        for d in mod.definitions:
            if isinstance(d, ClassDef):
                for f in d.fields:
                    f.type = _walk(f.type, index)
            else:
                d.type = _walk(d.type, index)


def _walk(t: TypeExpr, index: _Index) -> TypeExpr:
    if isinstance(t, ListOf):
        return dataclasses.replace(t, item=_walk(t.item, index))
    if isinstance(t, DictOf):
        return dataclasses.replace(t, value=_walk(t.value, index))
    if isinstance(t, Annotated):
        return dataclasses.replace(t, inner=_walk(t.inner, index))
    if not isinstance(t, UnionOf):
        return t
    members = tuple(_walk(m, index) for m in t.members)
    if t.discriminator is None:
        return dataclasses.replace(t, members=members)
    return _decide(dataclasses.replace(t, members=members), index)


def _decide(t: UnionOf, index: _Index) -> UnionOf:
    prop = t.discriminator
    assert prop is not None
    flat: list[TypeExpr] = []
    for m in t.members:
        for x in index.expand(m):
            if x not in flat:
                flat.append(x)
    tags: list[str] = []
    optional: list[str] = []
    multi = False
    has_none = NONE in flat
    flat = [m for m in flat if m != NONE]
    for m in flat:
        if not isinstance(m, Ref):
            return UnionOf(t.members)
        info = index.tag(m, prop)
        if info is None:
            return UnionOf(t.members)
        values, required = info
        if any(v in tags for v in values) or len(set(values)) != len(values):
            return UnionOf(t.members)
        if not required:
            optional.append(values[0])
        multi = multi or len(values) > 1
        tags.extend(values)
    # pydantic accepts None among the members of a discriminated union
    tail = (NONE,) if has_none else ()
    if not optional:
        return UnionOf(tuple(flat) + tail, prop, "field")
    if multi:
        # a callable discriminator names each member by one tag
        return UnionOf(t.members)
    default = optional[0] if len(optional) == 1 else None
    return UnionOf(tuple(flat) + tail, prop, "callable", tuple(tags), default)
