"""Reading spec schemas: nullability, merging ``allOf``, enum and tag values.

The spec mixes OpenAPI 3.0 and 3.1 spellings (``nullable: true``, ``type:
[string, "null"]``, ``anyOf: [..., {type: "null"}]``); these helpers hide that.
"""

from __future__ import annotations

from typing import Any

from .jsonval import as_dict, as_list, get_dict, get_list, is_dict, is_list, str_list
from .spec import Schema, Spec


def is_null(schema: object) -> bool:
    if not is_dict(schema):
        return False
    if schema.get("type") == "null":
        return True
    return schema.get("enum") == [None]


def union_key(schema: Schema) -> str | None:
    for key in ("anyOf", "oneOf"):
        if is_list(schema.get(key)):
            return key
    return None


def split_nullable(schema: Schema) -> tuple[Schema, bool]:
    """The schema without its null alternative, and whether null was allowed.

    ``anyOf: [X, null]`` returns ``X`` itself (the single remaining variant)
    with the outer schema's ``deprecated`` and ``x-*`` hints carried over.
    """
    nullable = bool(schema.get("nullable"))
    t = schema.get("type")
    if is_list(t) and "null" in t:
        rest = [x for x in t if x != "null"]
        schema = dict(schema, type=rest[0] if len(rest) == 1 else rest)
        nullable = True
    key = union_key(schema)
    if key:
        variants = as_list(schema[key])
        kept = [v for v in variants if not is_null(v)]
        if len(kept) != len(variants):
            nullable = True
            if len(kept) == 1 and not _has_own_shape(schema, key):
                inner = as_dict(kept[0])
                extra = {k: v for k, v in schema.items() if k not in (key, "nullable", "discriminator")}
                if extra and "$ref" not in inner:
                    merged = dict(extra)
                    merged.update(inner)
                    inner = merged
                return inner, nullable
            schema = dict(schema)
            schema[key] = kept
    return schema, nullable


def _has_own_shape(schema: Schema, key: str) -> bool:
    return any(k in schema for k in ("properties", "items", "allOf", "enum")) or (key == "anyOf" and "oneOf" in schema)


def merge_all_of(spec: Spec, schema: Schema) -> Schema:
    """Merge ``allOf`` parts into one object schema (properties and required, in order)."""
    parts = schema.get("allOf")
    if not is_list(parts):
        return schema
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    props: dict[str, Any] = {}
    required: list[str] = []
    for part in parts:
        target, _ = spec.deref(as_dict(part))
        target = merge_all_of(spec, target)
        for k, v in target.items():
            if k == "properties":
                props.update(as_dict(v))
            elif k == "required":
                required.extend(x for x in str_list(v) if x not in required)
            elif k not in merged and k not in ("description", "title"):
                merged[k] = v
    props.update(get_dict(schema, "properties"))
    required.extend(x for x in str_list(schema.get("required")) if x not in required)
    if props:
        merged["properties"] = props
        merged.setdefault("type", "object")
    if required:
        merged["required"] = required
    return merged


def enum_values(schema: Schema) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    values = schema.get("enum")
    if is_list(values):
        return [v for v in values if v is not None]
    return None


def resolved_object(spec: Spec, schema: Schema) -> Schema:
    target, _ = spec.deref(schema)
    target, _ = split_nullable(target)
    target, _ = spec.deref(target)
    return merge_all_of(spec, target)


def tag_value(spec: Spec, schema: Schema, prop: str) -> tuple[Any | None, bool]:
    """The single literal value of ``prop`` in an object schema, and whether it is required."""
    obj = resolved_object(spec, schema)
    props = get_dict(obj, "properties")
    if prop not in props:
        return None, False
    p, _ = spec.deref(as_dict(props[prop]))
    p, nullable = split_nullable(p)
    p, _ = spec.deref(p)
    values = enum_values(p)
    if values is None or len(values) != 1:
        return None, False
    return values[0], prop in str_list(obj.get("required")) and not nullable


def _esc(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def property_pointer(spec: Spec, schema: Schema, base: str, name: str) -> str | None:
    """The pointer of property ``name`` of ``schema`` (at ``base``), looking
    through ``$ref`` and ``allOf`` parts; None if it has no such property."""
    target, ref = spec.deref(schema)
    if ref:
        base = "#/components/schemas/" + ref
    if name in get_dict(target, "properties"):
        return f"{base}/properties/{_esc(name)}"
    for i, part in enumerate(get_list(target, "allOf")):
        found = property_pointer(spec, as_dict(part), f"{base}/allOf/{i}", name)
        if found:
            return found
    return None
