"""Spec schemas -> IR definitions.

Each configured public type is lowered into its module. Walking its schema:

- a ``$ref`` (or an inline pointer) that the config maps to a public type of
  the same side (model or param) becomes a ``Ref`` to that type;
- any other object schema becomes a nested class in the same module, named by
  its path from the public type: ``choices[].delta`` -> ``ChoiceDelta`` (array
  items singular, PascalCase), union variants by their tag value
  (``type: "mcp"`` -> ``Mcp``); ``names`` overrides in the config win;
- a ``$ref`` to a non-public union becomes a module-level alias named by its
  path (``tool_choice`` -> ``ToolChoice``); inline unions stay inline;
- enums become ``Literal``, arrays ``List`` (``Iterable`` / ``SequenceNotStr``
  on the request side), maps ``Dict[str, T]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from . import naming
from .config import Config, ParamsEntry, TypeEntry
from .ir import (
    NONE,
    AliasDef,
    ClassDef,
    DictOf,
    FieldDef,
    ListOf,
    Lit,
    ModuleIR,
    Prim,
    Ref,
    ReExport,
    TypeExpr,
    UnionOf,
    optional,
)
from .schema import enum_values, is_null, merge_all_of, property_pointer, split_nullable, tag_value, union_key
from .spec import COMPONENT_PREFIX, Schema, Spec, SpecError

MODEL = "model"
PARAM = "param"


class LowerError(Exception):
    pass


@dataclass
class Ctx:
    """Where we are while walking one public type's schema."""

    module: ModuleIR
    side: str
    overrides: Dict[str, str]
    skip: Sequence[str]
    # components being inlined right now (cycle guard)
    stack: Tuple[str, ...] = ()
    # the config entry, for messages
    where: str = ""


@dataclass
class Lowered:
    modules: Dict[str, ModuleIR] = field(default_factory=dict)
    warnings: List[str] = field(default_factory=list)


def _ptr(pointer: str) -> str:
    return Spec.full_pointer(pointer)


