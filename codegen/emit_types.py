"""IR module -> Python source text of a type module."""

from __future__ import annotations

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
    """What a module needs to import, collected while rendering.

    Annotations are evaluated when the module runs (no postponed annotations:
    pydantic would otherwise compile every annotation string when the class is
    created, which is most of the import cost), so a local name used before its
    definition (only in recursive types) is written as a string.
    """

    def __init__(self, module: str, local: set[str], lazy: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.module = module
        self.local = local
        # (module, name) referred to through a LazyType under a private alias
        self.lazy = lazy
        self.lazy_aliases: dict[tuple[str, str], str] = {}
        self.defined: set[str] = set()
        # imported name -> (module, name); a clash with a local name or another
        # import gets an alias
        self.aliases: dict[tuple[str, str], str] = {}
        self.typing: set[str] = set()
        self.typing_ext: set[str] = set()
        self.refs: dict[str, set[str]] = {}  # module -> names
        self.types_names: set[str] = set()  # from openai._types
        self.pydantic: set[str] = set()
        self.base_model = False
        self.property_info = False
        self.builtins = False
        # builtin names hidden by a field of the class being rendered
        self.shadowed: set[str] = set()
        self.discriminator = False

    def ref(self, r: Ref, *, quote: bool = True) -> str:
        if r.module == self.module:
            if quote and r.name not in self.defined:
                return f'"{r.name}"'
            return r.name
        key = (r.module, r.name)
        if key in self.lazy:
            alias = self.lazy_aliases.get(key)
            if alias is None:
                alias = self.lazy_aliases[key] = f"_Lazy{r.name}"
                if alias in self.local:
                    raise ValueError(f"{self.module}: lazy alias {alias} clashes with a definition")
            return alias
        if key not in self.aliases:
            taken = self.local | set(self.aliases.values())
            name = r.name
            if name in taken:
                stem = "".join(p[:1].upper() + p[1:] for p in r.module.rsplit(".", 1)[-1].split("_"))
                name = f"{stem}{r.name}" if not r.name.startswith(stem) else f"_{r.name}"
                while name in taken:
                    name = "_" + name
            self.aliases[key] = name
            self.refs.setdefault(r.module, set()).add(r.name)
        return self.aliases[key]

    def import_line(self, module: str) -> str:
        parts: list[str] = []
        for name in sorted(self.refs[module]):
            alias = self.aliases[(module, name)]
            parts.append(name if alias == name else f"{name} as {alias}")
        return ", ".join(parts)


def render_type(t: TypeExpr, imp: Imports, *, in_union: bool = False) -> str:
    if isinstance(t, Prim):
        if t.name == "FileTypes":
            imp.types_names.add("FileTypes")
        if t.name in imp.shadowed:
            # a field of the class being written has this name (``object``)
            imp.builtins = True
            return f"builtins.{t.name}"
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
        args: list[str] = []
        if t.alias:
            args.append(f"alias={t.alias!r}")
        if t.format:
            args.append(f"format={t.format!r}")
        return f"Annotated[{render_type(t.inner, imp)}, PropertyInfo({', '.join(args)})]"
    return _render_union(t, imp)


def _render_union(t: UnionOf, imp: Imports) -> str:
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


_BUILTIN_TYPES = {"object", "str", "int", "float", "bool"}


def _class_source(cls: ClassDef, imp: Imports) -> str:
    if cls.kind == "model":
        imp.base_model = True
        bases = [imp.ref(b, quote=False) for b in cls.bases] or ["BaseModel"]
        bases = [imp.ref(m, quote=False) for m in cls.mixins] + bases
        head = f"class {cls.name}({', '.join(bases)}):"
    else:
        imp.typing_ext.add("TypedDict")
        bases = [imp.ref(b, quote=False) for b in cls.bases] or ["TypedDict"]
        total = "" if cls.total else ", total=False"
        head = f"class {cls.name}({', '.join(bases)}{total}):"
    lines = [head]
    imp.shadowed = {f.name for f in cls.fields} & _BUILTIN_TYPES
    for f in cls.fields:
        if f.deprecated:
            lines.append("    # deprecated by the API")
        lines.append("    " + _field_line(f, cls, imp))
    imp.shadowed = set()
    if not cls.fields:
        lines.append("    pass")
    return "\n".join(lines)


def _alias_source(alias: AliasDef, imp: Imports) -> str:
    imp.typing_ext.add("TypeAlias")
    return f"{alias.name}: TypeAlias = {render_type(alias.type, imp)}"


def _local_deps(d: Definition, module: str) -> set[str]:
    out: set[str] = set()

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


def _order(mod: ModuleIR) -> list[Definition]:
    """Definitions so that each comes after what it uses (depth first, in the
    configured order); references that close a cycle are quoted when rendered."""
    by_name = {d.name: d for d in mod.definitions}
    position = {d.name: i for i, d in enumerate(mod.definitions)}
    done: set[str] = set()
    active: set[str] = set()
    out: list[Definition] = []

    def visit(d: Definition) -> None:
        if d.name in done or d.name in active:
            return
        active.add(d.name)
        for n in sorted(_local_deps(d, mod.path), key=lambda n: position.get(n, -1)):
            dep = by_name.get(n)
            if dep is not None and n != d.name:
                visit(dep)
        active.discard(d.name)
        done.add(d.name)
        out.append(d)

    for d in mod.definitions:
        visit(d)
    return out


def render_module(mod: ModuleIR) -> str:
    names = mod.names()
    imp = Imports(mod.path, set(names), frozenset(mod.lazy))
    blocks: list[str] = []
    for d in _order(mod):
        if isinstance(d, ClassDef):
            blocks.append(_class_source(d, imp))
        else:
            blocks.append(_alias_source(d, imp))
        imp.defined.add(d.name)
    for r in mod.reexports:
        # a re-export keeps its own name in this module
        imp.local.discard(r.name)
        name = imp.ref(r.target)
        if name != r.name:
            blocks.append(f"{r.name} = {name}")
    exposed: list[str] = []
    for r in mod.exposed:
        if imp.aliases.get((r.target.module, r.target.name)) == r.name:
            continue  # imported already, under that name
        if r.name in imp.local or r.name in imp.aliases.values():
            raise ValueError(f"{mod.path}: imports: {r.name} is already a name of the module")
        if (r.target.module, r.target.name) in imp.lazy:
            # an eager import would load what ``lazy`` defers; the lazy name is exposed already
            raise ValueError(f"{mod.path}: imports: {r.target.name} is also listed as lazy")
        what = r.target.name if r.target.name == r.name else f"{r.target.name} as {r.name}"
        source = _relative(mod.path, r.target.module, mod.path.count("."))
        # the name is imported to be importable from here (as in 2.38), not used: F401 off
        exposed.append(f"from {source} import {what}  # noqa: F401")
    if imp.lazy_aliases:
        imp.typing.add("TYPE_CHECKING")
        imp.typing_ext.add("TypeAlias")
    head: list[str] = [HEADER.rstrip("\n"), ""]
    if imp.builtins:
        head += ["import builtins", ""]
    if imp.typing:
        head.append(f"from typing import {', '.join(sorted(imp.typing))}")
    if imp.typing_ext:
        head.append(f"from typing_extensions import {', '.join(sorted(imp.typing_ext))}")
    if imp.pydantic:
        head.append(f"from pydantic import {', '.join(sorted(imp.pydantic))}")
    if imp.typing or imp.typing_ext or imp.pydantic:
        head.append("")
    pkg_depth = mod.path.count(".")  # openai.types.x -> 2
    internal: list[tuple[str, str]] = []
    if imp.base_model:
        internal.append(("openai._models", "BaseModel"))
    if imp.types_names:
        internal.append(("openai._types", ", ".join(sorted(imp.types_names))))
    if imp.property_info:
        internal.append(("openai._utils", "PropertyInfo"))
    if imp.discriminator:
        internal.append(("openai.types._discriminator", "by_tag"))
    if imp.lazy_aliases:
        internal.append(("openai._lazy_type", "LazyType"))
    for m in sorted(imp.refs):
        internal.append((m, imp.import_line(m)))
    for m, what in internal:
        head.append(f"from {_relative(mod.path, m, pkg_depth)} import {what}")
    head.extend(exposed)
    if internal or exposed:
        head.append("")
    head.extend(_lazy_block(mod, imp, pkg_depth))
    head.append("__all__ = [" + ", ".join(f'"{n}"' for n in names) + "]")
    return "\n".join(head) + "\n\n\n" + "\n\n\n".join(blocks) + "\n"


def _lazy_block(mod: ModuleIR, imp: Imports, depth: int) -> list[str]:
    """The config's ``lazy`` types: type checkers import them; at run time the
    annotation holds a ``LazyType`` and the public name resolves on first access
    (as 2.38's module imports it, libraries may import it from here)."""
    unused = sorted(f"{m}:{n}" for m, n in mod.lazy - set(imp.lazy_aliases))
    if unused:
        raise ValueError(f"{mod.path}: lazy types not referred to: {', '.join(unused)}")
    if not imp.lazy_aliases:
        return []
    refs = sorted(imp.lazy_aliases.items())
    lines = ["if TYPE_CHECKING:"]
    for (module, name), _ in refs:
        lines.append(f"    from {_relative(mod.path, module, depth)} import {name}")
    lines.append("")
    for (_, name), alias in refs:
        lines.append(f"    {alias}: TypeAlias = {name}")
    lines.append("else:")
    for (module, name), alias in refs:
        lines.append(f'    {alias} = LazyType("{module}", "{name}")')
    lines += [
        "",
        "    def __getattr__(name: str) -> object:",
    ]
    for (_, name), alias in refs:
        lines += [f'        if name == "{name}":', f"            return {alias}.resolve()"]
    lines += ['        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")', ""]
    return lines


def _relative(here: str, target: str, depth: int) -> str:
    """A relative import path from module ``here`` to module ``target``."""
    here_pkg = here.split(".")[:-1]
    parts = target.split(".")
    common = 0
    while common < len(here_pkg) and common < len(parts) and here_pkg[common] == parts[common]:
        common += 1
    ups = len(here_pkg) - common
    return "." * (ups + 1) + ".".join(parts[common:])
