"""The resource tree: config ``resources:`` sections + spec operations -> what to emit.

Each ``Resource`` knows its class names, its module (``openai.resources.<...>``),
whether it is a package (it has nested resources), its nested resources and its
methods; each ``Method`` carries the signature built from the spec
(``signatures.method_signature``) and the config entry (return type, paging,
streaming, headers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, ConfigError, MethodEntry, ResourceEntry
from .ir import Prim
from .jsonval import str_list
from .lower import Lowered
from .paths import SRC
from .signatures import MethodParam, MethodSignature, method_signature, ordered_params
from .spec import Spec

RESOURCES = "openai.resources"
TYPES = "openai.types"
PAGES = {"Page", "CursorPage", "ConversationCursorPage", "NextCursorPage"}
SPECIAL_RETURNS = {"binary", "str", "none"}


def type_ref(rel: str) -> tuple[str, str]:
    """``'chat.chat_completion:ChatCompletion'`` -> (full module, name)."""
    module, _, name = rel.partition(":")
    return (f"{TYPES}.{module}" if module else TYPES), name


def _methods() -> list[Method]:
    return []


def _no_mixins() -> list[str]:
    return []


def _children() -> list[Resource]:
    return []


def _headers() -> dict[str, str]:
    return {}


@dataclass
class Method:
    name: str
    entry: MethodEntry
    signature: MethodSignature
    headers: dict[str, str] = field(default_factory=_headers)  # fixed headers, in order

    @property
    def path_params(self) -> list[MethodParam]:
        return self.signature.path_params

    @property
    def streams(self) -> bool:
        return self.entry.stream is not None

    @property
    def pages(self) -> bool:
        return self.entry.page is not None

    @property
    def deprecated(self) -> str | None:
        return self.entry.deprecated


@dataclass
class Resource:
    entry: ResourceEntry
    path: str  # "chat.completions"
    cls: str  # "Completions"
    module: str  # "openai.resources.chat.completions.completions"
    parent: Resource | None = None
    children: list[Resource] = field(default_factory=_children)
    methods: list[Method] = field(default_factory=_methods)
    alias: Resource | None = None  # beta.chat -> chat
    mixins: list[str] = field(default_factory=_no_mixins)  # "<module>:<Class>" whose module exists
    async_mixins: list[str] = field(default_factory=_no_mixins)

    def mixins_for(self, is_async: bool) -> list[str]:
        return self.async_mixins if is_async else self.mixins

    @property
    def attr(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def async_cls(self) -> str:
        return "Async" + self.cls

    def view_cls(self, view: str, is_async: bool) -> str:
        suffix = "WithRawResponse" if view == "raw" else "WithStreamingResponse"
        return ("Async" if is_async else "") + self.cls + suffix

    def class_names(self) -> list[str]:
        names = [self.cls, self.async_cls]
        if self.entry.views:
            for view in ("raw", "streaming"):
                names += [self.view_cls(view, False), self.view_cls(view, True)]
        return names

    @property
    def is_package(self) -> bool:
        return bool(self.real_children()) or self.entry.package

    @property
    def package(self) -> str:
        """The package this resource's module lives in."""
        return self.module.rsplit(".", 1)[0]

    def real_children(self) -> list[Resource]:
        return [c for c in self.children if c.alias is None]

    def view_children(self) -> list[Resource]:
        return [c for c in self.children if c.entry.in_parent_views and c.entry.views]

    def walk(self) -> list[Resource]:
        out = [self]
        for c in self.real_children():
            out += c.walk()
        return out


@dataclass
class Tree:
    top: list[Resource]
    by_path: dict[str, Resource]

    def resources(self) -> list[Resource]:
        out: list[Resource] = []
        for r in self.top:
            out += r.walk()
        return out


def _module_of(path: str, is_package: bool, override: str | None) -> str:
    if override:
        return f"{RESOURCES}.{override}"
    parts = path.split(".")
    if is_package:
        parts.append(parts[-1])
    return ".".join([RESOURCES, *parts])