class Lowerer:
    def __init__(self, spec: Spec, config: Config) -> None:
        self.spec = spec
        self.config = config
        self.warnings: List[str] = []
        # (full pointer, side) -> public refs backed by that schema
        self.registry: Dict[Tuple[str, str], List[Ref]] = {}
        for t in config.types:
            if t.schema and not t.alias_of:
                key = (_ptr(t.schema), t.side)
                self.registry.setdefault(key, []).append(Ref(t.module, t.name))
        self.modules: Dict[str, ModuleIR] = {}

    # --- entry points ----------------------------------------------------------

    def run(self) -> Lowered:
        for t in self.config.types:
            self.lower_type(t)
        for p in self.config.params:
            self.lower_params(p)
        return Lowered(modules=self.modules, warnings=self.warnings)

    def module(self, path: str) -> ModuleIR:
        mod = self.modules.get(path)
        if mod is None:
            mod = self.modules[path] = ModuleIR(path)
        return mod

    def lower_type(self, entry: TypeEntry) -> None:
        mod = self.module(entry.module)
        where = f"{entry.module}:{entry.name}"
        if entry.alias_of:
            target_mod, _, target_name = entry.alias_of.partition(":")
            mod.reexports.append(ReExport(entry.name, Ref(target_mod, target_name)))
            return
        if not entry.schema:
            self.warnings.append(f"{where}: no schema configured")
            mod.definitions.append(AliasDef(entry.name, Prim("object"), origin="unconfigured"))
            return
        ctx = Ctx(mod, entry.side, entry.names, entry.skip, where=where)
        pointer = _ptr(entry.schema)
        try:
            schema = self.spec.at(pointer)
        except SpecError as exc:
            self.warnings.append(f"{where}: {exc}")
            mod.definitions.append(AliasDef(entry.name, Prim("object"), origin="unresolved"))
            return
        comp = pointer[len(COMPONENT_PREFIX) :] if pointer.startswith(COMPONENT_PREFIX) and "/" not in pointer[len(COMPONENT_PREFIX) :] else None
        if comp:
            ctx.stack = (comp,)
        self.lower_root(schema, pointer, ctx, entry.name)

    def lower_root(self, schema: Schema, pointer: str, ctx: Ctx, name: str) -> None:
        """Lower a public type: a class named ``name`` or an alias named ``name``."""
        t = self.lower(schema, pointer, ctx, path=(), name=name, prefix="", root=True)
        if isinstance(t, UnionOf) and NONE in t.members:
            # a nullable use site of a public type: the type itself is not nullable
            rest = tuple(m for m in t.members if m != NONE)
            t = rest[0] if len(rest) == 1 else UnionOf(rest, t.discriminator)
        if isinstance(t, Ref) and t.module == ctx.module.path and t.name == name:
            return
        ctx.module.definitions.append(AliasDef(name, t, origin=pointer))

    # --- the walk --------------------------------------------------------------

    def lower(
        self,
        schema: Schema,
        pointer: str,
        ctx: Ctx,
        *,
        path: Tuple[str, ...],
        name: str,
        prefix: str,
        root: bool = False,
        from_ref: bool = False,
        variant: bool = False,
    ) -> TypeExpr:
        """The type of ``schema``. ``name`` is used for a definition created here,
        ``prefix`` for the names of definitions nested below."""
        if not isinstance(schema, dict):
            return Prim("object")
        if not root:
            public = self.public_ref(pointer, ctx)
            if public is not None:
                return public
        if "$ref" in schema:
            return self.lower_ref(schema, pointer, ctx, path=path, name=name, prefix=prefix, root=root, variant=variant)

        key = union_key(schema)
        original = schema
        schema, nullable = split_nullable(schema)
        if key and key not in schema and nullable:
            # ``anyOf: [X, null]`` collapsed to X: X has its own pointer
            kept = [i for i, v in enumerate(original[key]) if not is_null(v)]
            if len(kept) == 1:
                pointer = f"{pointer}/{key}/{kept[0]}"
                if not root:
                    public = self.public_ref(pointer, ctx)
                    if public is not None:
                        return optional(public)
        if "$ref" in schema:
            inner = self.lower_ref(schema, pointer, ctx, path=path, name=name, prefix=prefix, root=root, variant=variant)
            return optional(inner) if nullable else inner
        t = self.lower_shape(schema, pointer, ctx, path=path, name=name, prefix=prefix, root=root, from_ref=from_ref, variant=variant)
        return optional(t) if nullable else t

    def lower_ref(
        self,
        schema: Schema,
        pointer: str,
        ctx: Ctx,
        *,
        path: Tuple[str, ...],
        name: str,
        prefix: str,
        root: bool,
        variant: bool = False,
    ) -> TypeExpr:
        target_name = Spec.ref_name(schema)
        nullable = bool(schema.get("nullable"))
        if target_name is None:
            target = self.spec.at(schema["$ref"])
            t = self.lower(target, schema["$ref"], ctx, path=path, name=name, prefix=prefix, root=root)
            return optional(t) if nullable else t
        target_ptr = COMPONENT_PREFIX + target_name
        if not root:
            public = self.public_ref(target_ptr, ctx)
            if public is not None:
                # a public type drops the null of its schema (``Metadata`` is a
                # dict); the use site keeps it (``Optional[Metadata]``)
                _, target_nullable = split_nullable(self.spec.schemas[target_name])
                return optional(public) if nullable or target_nullable else public
        if target_name in ctx.stack:
            # a recursive schema that is not a public type: official clients type the
            # recursion point loosely too
            return Prim("object")
        inner_ctx = Ctx(ctx.module, ctx.side, ctx.overrides, ctx.skip, ctx.stack + (target_name,), ctx.where)
        t = self.lower(
            self.spec.schemas[target_name],
            target_ptr,
            inner_ctx,
            path=path,
            name=name,
            prefix=prefix,
            root=root,
            # a union behind a $ref gets a named alias, unless it is itself a
            # variant of a union (then its members are spliced into the outer one)
            from_ref=not variant,
        )
        return optional(t) if nullable else t

    def lower_shape(
        self,
        schema: Schema,
        pointer: str,
        ctx: Ctx,
        *,
        path: Tuple[str, ...],
        name: str,
        prefix: str,
        root: bool,
        from_ref: bool,
        variant: bool = False,
    ) -> TypeExpr:
        prop_pointers: Dict[str, str] = {}
        if "allOf" in schema:
            parts = schema["allOf"]
            # ``allOf: [$ref X, {nullable: true}]`` is a nullable X
            shaped = [i for i, p in enumerate(parts) if not _is_modifier(p)]
            nullable = any(isinstance(p, dict) and p.get("nullable") for p in parts)
            if len(shaped) == 1 and not schema.get("properties"):
                i = shaped[0]
                t = self.lower(parts[i], f"{pointer}/allOf/{i}", ctx, path=path, name=name, prefix=prefix, root=root, variant=variant)
                return optional(t) if nullable else t
            original = schema
            schema = merge_all_of(self.spec, schema)
            for prop in schema.get("properties") or {}:
                found = property_pointer(self.spec, original, pointer, prop)
                if found:
                    prop_pointers[prop] = found

        key = union_key(schema)
        if key and not schema.get("properties"):
            return self.lower_union(schema, key, pointer, ctx, path=path, name=name, prefix=prefix, root=root, from_ref=from_ref)

        values = enum_values(schema)
        if values is not None:
            if not values:
                return NONE
            return Lit(tuple(values))

        t = schema.get("type")
        if isinstance(t, list):
            members = tuple(self.lower_shape(dict(schema, type=x), pointer, ctx, path=path, name=name, prefix=prefix, root=False, from_ref=False) for x in t)
            return UnionOf(members)
        if t == "object" or "properties" in schema:
            return self.lower_object(schema, pointer, ctx, path=path, name=name, prefix=prefix, prop_pointers=prop_pointers)
        if t == "array":
            return self.lower_array(schema, pointer, ctx, path=path, name=name, prefix=prefix)
        if t == "string":
            if schema.get("format") == "binary" and ctx.side == PARAM:
                return Prim("FileTypes")
            return Prim("str")
        if t == "integer":
            return Prim("int")
        if t == "number":
            return Prim("float")
        if t == "boolean":
            return Prim("bool")
        if t == "null":
            return NONE
        return Prim("object")

    def lower_object(
        self,
        schema: Schema,
        pointer: str,
        ctx: Ctx,
        *,
        path: Tuple[str, ...],
        name: str,
        prefix: str,
        prop_pointers: Optional[Dict[str, str]] = None,
    ) -> TypeExpr:
        props: Dict[str, Any] = schema.get("properties") or {}
        extra = schema.get("additionalProperties")
        if not props:
            if isinstance(extra, dict) and extra:
                value = self.lower(extra, pointer + "/additionalProperties", ctx, path=path + ("*",), name=name, prefix=prefix)
                return DictOf(value)
            if extra is True or extra == {}:
                return DictOf(Prim("object"))
            # an object the spec leaves open
            return Prim("object")
        name = self.name_for(ctx, path, name)
        existing = ctx.module.get(name)
        if existing is not None:
            if existing.origin == pointer:
                return Ref(ctx.module.path, name)
            self.warnings.append(f"{ctx.where}: name {name} at {'.'.join(path) or '<root>'} already used by {existing.origin}")
        cls = ClassDef(name, "model" if ctx.side == MODEL else "typeddict", origin=pointer)
        ctx.module.definitions.append(cls)
        required = set(schema.get("required") or [])
        child_prefix = name if path else ""
        for api_name, prop in props.items():
            if isinstance(prop, dict) and prop.get("x-stainless-skip") is True:
                continue
            sub = path + (api_name,)
            if ".".join(sub) in ctx.skip:
                continue
            fschema = prop if isinstance(prop, dict) else {}
            target, _ = self.spec.deref(fschema) if "$ref" in fschema else (fschema, None)
            deprecated = bool(fschema.get("deprecated") or target.get("deprecated"))
            t = self.lower(
                fschema,
                (prop_pointers or {}).get(api_name) or f"{pointer}/properties/{_esc(api_name)}",
                ctx,
                path=sub,
                name=child_prefix + naming.pascal(api_name),
                prefix=child_prefix + naming.pascal(api_name),
            )
            nullable = False
            if isinstance(t, UnionOf) and NONE in t.members:
                nullable = True
                rest = tuple(m for m in t.members if m != NONE)
                t = rest[0] if len(rest) == 1 else UnionOf(rest, t.discriminator)
            cls.fields.append(
                FieldDef(
                    name=naming.field_name(api_name, model=ctx.side == MODEL),
                    api_name=api_name,
                    type=t,
                    required=api_name in required,
                    nullable=nullable,
                    deprecated=deprecated,
                )
            )
        cls.fields.sort(key=_field_order)
        return Ref(ctx.module.path, name)

    def lower_array(
        self, schema: Schema, pointer: str, ctx: Ctx, *, path: Tuple[str, ...], name: str, prefix: str
    ) -> TypeExpr:
        items = schema.get("items") or {}
        item_path = path
        if path:
            item_name = naming.singular(name)
        else:
            # a public type that is an array: its items are named ``<Name>Item``
            item_path = ("[]",)
            item_name = self.name_for(ctx, item_path, name + "Item")
        item = self.lower(items, pointer + "/items", ctx, path=item_path, name=item_name, prefix=item_name)
        if ctx.side == PARAM:
            if item == Prim("str"):
                return ListOf(item, "SequenceNotStr")
            if isinstance(item, Lit):
                return ListOf(item, "List")
            return ListOf(item, "Iterable")
        return ListOf(item, "List")

    def lower_union(
        self,
        schema: Schema,
        key: str,
        pointer: str,
        ctx: Ctx,
        *,
        path: Tuple[str, ...],
        name: str,
        prefix: str,
        root: bool,
        from_ref: bool,
    ) -> TypeExpr:
        variants: List[Any] = [v for v in schema[key] if not is_null(v)]
        disc_prop = (schema.get("discriminator") or {}).get("propertyName") or "type"
        alias_name = self.name_for(ctx, path, name)
        var_prefix = alias_name if path else ""
        members: List[TypeExpr] = []
        tags: List[Tuple[Optional[Any], bool]] = []
        has_disc = "discriminator" in schema
        for i, v in enumerate(variants):
            tag, tag_required = tag_value(self.spec, v, disc_prop) if isinstance(v, dict) else (None, False)
            tags.append((tag, tag_required))
            if isinstance(v, dict) and self._is_union(v, ctx.side):
                # a nested union: its members join this one, named as if they were ours
                vname, vpath = alias_name if path else "", path
            else:
                label = _variant_label(self.spec, v, tag, i, has_disc)
                vname, vpath = var_prefix + naming.pascal(label), path + (str(label),)
            m = self.lower(v, f"{pointer}/{key}/{i}", ctx, path=vpath, name=vname, prefix=vname, variant=True)
            if isinstance(m, UnionOf) and m.discriminator is None:
                members.extend(x for x in m.members if x not in members)
            elif m not in members:
                members.append(m)
        if len(members) == 1:
            return members[0]
        # a candidate only; ``discriminators.resolve`` decides once every class exists
        discriminator = disc_prop if ctx.side == MODEL and any(t is not None for t, _ in tags) else None
        union = UnionOf(tuple(members), discriminator)
        if from_ref and not root:
            existing = ctx.module.get(alias_name)
            if existing is None:
                ctx.module.definitions.append(AliasDef(alias_name, union, origin=pointer))
            return Ref(ctx.module.path, alias_name)
        return union

    # --- names and lookups -------------------------------------------------------

    def _is_union(self, schema: Schema, side: str) -> bool:
        ref = Spec.ref_name(schema)
        if ref is not None and self.registry.get((COMPONENT_PREFIX + ref, side)):
            return False
        target, _ = self.spec.deref(schema)
        target, _ = split_nullable(target)
        target, _ = self.spec.deref(target)
        return union_key(target) is not None and not target.get("properties")

    def name_for(self, ctx: Ctx, path: Tuple[str, ...], default: str) -> str:
        key = ".".join(path)
        return ctx.overrides.get(key, default)

    def public_ref(self, pointer: str, ctx: Ctx) -> Optional[Ref]:
        refs = self.registry.get((pointer, ctx.side))
        if not refs:
            return None
        if len(refs) > 1:
            # prefer a type in the same package, then the first configured
            pkg = ctx.module.path.rsplit(".", 1)[0]
            same = [r for r in refs if r.module.rsplit(".", 1)[0] == pkg]
            return (same or refs)[0]
        return refs[0]

    # --- operation params --------------------------------------------------------

    def lower_params(self, entry: ParamsEntry) -> None:
        from .operations import operation_params

        mod = self.module(entry.module)
        where = f"{entry.module}:{entry.name}"
        ctx = Ctx(mod, PARAM, entry.names, entry.skip, where=where)
        op = operation_params(self.spec, entry.operation)
        fields: List[FieldDef] = []
        cls = ClassDef(entry.name, "typeddict", origin=op.pointer)
        mod.definitions.append(cls)
        for p in op.params:
            if p.location == "path" or p.location == "header":
                continue
            if p.name in entry.skip:
                continue
            t = self.lower(
                p.schema,
                p.pointer,
                ctx,
                path=(p.name,),
                name=naming.pascal(p.name),
                prefix=naming.pascal(p.name),
            )
            nullable = False
            if isinstance(t, UnionOf) and NONE in t.members:
                nullable = True
                rest = tuple(m for m in t.members if m != NONE)
                t = rest[0] if len(rest) == 1 else UnionOf(rest, t.discriminator)
            fields.append(
                FieldDef(
                    name=p.name,
                    api_name=p.name,
                    type=t,
                    required=p.required,
                    nullable=nullable,
                    deprecated=p.deprecated,
                )
            )
        fields.sort(key=_field_order)
        stream = next((f for f in fields if f.api_name == "stream"), None)
        if stream is None or entry.options.get("streaming") is False:
            cls.fields = fields
            return
        # streaming operations: Base without ``stream``, and the two variants
        base = entry.name + "Base"
        cls.name = base
        cls.fields = [f for f in fields if f.api_name != "stream"]
        mod.definitions.append(
            ClassDef(
                entry.name + "NonStreaming",
                "typeddict",
                fields=[FieldDef("stream", "stream", Lit((False,)), required=False, nullable=True)],
                bases=[Ref(mod.path, base)],
                origin=op.pointer,
            )
        )
        mod.definitions.append(
            ClassDef(
                entry.name + "Streaming",
                "typeddict",
                fields=[FieldDef("stream", "stream", Lit((True,)), required=True)],
                bases=[Ref(mod.path, base)],
                total=True,
                origin=op.pointer,
            )
        )
        mod.definitions.append(
            AliasDef(
                entry.name,
                UnionOf((Ref(mod.path, entry.name + "NonStreaming"), Ref(mod.path, entry.name + "Streaming"))),
                origin=op.pointer,
            )
        )


