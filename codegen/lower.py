"""Spec schemas -> IR definitions.

Each configured public type is lowered into its module. Walking its schema:

- a ``$ref`` (or an inline pointer) that the config maps to a public type of
  the same side (model or param) becomes a ``Ref`` to that type;
- any other object schema becomes a nested class in the same module, named by
  its path from the public type: ``choices[].delta`` -> ``ChoiceDelta`` (array
  items singular, PascalCase); union variants are named by their tag value, or
  title, or component name (see ``_variant_label``); ``names`` overrides in the
  config win;
- a union with a class among its members gets a module-level alias named by
  its path (``tool_choice`` -> ``ToolChoice``); unions of primitives stay inline;
- enums become ``Literal``, arrays ``List`` (``Iterable`` / ``SequenceNotStr``
  on the request side), maps ``Dict[str, T]``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    ReExport,
    Ref,
    TypeExpr,
    UnionOf,
    optional,
)
from .jsonval import (
    as_dict,
    empty_str_dict,
    empty_str_list,
    get_dict,
    get_list,
    get_str,
    is_dict,
    is_list,
)
from .paths import SRC
from .schema import (
    enum_values,
    is_null,
    merge_all_of,
    property_pointer,
    resolved_object,
    split_nullable,
    tag_value,
    union_key,
)
from .spec import COMPONENT_PREFIX, Schema, Spec, SpecError

MODEL = "model"
PARAM = "param"


@dataclass
class Ctx:
    """Which public type's schema we are walking, and its config."""

    module: ModuleIR
    side: str
    overrides: dict[str, str]
    skip: Sequence[str]
    inline: Sequence[str] = ()
    refs: dict[str, str] = field(default_factory=empty_str_dict)
    # path of a model field -> the Python name to give it
    renames: dict[str, str] = field(default_factory=empty_str_dict)
    # paths of fields kept optional although the spec requires them
    optional: Sequence[str] = ()
    # components being inlined right now (cycle guard)
    stack: tuple[str, ...] = ()
    where: str = ""


@dataclass(frozen=True)
class Site:
    """Where a schema is used, inside the public type being lowered."""

    path: tuple[str, ...]  # property names / variant labels from the public type
    name: str  # the name a definition created here gets
    root: bool = False  # the public type itself
    variant: bool = False  # a member of a union (its union members get spliced)
    nullable: bool = False  # the use site admits null
    item: bool = False  # the items of an array (config ``refs`` keys end in ``[]``)

    def key(self) -> str:
        return ".".join(self.path)


def _module_map() -> dict[str, ModuleIR]:
    return {}


@dataclass
class Lowered:
    modules: dict[str, ModuleIR] = field(default_factory=_module_map)
    warnings: list[str] = field(default_factory=empty_str_list)


def _ptr(pointer: str) -> str:
    return Spec.full_pointer(pointer)


def _strip_none(t: TypeExpr) -> tuple[TypeExpr, bool]:
    if isinstance(t, UnionOf) and NONE in t.members:
        rest = tuple(m for m in t.members if m != NONE)
        return (rest[0] if len(rest) == 1 else dataclasses.replace(t, members=rest)), True
    return t, t == NONE