def _mixins_present(refs: list[str], warnings: list[str]) -> list[str]:
    """The mixins whose module exists in the source tree (the others are skipped with a
    warning, so a config entry can land before the handwritten module)."""
    present: list[str] = []
    for ref in refs:
        module = ref.partition(":")[0]
        base = SRC / Path(*module.split("."))
        if base.with_suffix(".py").exists() or (base / "__init__.py").exists():
            present.append(ref)
        else:
            warnings.append(f"mixin {ref}: module not found, the generated class does without it")
    return present


def load_tree(spec: Spec, cfg: Config, lowered: Lowered, warnings: list[str] | None = None) -> Tree:
    warn = warnings if warnings is not None else []
    entries = {e.path: e for e in cfg.resources}
    has_children = {p.rsplit(".", 1)[0] for p in entries if "." in p}
    by_path: dict[str, Resource] = {}
    top: list[Resource] = []
    for e in cfg.resources:
        parent_path = e.path.rsplit(".", 1)[0] if "." in e.path else None
        parent = by_path.get(parent_path) if parent_path else None
        if parent_path and parent is None:
            raise ConfigError(f"resource {e.path}: its parent {parent_path} comes later or is missing")
        res = Resource(
            entry=e,
            path=e.path,
            cls=e.cls,
            module=_module_of(e.path, e.path in has_children or e.package, e.module),
            parent=parent,
            mixins=_mixins_present(e.mixins, warn),
            async_mixins=_mixins_present(e.async_mixins, warn),
        )
        by_path[e.path] = res
        if parent is None:
            top.append(res)
        else:
            parent.children.append(res)
    for res in by_path.values():
        if res.entry.alias_of:
            target = by_path.get(res.entry.alias_of)
            if target is None:
                raise ConfigError(f"resource {res.path}: alias_of {res.entry.alias_of} is not configured")
            res.alias = target
    for res in by_path.values():
        headers = _inherited_headers(res)
        for m in res.entry.methods:
            params = None
            if m.params:
                module, name = type_ref(m.params)
                params = (module, name)
            sig = method_signature(spec, cfg, lowered, m.operation, params_class=params)
            if m.legacy:
                _apply_legacy(sig, m.legacy)
            _check_method(res, m, sig)
            res.methods.append(Method(name=m.name, entry=m, signature=sig, headers=_method_headers(m, headers)))
    return Tree(top=top, by_path=by_path)


def _inherited_headers(res: Resource) -> dict[str, str]:
    chain: list[Resource] = []
    r: Resource | None = res
    while r is not None:
        chain.append(r)
        r = r.parent
    out: dict[str, str] = {}
    for r in reversed(chain):
        out.update(r.entry.headers)
    return out


def _method_headers(m: MethodEntry, inherited: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    if m.accept:
        out["Accept"] = m.accept
    elif m.returns == "none":
        out["Accept"] = "*/*"
    out.update(inherited)
    return out


def _apply_legacy(sig: MethodSignature, legacy: dict[str, object]) -> None:
    """Keep the parameters 2.38 accepted where the spec has moved on."""
    optional = set(str_list(legacy.get("optional")))
    for p in sig.params:
        if p.name in optional:
            p.required = False
    known = {p.name for p in sig.params}
    for name in str_list(legacy.get("params")):
        if name not in known:
            sig.params.append(MethodParam(name, name, "body", Prim("object"), required=False))
    sig.params = ordered_params(sig.params)


def _check_method(res: Resource, m: MethodEntry, sig: MethodSignature) -> None:
    where = f"resource {res.path}.{m.name}"
    if m.page is not None and m.page not in PAGES:
        raise ConfigError(f"{where}: page must be one of {sorted(PAGES)}")
    if m.returns not in SPECIAL_RETURNS and ":" not in m.returns:
        raise ConfigError(f"{where}: returns must be 'module:Name' or one of {sorted(SPECIAL_RETURNS)}")
    if m.stream is not None and not any(p.name == "stream" for p in sig.params):
        raise ConfigError(f"{where}: streams but the operation has no `stream` parameter")
    if m.multipart not in (None, "always", "if_files"):
        raise ConfigError(f"{where}: multipart must be always or if_files")