_SHAPE_KEYS = ("$ref", "type", "properties", "items", "anyOf", "oneOf", "allOf", "enum", "const", "additionalProperties")


def _is_modifier(part: Any) -> bool:
    """An ``allOf`` part that only adds ``nullable``, a description and the like."""
    return isinstance(part, dict) and not any(k in part for k in _SHAPE_KEYS)


def _esc(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _field_order(f: FieldDef) -> Tuple[int, int, str]:
    # required first, ``id`` first within a group, then alphabetical
    return (0 if f.required else 1, 0 if f.api_name == "id" else 1, f.api_name)


def _variant_label(spec: Spec, variant: Any, tag: Optional[Any], index: int, has_discriminator: bool) -> str:
    """The name part of a union variant: the spec's variant name hint, else the
    tag value when the union declares a discriminator, else the schema's title,
    else the referenced component's name, else the tag, else the single
    property's name, else its position."""
    ref: Optional[str] = None
    target: Any = variant
    if isinstance(variant, dict):
        target, ref = spec.deref(variant)
        hint = variant.get("x-stainless-variantName") or target.get("x-stainless-variantName")
        if hint:
            return str(hint)
    if tag is not None and has_discriminator:
        return str(tag)
    if isinstance(target, dict) and isinstance(target.get("title"), str):
        return str(target["title"])
    if ref is not None:
        return ref
    if tag is not None:
        return str(tag)
    props = target.get("properties") if isinstance(target, dict) else None
    if isinstance(props, dict) and len(props) == 1:
        return str(next(iter(props)))
    return f"UnionMember{index}"


def lower_all(spec: Spec, config: Config) -> Lowered:
    return Lowerer(spec, config).run()
