"""A small valid instance of a JSON schema, for structured outputs and tool arguments.

Covers what structured outputs and function parameters use: types (also as
lists), enum/const, $ref into $defs/definitions, anyOf/oneOf (first branch),
allOf (merged), required properties, minItems, minLength, numeric bounds and
common string formats. Optional properties are left out, so the instance is
minimal; strict schemas list every property as required, so they all appear.
"""

from __future__ import annotations

from typing import Any

from ._json import array, as_list, as_obj, objs

JSON = dict[str, Any]

_FORMATS = {
    "date-time": "1970-01-01T00:00:00Z",
    "date": "1970-01-01",
    "time": "00:00:00",
    "duration": "P0D",
    "email": "user@example.com",
    "hostname": "example.com",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
    "uri": "https://example.com",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def minimal_instance(schema: Any, *, string_value: str = "") -> Any:
    root: JSON = as_obj(schema) or {}
    return _instance(root, root, string_value, depth=0)


def _resolve(ref: str, root: JSON) -> JSON:
    if not ref.startswith("#"):
        return {}
    node: JSON | None = root
    for part in ref.lstrip("#").strip("/").split("/"):
        if not part:
            continue
        part = part.replace("~1", "/").replace("~0", "~")
        node = as_obj(node.get(part)) if node is not None else None
    return node or {}


def _instance(schema: JSON, root: JSON, sval: str, depth: int) -> Any:
    if (
        depth > 32
    ):  # a recursive schema: stop where null or an empty value is still valid
        return None
    if "$ref" in schema:
        merged = dict(_resolve(str(schema["$ref"]), root))
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        return _instance(merged, root, sval, depth + 1)
    if "const" in schema:
        return schema["const"]
    enum = as_list(schema.get("enum"))
    if enum:
        return enum[0]
    for key in ("anyOf", "oneOf"):
        branches = objs(schema.get(key))
        if branches:
            non_null = [b for b in branches if b.get("type") != "null"]
            return _instance(
                non_null[0] if non_null else branches[0], root, sval, depth + 1
            )
    all_of = objs(schema.get("allOf"))
    if all_of:
        combined: JSON = {}
        props: JSON = {}
        required: list[str] = []
        for part in all_of:
            if "$ref" in part:
                part = _resolve(str(part["$ref"]), root)
            combined.update(part)
            props.update(as_obj(part.get("properties")) or {})
            required.extend(str(r) for r in array(part.get("required")))
        combined.pop("allOf", None)
        if props:
            combined["properties"] = props
            combined["required"] = required
            combined.setdefault("type", "object")
        return _instance(combined, root, sval, depth + 1)
    if "default" in schema:
        return schema["default"]

    kind = _pick_type(schema)
    if kind == "object" or (kind is None and "properties" in schema):
        return _object(schema, root, sval, depth)
    if kind == "array":
        items = as_obj(schema.get("items")) or {}
        count = int(schema.get("minItems") or 0)
        out: list[Any] = [
            _instance(p, root, sval, depth + 1) for p in objs(schema.get("prefixItems"))
        ]
        while len(out) < count:
            out.append(_instance(items, root, sval, depth + 1))
        return out
    if kind == "string":
        return _string(schema, sval)
    if kind in ("integer", "number"):
        return _number(schema, kind)
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    return {}  # an untyped schema accepts anything


def _pick_type(schema: JSON) -> str | None:
    kind = schema.get("type")
    kinds = as_list(kind)
    if kinds is not None:
        non_null = [str(k) for k in kinds if k != "null"]
        return non_null[0] if non_null else "null"
    if isinstance(kind, str):
        return kind
    if "properties" in schema:
        return "object"
    if "items" in schema:
        return "array"
    return None


def _object(schema: JSON, root: JSON, sval: str, depth: int) -> JSON:
    props: JSON = as_obj(schema.get("properties")) or {}
    out: JSON = {}
    for name in array(schema.get("required")):
        out[str(name)] = _instance(
            as_obj(props.get(str(name))) or {}, root, sval, depth + 1
        )
    return out


def _string(schema: JSON, sval: str) -> str:
    fmt = schema.get("format")
    if isinstance(fmt, str) and fmt in _FORMATS:
        return _FORMATS[fmt]
    value = sval
    min_len = int(schema.get("minLength") or 0)
    if len(value) < min_len:
        value = value + "x" * (min_len - len(value))
    max_len = schema.get("maxLength")
    if isinstance(max_len, int) and len(value) > max_len:
        value = value[:max_len]
    return value


def _number(schema: JSON, kind: str) -> Any:
    value: float = 0
    lo = schema.get("minimum")
    xlo = schema.get("exclusiveMinimum")
    hi = schema.get("maximum")
    xhi = schema.get("exclusiveMaximum")
    if isinstance(lo, (int, float)) and value < lo:
        value = lo
    if isinstance(xlo, (int, float)) and value <= xlo:
        value = xlo + 1 if kind == "integer" else xlo + 0.5
    if isinstance(hi, (int, float)) and value > hi:
        value = hi
    if isinstance(xhi, (int, float)) and value >= xhi:
        value = xhi - 1 if kind == "integer" else xhi - 0.5
    step = schema.get("multipleOf")
    if isinstance(step, (int, float)) and step > 0 and value % step:
        value = (value // step + 1) * step
    if kind == "integer":
        return int(value)
    return value
