"""Loading the OpenAPI document and resolving references in it."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped, unused-ignore]

from .jsonval import as_dict, get_dict, get_str, is_dict, is_list
from .paths import CACHE_DIR, SPEC_PATH

Schema = dict[str, Any]

COMPONENT_PREFIX = "#/components/schemas/"


class SpecError(Exception):
    pass


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


class Spec:
    """The parsed spec with pointer resolution.

    Pointers are written either in full (``#/components/schemas/X/properties/y``,
    ``#/paths/~1responses/post/...``) or, as a shorthand in our config, relative
    to ``#/components/schemas/`` (``X/properties/y``).
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.schemas: dict[str, Schema] = data["components"]["schemas"]

    @classmethod
    def load(cls, path: Path = SPEC_PATH) -> Spec:
        raw = path.read_bytes()
        # Parsing 2.7 MB of YAML takes about a second even with libyaml; the
        # parsed form is cached by content hash so repeated runs are quick.
        digest = hashlib.sha256(raw).hexdigest()[:16]
        cache = CACHE_DIR / f"spec-{digest}.pickle"
        if cache.exists():
            with cache.open("rb") as f:
                data = pickle.load(f)
        else:
            data = yaml.load(raw, Loader=yaml.CSafeLoader)
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp")
            with tmp.open("wb") as f:
                pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
        return cls(data)

    # --- pointers ------------------------------------------------------------

    @staticmethod
    def full_pointer(pointer: str) -> str:
        if pointer.startswith("#/"):
            return pointer
        return COMPONENT_PREFIX + pointer

    def at(self, pointer: str) -> Any:
        node: Any = self.data
        for token in self.full_pointer(pointer)[2:].split("/"):
            key = _unescape(token)
            try:
                node = node[int(key)] if is_list(node) else as_dict(node)[key]
            except (KeyError, IndexError, ValueError) as exc:
                raise SpecError(f"pointer {pointer!r} does not resolve (at {key!r})") from exc
        return node

    @staticmethod
    def ref_name(schema: object) -> str | None:
        """The component name of a ``$ref`` schema, or None."""
        ref = get_str(schema, "$ref")
        if ref is not None and ref.startswith(COMPONENT_PREFIX):
            return ref[len(COMPONENT_PREFIX) :]
        return None

    def deref(self, schema: Schema) -> tuple[Schema, str | None]:
        """Follow ``$ref`` chains; return the target and the last component name."""
        name: str | None = None
        seen = 0
        while "$ref" in schema:
            name = self.ref_name(schema)
            if name is None:
                schema = as_dict(self.at(str(schema["$ref"])))
            else:
                schema = self.schemas[name]
            seen += 1
            if seen > 50:
                raise SpecError(f"$ref cycle at {name}")
        return schema, name

    # --- operations ----------------------------------------------------------

    def operations(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(method, url path, operation object) for every operation."""
        for url, item in get_dict(self.data, "paths").items():
            for method, op in as_dict(item).items():
                if method in ("get", "post", "put", "patch", "delete") and is_dict(op):
                    yield method, url, op

    def operation(self, operation_id: str) -> tuple[str, str, dict[str, Any]]:
        for method, url, op in self.operations():
            if op.get("operationId") == operation_id:
                return method, url, op
        raise SpecError(f"no operation {operation_id!r} in the spec")
