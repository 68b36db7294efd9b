"""Strict JSON schemas for Structured Outputs, built from pydantic v2 models.

With ``strict: true`` the API only accepts a subset of JSON schema: every object
lists all of its properties in ``required`` and sets ``additionalProperties:
false``, and optional values are expressed as nullable (``anyOf [..., null]``)
rather than as absent keys. Pydantic's own schemas follow none of these rules, so
they are rewritten here.

The rewrite is a pure function of the model's schema, so the result is cached per
model class; each call hands out a fresh copy because callers are free to mutate
the dict they get back.
"""

from __future__ import annotations

import inspect
import weakref
from typing import Any, Dict, List, Tuple

import pydantic
from typing_extensions import TypeGuard

from .._exceptions import OpenAIError

__all__ = [
    "StrictSchemaError",
    "to_strict_json_schema",
    "is_basemodel_type",
    "is_dataclass_like_type",
]

JSONSchema = Dict[str, Any]


class StrictSchemaError(OpenAIError, ValueError):
    """A type uses a construct that strict Structured Outputs cannot express.

    ``location`` names the offending field as ``Model.field`` (with ``[]`` for
    list items and ``[i]`` for tuple positions).
    """

    def __init__(self, location: str, reason: str) -> None:
        self.location = location
        self.reason = reason
        super().__init__(
            f"Cannot build a strict JSON schema for `{location}`: {reason}"
        )


def is_basemodel_type(typ: Any) -> TypeGuard[type[pydantic.BaseModel]]:
    """True for a pydantic v2 model class (not an instance)."""
    return inspect.isclass(typ) and issubclass(typ, pydantic.BaseModel)


def is_dataclass_like_type(typ: Any) -> bool:
    """True for stdlib and pydantic dataclasses, which pydantic can validate via a TypeAdapter."""
    return inspect.isclass(typ) and hasattr(typ, "__dataclass_fields__")


def to_strict_json_schema(
    model: type[pydantic.BaseModel] | pydantic.TypeAdapter[Any],
) -> JSONSchema:
    """Return the strict-mode JSON schema of a pydantic model class or a ``TypeAdapter``.

    Raises ``StrictSchemaError`` (a ``ValueError``) naming the field when the type
    contains something strict mode cannot express, such as a ``dict`` with
    arbitrary keys or an ``Any`` field; ``TypeError`` for anything that is neither
    a model class nor a ``TypeAdapter``.
    """
    if isinstance(model, pydantic.TypeAdapter):
        adapter: pydantic.TypeAdapter[Any] = model
        label = _type_label(getattr(adapter, "_type", None))
        return _make_strict(adapter.json_schema(), label)

    if not is_basemodel_type(model):
        raise TypeError(
            "to_strict_json_schema() expects a pydantic v2 BaseModel subclass or a pydantic.TypeAdapter, "
            f"got {model!r}; wrap other types in pydantic.TypeAdapter(...)"
        )

    cached = _cache.get(model)
    core_schema = model.__dict__.get("__pydantic_core_schema__")
    if cached is not None and core_schema is not None and cached[0] is core_schema:
        return _copy_json(cached[1])

    strict = _make_strict(model.model_json_schema(), model.__name__)
    # keyed on the core schema object so that ``model_rebuild(force=True)`` invalidates it
    core_schema = model.__dict__.get("__pydantic_core_schema__")
    if core_schema is not None:
        _cache[model] = (core_schema, strict)
        return _copy_json(strict)
    return strict


_cache: weakref.WeakKeyDictionary[type, Tuple[object, JSONSchema]] = (
    weakref.WeakKeyDictionary()
)


def _type_label(typ: object) -> str:
    if typ is None:
        return "<TypeAdapter>"
    name = getattr(typ, "__name__", None)
    return name if isinstance(name, str) and inspect.isclass(typ) else repr(typ)


def _copy_json(value: Any) -> Any:
    # A schema is plain JSON data, so this is a much cheaper deepcopy.
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_json(v) for v in value]
    return value


def _make_strict(schema: JSONSchema, label: str) -> JSONSchema:
    return _Strictifier(schema).convert(schema, label, root=True)


# Keywords whose presence gives a schema a concrete shape. A schema with none of
# them (``Any``, ``object``) accepts every JSON value, which strict mode rejects.
_SHAPE_KEYWORDS = frozenset({"type", "$ref", "anyOf", "allOf", "enum", "const", "not"})

_MAPPING_HINT = "use a model with named fields, or a list of key/value models"


