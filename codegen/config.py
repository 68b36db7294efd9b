"""Our generator config: ``codegen/config/<area>.yaml``, one file per API area.

Each file has up to four sections; module paths are relative to ``openai.types``::

    types:                       # public types backed by a spec schema
      chat.chat_completion_chunk:
        ChatCompletionChunk: CreateChatCompletionStreamResponse    # a component name
        # or a pointer below #/components/schemas/ (or a full '#/paths/...' pointer),
        # or a mapping with options:
        #   {schema: ..., side: model|param, names: {<path>: <Name>}, skip: [<path>],
        #    alias_of: '<module>:<Name>',   (a second name for an existing definition)
        #    inline: [<path>],              (inline there even if a public type fits)
        #    refs: {<path>: '<module>:<Name>'},  (use that public type there)
        #    scope: [<package>],            (only packages that may reference this type)
        #    primary: true,                 (preferred when public types share a schema)
        #    private: true,                 (never referenced by other types)
        #    rename: {<path>: <python name>},  (a model field's Python name)
        #    optional: [<path>],            (a model field the spec requires but 2.38 does
        #                                    not have: servers may leave it out)
        #    union_of: ['<module>:<Name>', ...],  (a union the spec does not name)
        #    mixin: '<module>:<Class>',     (a handwritten class the model inherits first,
        #                                    for helper properties; left out while its
        #                                    module does not exist)
        #    lazy: ['<module>:<Name>']}     (types this module refers to through
        #                                    openai._lazy_type.LazyType: imported, and
        #                                    their validator built, when a value needs them)
    params:                      # request params of an operation (the ``*_params`` modules)
      chat.completion_create_params:
        CompletionCreateParams: {operation: createChatCompletion}
    handwritten:                 # modules written by hand; the lazy __init__ exports them
      chat.parsed_chat_completion: [ParsedChatCompletion, ParsedChoice]
    reexports:                   # package exports defined in a sub-package
      - {package: '', name: ChatModel, from: shared}
    imports:                     # names a module imports without using them, because
      responses.tool:            # 2.38's module imports (and so exposes) them there
        - 'responses.web_search_tool:Filters as WebSearchToolFilters'
    packages: [beta.chat]        # packages that exist with no exports of their own
    resources:                   # the resource tree (``client.chat.completions``)
      chat.completions:          # attribute path from the client
        class: Completions       # sync class name (Async<class> is the async one)
        methods:
          create: {operation: createChatCompletion, returns: 'chat.chat_completion:ChatCompletion',
                   stream: 'chat.chat_completion_chunk:ChatCompletionChunk'}

The keys of a resource and of a method are documented on ``ResourceEntry`` and
``MethodEntry`` below.

``names`` keys are paths of nested definitions inside the type, written as the
dotted property path (``choices.delta``; ``[]`` is implied for arrays, variants
are named ``<path>.<variant tag>``); the value is the class name to use there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped, unused-ignore]

from .jsonval import as_dict, get_dict, get_list, get_str, is_dict, str_dict, str_list
from .paths import CONFIG_DIR

TYPES = "openai.types"


class ConfigError(Exception):
    pass


def full_module(rel: str) -> str:
    return TYPES if rel in ("", ".") else f"{TYPES}.{rel}"


def _str_dict() -> dict[str, str]:
    return {}


def _str_list() -> list[str]:
    return []


def _any_dict() -> dict[str, Any]:
    return {}


@dataclass
class TypeEntry:
    module: str  # full dotted path
    name: str
    schema: str | None
    side: str  # "model" or "param"
    area: str
    names: dict[str, str] = field(default_factory=_str_dict)
    skip: list[str] = field(default_factory=_str_list)
    alias_of: str | None = None  # "<full module>:<Name>"
    options: dict[str, Any] = field(default_factory=_any_dict)


@dataclass
class ParamsEntry:
    module: str
    name: str
    operation: str
    area: str
    names: dict[str, str] = field(default_factory=_str_dict)
    skip: list[str] = field(default_factory=_str_list)
    options: dict[str, Any] = field(default_factory=_any_dict)


@dataclass
class ReExportEntry:
    package: str
    name: str
    source: str  # full module/package path the name comes from
    area: str


def _types() -> list[TypeEntry]:
    return []


def _params() -> list[ParamsEntry]:
    return []


def _reexports() -> list[ReExportEntry]:
    return []


def _handwritten() -> dict[str, list[str]]:
    return {}


def _methods() -> list[MethodEntry]:
    return []


@dataclass
class MethodEntry:
    """One generated method of a resource.

    ``returns``: ``'<module>:<Name>'`` (relative to ``openai.types``), or
    ``binary`` (``HttpxBinaryResponseContent``), ``str`` (text) or ``none`` (no body);
    with ``page`` it is the item type of the page class (``CursorPage``, ...).
    ``stream``: the event/chunk type when the method streams (SSE).
    ``accept``: the Accept header the method sends (binary and text endpoints).
    ``multipart``: ``always`` (the spec also offers JSON, the method sends
    multipart) or ``if_files`` (JSON unless a file is given).
    ``deprecated``: the warning text (``typing_extensions.deprecated``).
    ``params``: ``'<module>:<Class>'``, the params TypedDict when several share an operation.
    ``returns_by``: ``{param: <name>, values: {<value>: <returns>}}``, the return
    type chosen by a parameter's value (``response_format``); ``returns`` is the default.
    ``content``: ``{param: <name>, type: <mime>}``, send that parameter as the raw
    body with that content type when it is the only one given.
    ``legacy``: for an operation whose spec no longer matches what 2.38 accepts:
    ``{optional: [<required param kept optional>], params: [<extra body param>],
    defaults: not_given}`` (extra params are typed ``object``).
    ``tests``: ``{xfail: {<part of a test name, or *>: <reason>}}`` for the
    generated mock-server tests, where the mock server and 2.38 disagree.
    ``default``: ``{param: <name>, value: <value>, pre_parser: '<module>:<function>'}``,
    the value sent when the caller leaves the parameter out, and the handwritten
    function that turns that answer's JSON into the shape the return type declares
    (passed as the request's ``pre_parser`` in that case only): ``embeddings.create`` sends
    ``encoding_format="base64"`` and decodes the vectors.
    """

    name: str
    operation: str
    returns: str
    page: str | None = None
    stream: str | None = None
    accept: str | None = None
    multipart: str | None = None
    deprecated: str | None = None
    params: str | None = None
    returns_by: dict[str, Any] | None = None
    content: dict[str, str] | None = None
    legacy: dict[str, Any] | None = None
    tests: dict[str, Any] | None = None
    default: dict[str, str] | None = None


@dataclass
class ResourceEntry:
    """A resource class (``client.<path>``), sync and async, with its views.

    ``class``: the sync class name; ``module``: its module relative to
    ``openai.resources`` (default: ``a/b.py``, or ``a/b/b.py`` when it has
    nested resources or ``package: true``).
    ``mixin`` / ``async_mixin``: ``'<module>:<Class>'``, or a list of them: handwritten
    classes the generated classes inherit, in that order, before the resource base
    (helper methods); each is skipped while its module does not exist. ``helpers``: ``{<mixin method>: both|raw|streaming}``, the mixin's
    methods the raw / streaming views wrap too.
    ``headers``: extra headers every method of the resource (and nested ones) sends.
    ``views: false``: no ``with_raw_response`` / ``with_streaming_response``.
    ``in_parent_views: false``: the parent's views do not offer this one.
    ``exported: false``: the parent package does not export its classes.
    ``alias_of``: the path of another resource this attribute builds (``beta.chat``).
    ``exports``: ``{<name>: '<module>'}`` names the module re-exports lazily
    from handwritten modules.
    """

    path: str
    cls: str
    area: str
    module: str | None = None
    package: bool = False
    mixins: list[str] = field(default_factory=_str_list)
    async_mixins: list[str] = field(default_factory=_str_list)
    helpers: dict[str, str] = field(default_factory=_str_dict)
    headers: dict[str, str] = field(default_factory=_str_dict)
    views: bool = True
    in_parent_views: bool = True
    exported: bool = True
    alias_of: str | None = None
    exports: dict[str, str] = field(default_factory=_str_dict)
    methods: list[MethodEntry] = field(default_factory=_methods)


def _resources() -> list[ResourceEntry]:
    return []


@dataclass(frozen=True)
class ImportEntry:
    """``imports:``: a name a generated module imports only to expose it (the
    official module imports it for its own annotations, and libraries import it
    from there). ``name`` is the name in ``source``, ``alias`` the one it gets here."""

    module: str
    source: str
    name: str
    alias: str


def _imports() -> list[ImportEntry]:
    return []


@dataclass
class Config:
    types: list[TypeEntry] = field(default_factory=_types)
    params: list[ParamsEntry] = field(default_factory=_params)
    handwritten: dict[str, list[str]] = field(default_factory=_handwritten)
    reexports: list[ReExportEntry] = field(default_factory=_reexports)
    area_of_module: dict[str, str] = field(default_factory=_str_dict)
    packages: list[str] = field(default_factory=_str_list)
    resources: list[ResourceEntry] = field(default_factory=_resources)
    imports: list[ImportEntry] = field(default_factory=_imports)

    def modules(self) -> list[str]:
        mods = {t.module for t in self.types} | {p.module for p in self.params}
        return sorted(mods)


def default_side(module: str, name: str) -> str:
    last = module.rsplit(".", 1)[-1]
    if ".shared_params." in module + "." or last.endswith(("_params", "_param")):
        return "param"
    return "model"


def _entry_options(value: object, where: str) -> dict[str, Any]:
    if value is None:
        return {"schema": None}
    if isinstance(value, str):
        return {"schema": value}
    if is_dict(value):
        return dict(value)
    raise ConfigError(f"{where}: expected a schema pointer or a mapping, got {value!r}")


# keys kept in ``options``: inline (paths that do not use public types),
# refs (path -> 'module:Name' forced), scope (packages that may reference this type),
# streaming (false: no Base/NonStreaming/Streaming split)
# primary (wins when several public types share a schema), private (never
# referenced from other types: a per-operation copy of a shared schema)
_OPTION_KEYS = {
    "inline",
    "refs",
    "scope",
    "streaming",
    "primary",
    "private",
    "rename",
    "union_of",
    "optional",
    "mixin",
    "lazy",
}
_TYPE_KEYS = {"schema", "side", "names", "skip", "alias_of", "options"} | _OPTION_KEYS
_PARAMS_KEYS = {"operation", "names", "skip", "options"} | _OPTION_KEYS
_SECTIONS = {"types", "params", "handwritten", "reexports", "packages", "resources", "imports"}
_RESOURCE_KEYS = {
    "class",
    "module",
    "package",
    "mixin",
    "async_mixin",
    "helpers",
    "headers",
    "views",
    "in_parent_views",
    "exported",
    "alias_of",
    "exports",
    "methods",
}
_METHOD_KEYS = {
    "operation",
    "returns",
    "page",
    "stream",
    "accept",
    "multipart",
    "deprecated",
    "params",
    "returns_by",
    "content",
    "legacy",
    "tests",
    "default",
}


def _default_entry(value: object, where: str) -> dict[str, str]:
    entry = str_dict(value)
    if set(entry) != {"param", "value", "pre_parser"} or ":" not in entry["pre_parser"]:
        raise ConfigError(f"{where}.default: needs param, value and pre_parser ('module:function')")
    return entry


def load(config_dir: Path = CONFIG_DIR) -> Config:
    cfg = Config()
    for path in sorted(config_dir.glob("*.yaml")):
        _load_area(cfg, path)
    _check_unique(cfg)
    return cfg


def _load_area(cfg: Config, path: Path) -> None:
    area = path.stem
    data = as_dict(yaml.load(path.read_text(), Loader=yaml.CSafeLoader))
    unknown = set(data) - _SECTIONS
    if unknown:
        raise ConfigError(f"{path.name}: unknown sections {sorted(unknown)}")
    for rel, entries in get_dict(data, "types").items():
        module = full_module(rel)
        cfg.area_of_module[module] = area
        for name, value in as_dict(entries).items():
            where = f"{path.name}: types.{rel}.{name}"
            opts = _entry_options(value, where)
            bad = set(opts) - _TYPE_KEYS
            if bad:
                raise ConfigError(f"{where}: unknown keys {sorted(bad)}")
            alias_of = get_str(opts, "alias_of")
            if alias_of and ":" in alias_of:
                mod, _, target = alias_of.partition(":")
                alias_of = f"{full_module(mod)}:{target}"
            cfg.types.append(
                TypeEntry(
                    module=module,
                    name=name,
                    schema=get_str(opts, "schema"),
                    side=get_str(opts, "side") or default_side(module, name),
                    area=area,
                    names=str_dict(opts.get("names")),
                    skip=str_list(opts.get("skip")),
                    alias_of=alias_of,
                    options=_options(opts),
                )
            )
    for rel, entries in get_dict(data, "params").items():
        module = full_module(rel)
        cfg.area_of_module[module] = area
        for name, value in as_dict(entries).items():
            where = f"{path.name}: params.{rel}.{name}"
            operation = get_str(value, "operation")
            if operation is None:
                raise ConfigError(f"{where}: expected {{operation: <operationId>}}")
            bad = set(as_dict(value)) - _PARAMS_KEYS
            if bad:
                raise ConfigError(f"{where}: unknown keys {sorted(bad)}")
            cfg.params.append(
                ParamsEntry(
                    module=module,
                    name=name,
                    operation=operation,
                    area=area,
                    names=str_dict(get_dict(value, "names")),
                    skip=str_list(as_dict(value).get("skip")),
                    options=_options(as_dict(value)),
                )
            )
    for rel, names in get_dict(data, "handwritten").items():
        module = full_module(rel)
        cfg.area_of_module[module] = area
        cfg.handwritten[module] = str_list(names)
    _load_resources(cfg, data, path)
    _load_imports(cfg, data, path)
    for rel in str_list(data.get("packages")):
        cfg.packages.append(full_module(rel))
        cfg.area_of_module[full_module(rel)] = area
    for item in get_list(data, "reexports"):
        package, export, source = (
            get_str(item, "package"),
            get_str(item, "name"),
            get_str(item, "from"),
        )
        if package is None or export is None or source is None:
            raise ConfigError(f"{path.name}: reexports entries need package, name and from: {item!r}")
        cfg.reexports.append(
            ReExportEntry(
                package=full_module(package),
                name=export,
                source=full_module(source),
                area=area,
            )
        )


_IMPORT = re.compile(r"^([\w.]*):(\w+)(?: as (\w+))?$")


def _load_imports(cfg: Config, data: dict[str, Any], path: Path) -> None:
    for rel, refs in get_dict(data, "imports").items():
        for ref in str_list(refs):
            m = _IMPORT.match(ref)
            if m is None:
                raise ConfigError(f"{path.name}: imports.{rel}: expected '<module>:<Name>[ as <Alias>]', got {ref!r}")
            source, name, alias = m.groups()
            cfg.imports.append(ImportEntry(full_module(rel), full_module(source), name, alias or name))


def _mixin_refs(value: object, where: str) -> list[str]:
    """``mixin: '<module>:<Class>'`` or a list of such references."""
    refs = [value] if isinstance(value, str) else value if isinstance(value, list) else [] if value is None else None
    if refs is None or not all(isinstance(r, str) and r.count(":") == 1 for r in refs):
        raise ConfigError(f"{where}: expected '<module>:<Class>' or a list of them, got {value!r}")
    names = [str(r).partition(":")[2] for r in refs]
    if len(set(names)) != len(names):
        raise ConfigError(f"{where}: two mixins share a class name ({names}); the generated module imports both")
    return [str(r) for r in refs]


def _load_resources(cfg: Config, data: dict[str, Any], path: Path) -> None:
    for res_path, value in get_dict(data, "resources").items():
        where = f"{path.name}: resources.{res_path}"
        opts = as_dict(value) if value is not None else {}
        bad = set(opts) - _RESOURCE_KEYS
        if bad:
            raise ConfigError(f"{where}: unknown keys {sorted(bad)}")
        methods: list[MethodEntry] = []
        for name, raw in get_dict(opts, "methods").items():
            m = as_dict(raw)
            bad = set(m) - _METHOD_KEYS
            if bad:
                raise ConfigError(f"{where}.{name}: unknown keys {sorted(bad)}")
            operation, returns = get_str(m, "operation"), get_str(m, "returns")
            if operation is None or returns is None:
                raise ConfigError(f"{where}.{name}: needs operation and returns")
            methods.append(
                MethodEntry(
                    name=name,
                    operation=operation,
                    returns=returns,
                    page=get_str(m, "page"),
                    stream=get_str(m, "stream"),
                    accept=get_str(m, "accept"),
                    multipart=get_str(m, "multipart"),
                    deprecated=get_str(m, "deprecated"),
                    params=get_str(m, "params"),
                    returns_by=as_dict(m["returns_by"]) if "returns_by" in m else None,
                    content=str_dict(m["content"]) if "content" in m else None,
                    legacy=as_dict(m["legacy"]) if "legacy" in m else None,
                    tests=as_dict(m["tests"]) if "tests" in m else None,
                    default=_default_entry(m["default"], f"{where}.{name}") if "default" in m else None,
                )
            )
        last = res_path.rsplit(".", 1)[-1]
        cfg.resources.append(
            ResourceEntry(
                path=res_path,
                cls=get_str(opts, "class") or "".join(w[:1].upper() + w[1:] for w in last.split("_")),
                area=path.stem,
                module=get_str(opts, "module"),
                package=opts.get("package") is True,
                mixins=_mixin_refs(opts.get("mixin"), f"{where}.mixin"),
                async_mixins=_mixin_refs(opts.get("async_mixin"), f"{where}.async_mixin"),
                helpers=str_dict(opts.get("helpers")),
                headers=str_dict(opts.get("headers")),
                views=opts.get("views", True) is not False,
                in_parent_views=opts.get("in_parent_views", True) is not False,
                exported=opts.get("exported", True) is not False,
                alias_of=get_str(opts, "alias_of"),
                exports=str_dict(opts.get("exports")),
                methods=methods,
            )
        )


def _options(opts: dict[str, Any]) -> dict[str, Any]:
    out = dict(as_dict(opts.get("options")))
    out.update({k: v for k, v in opts.items() if k in _OPTION_KEYS})
    return out


def _check_unique(cfg: Config) -> None:
    seen: dict[str, str] = {}
    for t in cfg.types:
        key = f"{t.module}:{t.name}"
        if key in seen:
            raise ConfigError(f"{key} is configured twice ({seen[key]} and {t.area})")
        seen[key] = t.area
    for p in cfg.params:
        key = f"{p.module}:{p.name}"
        if key in seen:
            raise ConfigError(f"{key} is configured twice ({seen[key]} and {p.area})")
        seen[key] = p.area