class Lowerer:
    def __init__(self, spec: Spec, config: Config) -> None:
        self.spec = spec
        self.config = config
        self.warnings: list[str] = []
        # (full pointer, side) -> public types backed by that schema
        self.registry: dict[tuple[str, str], list[TypeEntry]] = {}
        for t in config.types:
            if t.schema and not t.alias_of and not t.options.get("private"):
                key = (_ptr(t.schema), t.side)
                self.registry.setdefault(key, []).append(t)
        self.modules: dict[str, ModuleIR] = {}
        self.entries = {(t.module, t.name): t for t in config.types}

    # --- entry points ----------------------------------------------------------

    def run(self) -> Lowered:
        for t in self.config.types:
            self.lower_type(t)
        for p in self.config.params:
            self.lower_params(p)
        for imp in self.config.imports:
            mod = self.modules.get(imp.module)
            if mod is None:
                self.warnings.append(f"imports: {imp.module} is not a generated module")
                continue
            mod.exposed.append(ReExport(imp.alias, Ref(imp.source, imp.name)))
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
        union_of = entry.options.get("union_of")
        if union_of:
            # a union the spec does not name (webhook events): members from config
            members = tuple(Ref(f"openai.types.{m.partition(':')[0]}", m.partition(":")[2]) for m in union_of)
            mod.definitions.append(AliasDef(entry.name, UnionOf(members, "type"), origin="config"))
            return
        if not entry.schema:
            self.warnings.append(f"{where}: no schema configured")
            mod.definitions.append(AliasDef(entry.name, Prim("object"), origin="unconfigured"))
            return
        pointer = _ptr(entry.schema)
        try:
            schema = self.spec.at(pointer)
        except SpecError as exc:
            self.warnings.append(f"{where}: {exc}")
            mod.definitions.append(AliasDef(entry.name, Prim("object"), origin="unresolved"))
            return
        ctx = Ctx(
            mod,
            entry.side,
            entry.names,
            entry.skip,
            inline=list(entry.options.get("inline") or []),
            refs=dict(entry.options.get("refs") or {}),
            renames=dict(entry.options.get("rename") or {}),
            optional=list(entry.options.get("optional") or []),
            where=where,
        )
        rest = pointer[len(COMPONENT_PREFIX) :]
        if pointer.startswith(COMPONENT_PREFIX) and "/" not in rest:
            ctx.stack = (rest,)
        t = self.lower(schema, pointer, ctx, Site((), entry.name, root=True))
        # a public object type drops the null of its schema (``Metadata`` is a
        # dict, its use sites say ``Optional[Metadata]``); an enum or union alias
        # keeps it (``ReasoningEffort = Optional[Literal[...]]``)
        stripped, _ = _strip_none(t)
        if isinstance(stripped, (Ref, DictOf)):
            t = stripped
        for lazy in entry.options.get("lazy") or []:
            module, _, name = str(lazy).partition(":")
            mod.lazy.add((f"openai.types.{module}", name))
        if isinstance(t, Ref) and t.module == mod.path and t.name == entry.name:
            self._add_mixin(mod, entry)
            return
        mod.definitions.append(AliasDef(entry.name, t, origin=pointer))

    def _add_mixin(self, mod: ModuleIR, entry: TypeEntry) -> None:
        """``mixin: '<module>:<Class>'``: a handwritten class the model inherits
        first (helper properties such as ``Response.output_text``), once its
        module exists under ``src/``."""
        ref = entry.options.get("mixin")
        if not isinstance(ref, str):
            return
        module, _, name = ref.partition(":")
        base = SRC / Path(*module.split("."))
        if not (base.with_suffix(".py").exists() or (base / "__init__.py").exists()):
            self.warnings.append(f"{entry.module}:{entry.name}: mixin {ref} not found, left out")
            return
        cls = mod.get(entry.name)
        if isinstance(cls, ClassDef):
            cls.mixins.append(Ref(module, name))

    # --- the walk --------------------------------------------------------------

    def lower(self, raw: object, pointer: str, ctx: Ctx, site: Site) -> TypeExpr:
        """The type of schema ``raw`` used at ``site``."""
        if not is_dict(raw):
            return Prim("object")
        schema: Schema = raw
        forced = self.forced_ref(ctx, site)
        if forced is not None:
            return optional(forced) if site.nullable or split_nullable(schema)[1] else forced
        if not site.root:
            public = self.public_ref(pointer, ctx, site)
            if public is not None:
                nullable = site.nullable or split_nullable(schema)[1]
                return optional(public) if nullable else public
        if "$ref" in schema:
            return self.lower_ref(schema, ctx, site)

        key = union_key(schema)
        original = schema
        schema, nullable = split_nullable(schema)
        if nullable:
            site = dataclasses.replace(site, nullable=True)
        if key and key not in schema and nullable:
            # ``anyOf: [X, null]`` collapsed to X: X has its own pointer
            kept = [i for i, v in enumerate(get_list(original, key)) if not is_null(v)]
            if len(kept) == 1:
                pointer = f"{pointer}/{key}/{kept[0]}"
                if not site.root:
                    public = self.public_ref(pointer, ctx, site)
                    if public is not None:
                        return optional(public)
        if "$ref" in schema:
            return self.lower_ref(schema, ctx, site)
        t = self.lower_shape(schema, pointer, ctx, site)
        return optional(t) if site.nullable else t

    def lower_ref(self, schema: Schema, ctx: Ctx, site: Site) -> TypeExpr:
        if schema.get("nullable"):
            site = dataclasses.replace(site, nullable=True)
        target_name = Spec.ref_name(schema)
        if target_name is None:
            return self.lower(self.spec.at(schema["$ref"]), schema["$ref"], ctx, site)
        target_ptr = COMPONENT_PREFIX + target_name
        target = self.spec.schemas[target_name]
        if not site.root:
            public = self.public_ref(target_ptr, ctx, site)
            if public is not None:
                nullable = site.nullable or split_nullable(target)[1]
                return optional(public) if nullable else public
        if target_name in ctx.stack:
            # a recursive schema that is not a public type: typed loosely at the
            # recursion point, as the official client does
            return optional(Prim("object")) if site.nullable else Prim("object")
        inner = dataclasses.replace(ctx, stack=ctx.stack + (target_name,))
        return self.lower(target, target_ptr, inner, site)

    def lower_shape(self, schema: Schema, pointer: str, ctx: Ctx, site: Site) -> TypeExpr:
        """A schema that is not a ``$ref`` and not nullable any more."""
        prop_pointers: dict[str, str] = {}
        if "allOf" in schema:
            parts = get_list(schema, "allOf")
            # ``allOf: [$ref X, {nullable: true}]`` is a nullable X
            shaped = [i for i, p in enumerate(parts) if not _is_modifier(p)]
            if any(as_dict(p).get("nullable") for p in parts):
                site = dataclasses.replace(site, nullable=True)
            if len(shaped) == 1 and not schema.get("properties"):
                i = shaped[0]
                part = self.lower(parts[i], f"{pointer}/allOf/{i}", ctx, site)
                return optional(part) if site.nullable else part
            original = schema
            base = self._public_base(parts, ctx, site)
            if base is not None:
                # ``allOf: [$ref Public, {more properties}]``: a subclass of Public
                rest = {k: v for k, v in schema.items() if k != "allOf"}
                rest["allOf"] = parts[1:]
                schema = merge_all_of(self.spec, rest)
            else:
                schema = merge_all_of(self.spec, schema)
            for prop in get_dict(schema, "properties"):
                found = property_pointer(self.spec, original, pointer, prop)
                if found:
                    prop_pointers[prop] = found
            if base is not None:
                schema = dict(schema, type="object")
                return self.lower_object(schema, pointer, ctx, site, prop_pointers, base=base)

        key = union_key(schema)
        if key and not schema.get("properties"):
            return self.lower_union(schema, key, pointer, ctx, site)

        values = enum_values(schema)
        if values is not None:
            return Lit(tuple(values)) if values else NONE

        t: object = schema.get("type")
        if is_list(t):
            plain = dataclasses.replace(site, root=False)
            return UnionOf(tuple(self.lower_shape(dict(schema, type=x), pointer, ctx, plain) for x in t))
        if t == "object" or "properties" in schema:
            return self.lower_object(schema, pointer, ctx, site, prop_pointers)
        if t == "array":
            return self.lower_array(schema, pointer, ctx, site)
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
        site: Site,
        prop_pointers: dict[str, str],
        base: Ref | None = None,
    ) -> TypeExpr:
        props = get_dict(schema, "properties")
        extra = schema.get("additionalProperties")
        if not props and base is None:
            if is_dict(extra) and extra:
                value_site = Site(site.path + ("*",), site.name)
                return DictOf(self.lower(extra, pointer + "/additionalProperties", ctx, value_site))
            if extra is True or extra == {}:
                return DictOf(Prim("object"))
            # an object the spec leaves open
            return Prim("object")
        name = self.name_for(ctx, site)
        existing = ctx.module.get(name)
        if existing is not None:
            if existing.origin == pointer:
                return Ref(ctx.module.path, name)
            self.warnings.append(
                f"{ctx.where}: name {name} at {site.key() or '<root>'} already used by {existing.origin}"
            )
        cls = ClassDef(
            name,
            "model" if ctx.side == MODEL else "typeddict",
            bases=[base] if base is not None else [],
            origin=pointer,
        )
        ctx.module.definitions.append(cls)
        required = set(schema.get("required") or [])
        child_prefix = name if site.path else ""
        for api_name, prop in props.items():
            if as_dict(prop).get("x-stainless-skip") is True:
                continue
            sub = site.path + (api_name,)
            if ".".join(sub) in ctx.skip:
                continue
            fschema = as_dict(prop)
            target, _ = self.spec.deref(fschema) if "$ref" in fschema else (fschema, None)
            t = self.lower(
                fschema,
                prop_pointers.get(api_name) or f"{pointer}/properties/{_esc(api_name)}",
                ctx,
                Site(sub, child_prefix + naming.pascal(api_name)),
            )
            t, nullable = _strip_none(t)
            cls.fields.append(
                FieldDef(
                    name=ctx.renames.get(".".join(sub)) or naming.field_name(api_name, model=ctx.side == MODEL),
                    api_name=api_name,
                    type=t,
                    required=api_name in required and ".".join(sub) not in ctx.optional,
                    nullable=nullable,
                    deprecated=bool(fschema.get("deprecated") or target.get("deprecated")),
                )
            )
        cls.fields.sort(key=_field_order)
        return Ref(ctx.module.path, name)

    def lower_array(self, schema: Schema, pointer: str, ctx: Ctx, site: Site) -> TypeExpr:
        items = get_dict(schema, "items")
        if site.path:
            item_site = Site(site.path, naming.singular(site.name), item=True)
        else:
            copied = self._copy_public_item(items, pointer + "/items", ctx)
            if copied is not None:
                return ListOf(copied, "List")
            # a public type that is an array: its items are named ``<Name>Item``
            item_site = Site(("[]",), site.name + "Item")
        item = self.lower(items, pointer + "/items", ctx, item_site)
        if ctx.side == PARAM and site.path:
            if _str_like(item):
                # a ``str`` is a sequence of ``str``: keep bare strings out
                return ListOf(item, "SequenceNotStr")
            if isinstance(item, Lit) or self._shared_enum(item):
                return ListOf(item, "List")
            return ListOf(item, "Iterable")
        return ListOf(item, "List")

    def lower_union(self, schema: Schema, key: str, pointer: str, ctx: Ctx, site: Site) -> TypeExpr:
        variants = [as_dict(v) for v in get_list(schema, key) if not is_null(v)]
        disc_prop = get_str(get_dict(schema, "discriminator"), "propertyName") or "type"
        has_disc = "discriminator" in schema
        alias_name = self.name_for(ctx, site)
        var_prefix = alias_name if site.path else ""
        members: list[TypeExpr] = []
        tagged = False
        for i, v in enumerate(variants):
            tag = tag_value(self.spec, v, disc_prop)[0]
            tagged = tagged or tag is not None
            if self._is_union(v, ctx.side):
                # a nested union: its members join this one, named as if they were ours
                vsite = Site(site.path, var_prefix, variant=True)
            else:
                label = str(_variant_label(self.spec, v, tag, i, has_disc))
                vname = self.name_for(ctx, Site(site.path + (label,), var_prefix + naming.pascal(label)))
                vsite = Site(site.path + (label,), vname, variant=True)
            m = self.lower(v, f"{pointer}/{key}/{i}", ctx, vsite)
            if isinstance(m, UnionOf):
                members.extend(x for x in m.members if x not in members)
            elif m not in members:
                members.append(m)
        if len(members) == 1:
            return members[0]
        # a candidate only; ``discriminators.resolve`` decides once every class exists
        discriminator = disc_prop if ctx.side == MODEL and has_disc and tagged else None
        union = UnionOf(tuple(members), discriminator)
        if site.root or site.variant or not any(self._is_class(m, ctx) for m in members):
            return union
        # a union of classes gets a name in the module; a nullable use keeps its
        # None inside (``Filters = Union[ComparisonFilter, CompoundFilter, None]``)
        if site.nullable and ctx.side == MODEL:
            union = dataclasses.replace(union, members=union.members + (NONE,))
        if ctx.module.get(alias_name) is None:
            ctx.module.definitions.append(AliasDef(alias_name, union, origin=pointer))
        return Ref(ctx.module.path, alias_name)

    # --- names and lookups -------------------------------------------------------

    def _copy_public_item(self, items: Schema, pointer: str, ctx: Ctx) -> Ref | None:
        """Items of a request-side public list type (``ResponseInputParam``) that
        are themselves a public type: the official client writes a copy of that
        type into the list's module, under the same name, rather than importing it."""
        if ctx.side != PARAM:
            return None
        ref = Spec.ref_name(items)
        target_ptr = COMPONENT_PREFIX + ref if ref else pointer
        entries = [e for e in self.registry.get((target_ptr, PARAM), []) if _in_scope(e, ctx.module.path)]
        if not entries:
            return None
        entry = entries[0]
        name = entry.name
        target, _ = self.spec.deref(items)
        # the copy follows the copied type's own config (names, refs, inline)
        inner = Ctx(
            ctx.module,
            ctx.side,
            entry.names,
            entry.skip,
            inline=list(entry.options.get("inline") or []),
            refs=dict(entry.options.get("refs") or {}),
            renames=dict(entry.options.get("rename") or {}),
            stack=ctx.stack + ((ref,) if ref else ()),
            where=ctx.where,
        )
        t = self.lower(target, target_ptr, inner, Site((), name, root=True))
        t, _ = _strip_none(t)
        if not (isinstance(t, Ref) and t.module == ctx.module.path and t.name == name):
            ctx.module.definitions.append(AliasDef(name, t, origin=target_ptr))
        return Ref(ctx.module.path, name)

    def _public_base(self, parts: list[Any], ctx: Ctx, site: Site) -> Ref | None:
        """The public class an ``allOf`` extends (its first part), if any."""
        if len(parts) < 2:
            return None
        first = Spec.ref_name(parts[0])
        if first is None:
            return None
        ref = self.public_ref(COMPONENT_PREFIX + first, ctx, dataclasses.replace(site, root=False))
        if ref is None or not self._is_class(ref, ctx):
            return None
        return ref

    def _is_class(self, t: TypeExpr, ctx: Ctx) -> bool:
        """Whether ``t`` names a class (local, or a public type with an object schema)."""
        if not isinstance(t, Ref):
            return False
        if t.module == ctx.module.path:
            return isinstance(ctx.module.get(t.name), ClassDef)
        entry = self.entries.get((t.module, t.name))
        if entry is None or not entry.schema:
            return False
        try:
            obj = resolved_object(self.spec, as_dict(self.spec.at(entry.schema)))
        except SpecError:
            return False
        return "properties" in obj

    def _is_union(self, schema: Schema, side: str) -> bool:
        ref = Spec.ref_name(schema)
        if ref is not None and self.registry.get((COMPONENT_PREFIX + ref, side)):
            return False
        target, _ = self.spec.deref(schema)
        target, _ = split_nullable(target)
        target, _ = self.spec.deref(target)
        return union_key(target) is not None and not target.get("properties")

    def _shared_enum(self, t: TypeExpr) -> bool:
        """A model-side enum alias used on the param side (see ``public_ref``)."""
        if not isinstance(t, Ref):
            return False
        entry = self.entries.get((t.module, t.name))
        return entry is not None and entry.side == MODEL

    def _side_neutral(self, raw: object, depth: int = 0) -> bool:
        """Whether a schema lowers to the same type on the model and the param
        side: an enum, a primitive, or a union of those (no object, no array)."""
        if not is_dict(raw) or depth > 8:
            return False
        schema, _ = split_nullable(self.spec.deref(raw)[0])
        schema, _ = self.spec.deref(schema)
        if enum_values(schema) is not None:
            return True
        key = union_key(schema)
        if key and not schema.get("properties"):
            variants = [v for v in get_list(schema, key) if not is_null(v)]
            return bool(variants) and all(self._side_neutral(v, depth + 1) for v in variants)
        return schema.get("type") in ("string", "integer", "number", "boolean") and "format" not in schema

    def name_for(self, ctx: Ctx, site: Site) -> str:
        return ctx.overrides.get(site.key(), site.name)

    def forced_ref(self, ctx: Ctx, site: Site) -> Ref | None:
        key = site.key() + ("[]" if site.item else "")
        target = ctx.refs.get(key) if site.path else None
        if not target:
            return None
        mod, _, name = target.partition(":")
        return Ref(f"openai.types.{mod}", name)

    def public_ref(self, pointer: str, ctx: Ctx, site: Site) -> Ref | None:
        if site.key() in ctx.inline:
            return None
        entries = self.registry.get((pointer, ctx.side))
        if not entries and ctx.side == PARAM:
            # an enum (or a union of enums and primitives) is the same type on
            # both sides, so 2.38 defines it once, on the model side, and the
            # params modules import it: ``response_create_params.ResponseIncludable``
            # is importable because of that, and libraries import it from there
            entries = self.registry.get((pointer, MODEL))
            if entries and not self._side_neutral(self.spec.at(pointer)):
                entries = None
        if not entries:
            return None
        here = ctx.module.path
        usable = [e for e in entries if _in_scope(e, here)]
        if not usable:
            return None
        if len(usable) > 1:
            # prefer a type in the same package, then one marked primary, then
            # the first configured
            pkg = here.rsplit(".", 1)[0]
            same = [e for e in usable if e.module.rsplit(".", 1)[0] == pkg]
            usable = same or usable
            primary = [e for e in usable if e.options.get("primary")]
            usable = primary or usable
        return Ref(usable[0].module, usable[0].name)

    # --- operation params --------------------------------------------------------

    def lower_params(self, entry: ParamsEntry) -> None:
        from .operations import operation_params

        mod = self.module(entry.module)
        where = f"{entry.module}:{entry.name}"
        ctx = Ctx(
            mod,
            PARAM,
            entry.names,
            entry.skip,
            inline=list(entry.options.get("inline") or []),
            refs=dict(entry.options.get("refs") or {}),
            renames=dict(entry.options.get("rename") or {}),
            where=where,
        )
        op = operation_params(self.spec, entry.operation)
        fields: list[FieldDef] = []
        cls = ClassDef(entry.name, "typeddict", origin=op.pointer)
        mod.definitions.append(cls)
        # path parameters before the last one are keyword arguments of the
        # method, and keys of its params TypedDict
        path = sorted(
            (p for p in op.params if p.location == "path"),
            key=lambda p: op.url.find("{" + p.api_name + "}"),
        )
        leading = {p.name for p in path[:-1]}
        for p in op.params:
            if p.location == "header" or p.name in entry.skip:
                continue
            if p.location == "path" and p.name not in leading:
                continue
            t = self.lower(p.schema, p.pointer, ctx, Site((p.name,), naming.pascal(p.name)))
            t, nullable = _strip_none(t)
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
        base_ref = Ref(mod.path, base)
        mod.definitions.append(
            ClassDef(
                entry.name + "NonStreaming",
                "typeddict",
                fields=[FieldDef("stream", "stream", Lit((False,)), required=False, nullable=True)],
                bases=[base_ref],
                origin=op.pointer,
            )
        )
        mod.definitions.append(
            ClassDef(
                entry.name + "Streaming",
                "typeddict",
                fields=[FieldDef("stream", "stream", Lit((True,)), required=True)],
                bases=[base_ref],
                total=True,
                origin=op.pointer,
            )
        )
        variants = (
            Ref(mod.path, entry.name + "NonStreaming"),
            Ref(mod.path, entry.name + "Streaming"),
        )
        mod.definitions.append(AliasDef(entry.name, UnionOf(variants), origin=op.pointer))