class _Strictifier:
    """One conversion: holds the original root so ``$ref`` pointers can be resolved."""

    def __init__(self, root: JSONSchema) -> None:
        self._root = root
        # references whose target is being converted right now (a ``$defs`` entry, or
        # a target being inlined): inlining one of them again would never end
        self._active: List[str] = []

    def convert(
        self, node: JSONSchema, where: str, *, root: bool = False
    ) -> JSONSchema:
        ref = node.get("$ref")
        if isinstance(ref, str) and len(node) > 1:
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            if ref in self._active:
                # A recursive model refers to itself with a description: inlining would
                # recurse forever, so the reference goes inside a one-variant anyOf, which
                # may carry sibling keys.
                return self.convert(
                    {"anyOf": [{"$ref": ref}], **siblings}, where, root=root
                )
            # A ``$ref`` with sibling keys (``Field(description=...)`` on a model-typed
            # field, or the ``$defs`` next to a recursive root) is inlined: the target is
            # merged under the siblings, which win, and the result is converted as a whole.
            target = self._resolve(ref, where)
            self._active.append(ref)
            try:
                return self.convert({**target, **siblings}, where, root=root)
            finally:
                self._active.pop()

        all_of = node.get("allOf")
        if (
            isinstance(all_of, list)
            and len(all_of) == 1
            and isinstance(all_of[0], dict)
        ):
            # older pydantic wraps a described ``$ref`` in a one-item allOf
            merged = {**all_of[0], **{k: v for k, v in node.items() if k != "allOf"}}
            return self.convert(merged, where, root=root)

        out: JSONSchema = {}
        for key, value in node.items():
            if key in ("$defs", "definitions") and isinstance(value, dict):
                defs: Dict[str, Any] = value
                out[key] = {
                    name: self._convert_def(key, name, d) for name, d in defs.items()
                }
            elif key == "properties" and isinstance(value, dict):
                props: Dict[str, Any] = value
                out[key] = {
                    name: self._sub(p, f"{where}.{name}") for name, p in props.items()
                }
            elif key == "items":
                if isinstance(value, list):
                    items: List[Any] = value
                    out[key] = [
                        self._sub(v, f"{where}[{i}]") for i, v in enumerate(items)
                    ]
                else:
                    out[key] = self._sub(value, f"{where}[]")
            elif key == "prefixItems" and isinstance(value, list):
                prefix: List[Any] = value
                out[key] = [self._sub(v, f"{where}[{i}]") for i, v in enumerate(prefix)]
            elif key in ("anyOf", "allOf", "oneOf") and isinstance(value, list):
                variants: List[Any] = value
                converted = [self._sub(v, where) for v in variants]
                # Strict mode has no oneOf. Pydantic emits it for discriminated unions,
                # whose variants are disjoint by their tag, so anyOf means the same.
                out["anyOf" if key == "oneOf" else key] = converted
            elif key == "discriminator" and "oneOf" in node:
                continue  # only meaningful next to oneOf, which became anyOf
            elif key == "default" and value is None:
                continue  # the field is required now; a null default would contradict it
            elif key in ("not", "if", "then", "else", "contains") and isinstance(
                value, dict
            ):
                out[key] = self._sub(value, where)
            elif key in ("patternProperties", "propertyNames"):
                raise StrictSchemaError(
                    where,
                    "an object whose keys are only constrained by a pattern cannot be expressed in strict mode, "
                    f"where every object lists its properties; {_MAPPING_HINT}",
                )
            else:
                out[key] = value

        if out.get("type") == "object" or "properties" in out:
            self._close_object(out, where)
        elif not root and not _SHAPE_KEYWORDS.intersection(out):
            raise StrictSchemaError(
                where,
                "it accepts any JSON value (a field typed `Any` or `object`), and strict mode needs a concrete "
                "type; give the field a specific type",
            )
        return out

    def _convert_def(self, section: str, name: str, node: Any) -> Any:
        ref = "#/" + section + "/" + name.replace("~", "~0").replace("/", "~1")
        self._active.append(ref)
        try:
            return self._sub(node, name)
        finally:
            self._active.pop()

    def _sub(self, node: Any, where: str) -> Any:
        if isinstance(node, dict):
            return self.convert(node, where)
        return node  # boolean schemas and the like are passed through untouched

    def _close_object(self, out: JSONSchema, where: str) -> None:
        extra = out.get("additionalProperties", False)
        if isinstance(extra, dict):
            raise StrictSchemaError(
                where,
                "a mapping with arbitrary keys (a `Dict[str, ...]` or `Mapping` field) cannot be expressed in "
                f"strict mode, where every object lists its properties; {_MAPPING_HINT}",
            )
        if "properties" not in out:
            raise StrictSchemaError(
                where,
                "an object with arbitrary keys (a `dict` field) cannot be expressed in strict mode, where every "
                f"object lists its properties; {_MAPPING_HINT}",
            )
        if extra is not False:
            raise StrictSchemaError(
                where,
                "the model allows extra keys (model_config extra='allow'), and strict mode requires "
                "additionalProperties false; use extra='ignore' or extra='forbid'",
            )
        out["additionalProperties"] = False
        # every property is required; optional ones are already nullable (anyOf with null)
        out["required"] = list(out["properties"])

    def _resolve(self, ref: str, where: str) -> JSONSchema:
        if not ref.startswith("#/"):
            raise StrictSchemaError(
                where, f"only local references ('#/...') can be resolved, got {ref!r}"
            )
        node: Any = self._root
        for raw in ref[2:].split("/"):
            part = raw.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise StrictSchemaError(
                    where, f"the reference {ref!r} does not resolve in the schema"
                )
            node = node[part]
        if not isinstance(node, dict):
            raise StrictSchemaError(
                where, f"the reference {ref!r} does not point to a schema object"
            )
        resolved: JSONSchema = node
        return resolved
