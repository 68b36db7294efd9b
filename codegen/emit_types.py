"""IR module -> Python source text of a type module."""

from __future__ import annotations

import graphlib
from typing import Dict, List, Set, Tuple

from .ir import (
    NONE,
    AliasDef,
    Annotated,
    ClassDef,
    Definition,
    DictOf,
    FieldDef,
    ListOf,
    Lit,
    ModuleIR,
    Prim,
    Ref,
    TypeExpr,
    UnionOf,
)
from .paths import HEADER

_TYPING = {"List", "Dict", "Union", "Optional", "Iterable"}


class Imports:
    """What a module needs to import, collected while rendering."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.typing: Set[str] = set()
        self.typing_ext: Set[str] = set()
        self.refs: Dict[str, Set[str]] = {}  # module -> names
        self.types_names: Set[str] = set()  # from openai._types
        self.pydantic: Set[str] = set()
        self.base_model = False
        self.property_info = False
        self.discriminator = False

    def ref(self, r: Ref) -> str:
        if r.module != self.module:
            self.refs.setdefault(r.module, set()).add(r.name)
        return r.name


def render_type(t: TypeExpr, imp: Imports, *, in_union: bool = False) -> str:
    if isinstance(t, Prim):
        if t.name == "FileTypes":
            imp.types_names.add("FileTypes")
        return t.name
    if isinstance(t, Lit):
        imp.typing_ext.add("Literal")
        return "Literal[" + ", ".join(_lit(v) for v in t.values) + "]"
    if isinstance(t, ListOf):
        if t.container == "SequenceNotStr":
            imp.types_names.add("SequenceNotStr")
        else:
            imp.typing.add(t.container)
        return f"{t.container}[{render_type(t.item, imp)}]"
    if isinstance(t, DictOf):
        imp.typing.add("Dict")
        return f"Dict[str, {render_type(t.value, imp)}]"
    if isinstance(t, Ref):
        return imp.ref(t)
    if isinstance(t, Annotated):
        imp.typing_ext.add("Annotated")
        imp.property_info = True
        args = []
        if t.alias:
            args.append(f"alias={t.alias!r}")
        if t.format:
            args.append(f"format={t.format!r}")
        return f"Annotated[{render_type(t.inner, imp)}, PropertyInfo({', '.join(args)})]"
    if isinstance(t, UnionOf):
        members = list(t.members)
        has_none = NONE in members
        rest = [m for m in members if m != NONE]
        if len(rest) == 1:
            inner = render_type(rest[0], imp)
            if has_none:
                imp.typing.add("Optional")
                return f"Optional[{inner}]"
            return inner
        imp.typing.add("Union")
        if t.discriminator and t.style == "callable":
            imp.typing_ext.add("Annotated")
            imp.pydantic.add("Tag")
            imp.discriminator = True
            parts = [f'Annotated[{render_type(m, imp)}, Tag("{tag}")]' for m, tag in zip(rest, t.tags)]
            default = f', default="{t.default_tag}"' if t.default_tag else ""
            body = f'Annotated[Union[{", ".join(parts)}], by_tag("{t.discriminator}"{default})]'
        else:
            body = "Union[" + ", ".join(render_type(m, imp, in_union=True) for m in rest) + "]"
        if t.discriminator and t.style == "field":
            imp.typing_ext.add("Annotated")
            imp.pydantic.add("Field")
            if has_none:
                # None stays a member: pydantic allows it in a discriminated union
                body = body[:-1] + ", None]"
                has_none = False
            body = f'Annotated[{body}, Field(discriminator="{t.discriminator}")]'
        if has_none:
            imp.typing.add("Optional")
            return f"Optional[{body}]"
        return body
    raise TypeError(f"unknown type expression {t!r}")


def _lit(v: object) -> str:
    if isinstance(v, str):
        return repr(v).replace("'", '"') if '"' not in v else repr(v)
    return repr(v)


def _field_line(f: FieldDef, cls: ClassDef, imp: Imports) -> str:
    ann = f.type
    if cls.kind == "model":
        optional = not f.required or f.nullable
        text = render_type(ann, imp)
        if optional:
            text = _optional(text, imp)
        if f.name != f.api_name:
            imp.pydantic.add("Field")
            default = "None, " if optional else ""
            return f'{f.name}: {text} = Field({default}alias="{f.api_name}")'
        return f"{f.name}: {text}" + (" = None" if optional else "")
    # TypedDict
    text = render_type(ann, imp)
    if f.nullable:
        text = _optional(text, imp)
    if f.required and not cls.total:
        imp.typing_ext.add("Required")
        text = f"Required[{text}]"
    return f"{f.api_name}: {text}"


def _optional(text: str, imp: Imports) -> str:
    if text.startswith("Optional[") or text == "None":
        return text
    imp.typing.add("Optional")
    return f"Optional[{text}]"


def _class_source(cls: ClassDef, imp: Imports) -> str:
    if cls.kind == "model":
        imp.base_model = True
        bases = [imp.ref(b) for b in cls.bases] or ["BaseModel"]
        head = f"class {cls.name}({', '.join(bases)}):"
    else:
        imp.typing_ext.add("TypedDict")
        bases = [imp.ref(b) for b in cls.bases] or ["TypedDict"]
        total = "" if cls.total else ", total=False"
        head = f"class {cls.name}({', '.join(bases)}{total}):"
    lines = [head]
    for f in cls.fields:
        if f.deprecated:
            lines.append("    # deprecated by the API")
        lines.append("    " + _field_line(f, cls, imp))
    if not cls.fields:
        lines.append("    pass")
    return "\n".join(lines)


def _alias_source(alias: AliasDef, imp: Imports) -> str:
    imp.typing_ext.add("TypeAlias")
    return f"{alias.name}: TypeAlias = {render_type(alias.type, imp)}"


def _local_deps(d: Definition, module: str) -> Set[str]:
    out: Set[str] = set()

    def walk(t: TypeExpr) -> None:
        if isinstance(t, Ref):
            if t.module == module:
                out.add(t.name)
        elif isinstance(t, (ListOf,)):
            walk(t.item)
        elif isinstance(t, DictOf):
            walk(t.value)
        elif isinstance(t, UnionOf):
            for m in t.members:
                walk(m)
        elif isinstance(t, Annotated):
            walk(t.inner)

    if isinstance(d, ClassDef):
        for f in d.fields:
            walk(f.type)
        for b in d.bases:
            if b.module == module:
                out.add(b.name)
    else:
        walk(d.type)
    return out


def _order(mod: ModuleIR) -> List[Definition]:
    """Definitions so that each comes after what it needs at runtime.

    Class annotations are postponed (``from __future__ import annotations``), but
    alias values and base classes are evaluated at import time, and pydantic
    resolves names when the model is built; dependency order keeps both simple.
    Cycles (recursive types) fall back to the configured order.
    """
    by_name = {d.name: d for d in mod.definitions}
    graph = {d.name: {n for n in _local_deps(d, mod.path) if n in by_name and n != d.name} for d in mod.definitions}
    ts: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    position = {d.name: i for i, d in enumerate(mod.definitions)}
    for name in sorted(graph, key=lambda n: position[n]):
        ts.add(name, *sorted(graph[name], key=lambda n: position[n]))
    try:
        order = list(ts.static_order())
    except graphlib.CycleError:
        return list(mod.definitions)
    return [by_name[n] for n in order]


def render_module(mod: ModuleIR) -> str:
    imp = Imports(mod.path)
    blocks: List[str] = []
    for d in _order(mod):
        if isinstance(d, ClassDef):
            blocks.append(_class_source(d, imp))
        else:
            blocks.append(_alias_source(d, imp))
    for r in mod.reexports:
        if r.target.name == r.name:
            imp.ref(r.target)
        else:
            imp.ref(r.target)
            blocks.append(f"{r.name} = {r.target.name}")
    names = mod.names()
    head: List[str] = [HEADER.rstrip("\n"), "", "from __future__ import annotations", ""]
    if imp.typing:
        head.append(f"from typing import {', '.join(sorted(imp.typing))}")
    if imp.typing_ext:
        head.append(f"from typing_extensions import {', '.join(sorted(imp.typing_ext))}")
    if imp.pydantic:
        head.append(f"from pydantic import {', '.join(sorted(imp.pydantic))}")
    if imp.typing or imp.typing_ext or imp.pydantic:
        head.append("")
    pkg_depth = mod.path.count(".")  # openai.types.x -> 2
    internal: List[Tuple[str, str]] = []
    if imp.base_model:
        internal.append(("openai._models", "BaseModel"))
    if imp.types_names:
        internal.append(("openai._types", ", ".join(sorted(imp.types_names))))
    if imp.property_info:
        internal.append(("openai._utils", "PropertyInfo"))
    if imp.discriminator:
        internal.append(("openai.types._discriminator", "by_tag"))
    for m, names_ in sorted(imp.refs.items()):
        internal.append((m, ", ".join(sorted(names_))))
    for m, what in internal:
        head.append(f"from {_relative(mod.path, m, pkg_depth)} import {what}")
    if internal:
        head.append("")
    head.append("__all__ = [" + ", ".join(f'"{n}"' for n in names) + "]")
    return "\n".join(head) + "\n\n\n" + "\n\n\n".join(blocks) + "\n"


def _relative(here: str, target: str, depth: int) -> str:
    """A relative import path from module ``here`` to module ``target``."""
    here_pkg = here.split(".")[:-1]
    parts = target.split(".")
    common = 0
    while common < len(here_pkg) and common < len(parts) and here_pkg[common] == parts[common]:
        common += 1
    ups = len(here_pkg) - common
    return "." * (ups + 1) + ".".join(parts[common:])
