"""Sample argument values for generated tests and the request capture tool.

``Samples.of(t)`` gives a JSON-able value of IR type ``t`` that the spec mock
server accepts: the first literal of an enum, the first member of a union, the
required fields of an object (or every field with ``every_field``), and
``FILE_MARK`` where a file goes.
"""

from __future__ import annotations

from typing import Any

from .ir import NONE, AliasDef, Annotated, ClassDef, DictOf, ListOf, Lit, ModuleIR, Prim, Ref, UnionOf

FILE_MARK = "__file__"

_PRIMITIVES: dict[str, Any] = {
    "str": "string",
    "int": 0,
    "float": 0.0,
    "bool": True,
    "object": {},
    "None": None,
    "FileTypes": FILE_MARK,
}


class Samples:
    def __init__(self, modules: dict[str, ModuleIR], every_field: bool = False) -> None:
        self.modules = modules
        self.every_field = every_field

    def of(self, t: Any, depth: int = 0) -> Any:
        if isinstance(t, Prim):
            return _PRIMITIVES.get(t.name, "string")
        if isinstance(t, Lit):
            return t.values[0]
        if isinstance(t, ListOf):
            return [self.of(t.item, depth + 1)]
        if isinstance(t, DictOf):
            return {"foo": self.of(t.value, depth + 1)} if depth < 4 else {}
        if isinstance(t, UnionOf):
            members = [m for m in t.members if m != NONE]
            return self.of(members[0], depth + 1) if members else None
        if isinstance(t, Annotated):
            return self.of(t.inner, depth)
        if isinstance(t, Ref):
            return self._ref(t, depth)
        return "string"

    def _ref(self, t: Ref, depth: int) -> Any:
        module = self.modules.get(t.module)
        d = module.get(t.name) if module is not None else None
        if isinstance(d, AliasDef):
            return self.of(d.type, depth + 1)
        if not isinstance(d, ClassDef) or depth > 6:
            return {}
        out: dict[str, Any] = {}
        for f in self._fields(d):
            if f.required or (self.every_field and depth < 3):
                out[f.api_name] = self.of(f.type, depth + 1)
        return out

    def _fields(self, d: ClassDef) -> list[Any]:
        fields = list(d.fields)
        for base in d.bases:
            module = self.modules.get(base.module)
            b = module.get(base.name) if module is not None else None
            if isinstance(b, ClassDef):
                fields = self._fields(b) + fields
        return fields