def _str_like(t: TypeExpr) -> bool:
    if t in (Prim("str"), Prim("FileTypes")):
        return True
    return isinstance(t, UnionOf) and any(_str_like(m) for m in t.members)


def _in_scope(entry: TypeEntry, module: str) -> bool:
    """A public type with ``scope`` in its options is only referenced from modules
    whose path (relative to ``openai.types``) starts with one of the entries."""
    scope = entry.options.get("scope")
    if not scope:
        return True
    # a package (``realtime``) or a module name prefix (``realtime.realtime_response_create``)
    return any(module.startswith(f"openai.types.{s}") for s in scope)


_SHAPE_KEYS = (
    "$ref",
    "type",
    "properties",
    "items",
    "anyOf",
    "oneOf",
    "allOf",
    "enum",
    "const",
    "additionalProperties",
)


def _is_modifier(part: Any) -> bool:
    """An ``allOf`` part that only adds ``nullable``, a description and the like."""
    return isinstance(part, dict) and not any(k in part for k in _SHAPE_KEYS)


def _esc(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _field_order(f: FieldDef) -> tuple[int, int, str]:
    # required first, ``id`` first within a group, then alphabetical
    return (0 if f.required else 1, 0 if f.api_name == "id" else 1, f.api_name)


def _variant_label(spec: Spec, variant: object, tag: object, index: int, has_discriminator: bool) -> str:
    """The name part of a union variant: the spec's variant name hint, else the
    tag value when the union declares a discriminator, else the schema's title,
    else the referenced component's name, else the tag, else the single
    property's name, else its position."""
    raw = as_dict(variant)
    target, ref = spec.deref(raw)
    hint = get_str(raw, "x-stainless-variantName") or get_str(target, "x-stainless-variantName")
    if hint:
        return hint
    if tag is not None and has_discriminator:
        return str(tag)
    title = get_str(target, "title")
    if title is not None:
        return title
    if ref is not None:
        return ref
    if tag is not None:
        return str(tag)
    props = get_dict(target, "properties")
    if len(props) == 1:
        return next(iter(props))
    return f"UnionMember{index}"


def lower_all(spec: Spec, config: Config) -> Lowered:
    return Lowerer(spec, config).run()
