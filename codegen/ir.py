"""The intermediate representation: Python types, independent of the spec.

A ``TypeExpr`` is an annotation (``Prim``, ``Lit``, ``ListOf``, ``DictOf``,
``UnionOf``, ``Ref``). Definitions (``ClassDef``, ``AliasDef``) live in a
``ModuleIR``; a ``Ref`` points at a definition by module and name, so the
emitter knows what to import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Prim:
    """``str``, ``int``, ``float``, ``bool``, ``object``, ``None``, or a name
    from ``openai._types`` (``FileTypes``)."""

    name: str


@dataclass(frozen=True)
class Lit:
    values: tuple[str | int | float | bool, ...]


@dataclass(frozen=True)
class ListOf:
    item: TypeExpr
    # "List" (models, enum lists), "Iterable" (params), "SequenceNotStr" (params of str)
    container: str = "List"


@dataclass(frozen=True)
class DictOf:
    value: TypeExpr


@dataclass(frozen=True)
class UnionOf:
    members: tuple[TypeExpr, ...]
    # a property name every member carries as a literal tag (models only)
    discriminator: str | None = None
    # how pydantic sees it: "field" (``Field(discriminator=...)``, every tag a
    # required literal) or "callable" (a ``Discriminator`` function with ``Tag``s,
    # when some tags may be absent; ``tags`` then lists each member's tag and
    # ``default_tag`` the one assumed when the input has none)
    style: str = "field"
    tags: tuple[str, ...] = ()
    default_tag: str | None = None


@dataclass(frozen=True)
class Ref:
    """A definition by module path (``openai.types.chat.chat_completion``) and name."""

    module: str
    name: str


@dataclass(frozen=True)
class Annotated:
    """Request-side metadata: ``Annotated[T, PropertyInfo(...)]``."""

    inner: TypeExpr
    alias: str | None = None
    format: str | None = None


TypeExpr = Union[Prim, Lit, ListOf, DictOf, UnionOf, Ref, Annotated]

NONE = Prim("None")


def optional(t: TypeExpr) -> TypeExpr:
    if isinstance(t, UnionOf):
        if NONE in t.members:
            return t
        return UnionOf(t.members + (NONE,), t.discriminator)
    if t == NONE:
        return t
    return UnionOf((t, NONE))


@dataclass
class FieldDef:
    name: str  # the Python name
    api_name: str  # the name on the wire
    type: TypeExpr  # without the Optional added for optional fields
    required: bool  # the key must be present
    nullable: bool = False
    deprecated: bool = False


def _fields() -> list[FieldDef]:
    return []


def _refs() -> list[Ref]:
    return []


@dataclass
class ClassDef:
    name: str
    kind: str  # "model" or "typeddict"
    fields: list[FieldDef] = field(default_factory=_fields)
    # base class refs; empty means BaseModel / TypedDict
    bases: list[Ref] = field(default_factory=_refs)
    # handwritten classes inherited first (models only: helper properties)
    mixins: list[Ref] = field(default_factory=_refs)
    total: bool = False  # TypedDicts only
    # where in the spec this came from, for error messages
    origin: str = ""


@dataclass
class AliasDef:
    name: str
    type: TypeExpr
    origin: str = ""


Definition = Union[ClassDef, AliasDef]


@dataclass
class ReExport:
    """A name a module imports from another module and lists in ``__all__``."""

    name: str
    target: Ref


def _definitions() -> list[Definition]:
    return []


def _reexports() -> list[ReExport]:
    return []


def _lazy_refs() -> set[tuple[str, str]]:
    return set()


def _exports() -> dict[str, tuple[str, str]]:
    return {}


@dataclass
class ModuleIR:
    path: str  # dotted module path
    definitions: list[Definition] = field(default_factory=_definitions)
    reexports: list[ReExport] = field(default_factory=_reexports)
    # imported only to be importable from here (config ``imports``); not in ``__all__``
    exposed: list[ReExport] = field(default_factory=_reexports)
    # types referred to lazily (config ``lazy``): (module, name)
    lazy: set[tuple[str, str]] = field(default_factory=_lazy_refs)

    def names(self) -> list[str]:
        return [d.name for d in self.definitions] + [r.name for r in self.reexports]

    def get(self, name: str) -> Definition | None:
        for d in self.definitions:
            if d.name == name:
                return d
        return None


@dataclass
class PackageIR:
    """A package ``__init__``: exported name -> (module path, name in that module)."""

    path: str
    exports: dict[str, tuple[str, str]] = field(default_factory=_exports)
