"""Resource tree -> ``src/openai/resources/**`` source text.

One module per resource with six classes: the sync and async resource and
their ``with_raw_response`` / ``with_streaming_response`` views. The rules
(see docs/ARCHITECTURE.md, "Contract: generated resources -> runtime"):

- resource modules import no type module at run time: annotations are
  postponed and their imports sit under ``TYPE_CHECKING``; ``cast_to``, page
  and item types are string references the runtime resolves on first use;
- nested resources and views are ``cached_property``s that import their module
  when first touched;
- a method body is a dict literal of the body (and query) parameters plus the
  per-request options; only multipart bodies get extra code (``extract_files``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .emit_init import render_package
from .emit_types import Imports
from .ir import PackageIR, Prim
from .paths import HEADER
from .resources import RESOURCES, Method, Resource, Tree, type_ref
from .signatures import MethodParam, render_annotation

OPTIONS = [
    ("extra_headers", "Headers | None", "None"),
    ("extra_query", "Query | None", "None"),
    ("extra_body", "Body | None", "None"),
    ("timeout", "float | httpx.Timeout | None | NotGiven", "not_given"),
]
PAGINATION = "openai.pagination"
# names the generated modules bind at module level (kept out of type aliases)
RESERVED = {
    "annotations",
    "cached_property",
    "overload",
    "quote",
    "deprecated",
    "make_request_options",
    "omit",
    "not_given",
    "NoneType",
    "Stream",
    "AsyncStream",
    "SyncAPIResource",
    "AsyncAPIResource",
    "TYPE_CHECKING",
    "httpx",
    "Headers",
    "Query",
    "Body",
    "Omit",
    "NotGiven",
    "FileTypes",
    "SequenceNotStr",
    "extract_files",
}


def relative(here: str, target: str) -> str:
    """A relative import of module ``target`` from module ``here``."""
    here_pkg = here.split(".")[:-1]
    parts = target.split(".")
    common = 0
    while common < len(here_pkg) and common < len(parts) and here_pkg[common] == parts[common]:
        common += 1
    return "." * (len(here_pkg) - common + 1) + ".".join(parts[common:])


def _ref_string(rel: str) -> str:
    module, name = type_ref(rel)
    return f"{module}:{name}"


def _dict_literal(params: list[MethodParam]) -> str:
    return "{" + ", ".join(f'"{p.api_name}": {p.name}' for p in params) + "}"


def _strings() -> list[str]:
    return []


@dataclass
class ModuleState:
    """What one resource module needs besides its classes."""

    module: str
    imp: Imports
    runtime: set[str] = field(default_factory=set)  # names imported at run time (by key)
    checking: dict[str, set[str]] = field(default_factory=dict)  # TYPE_CHECKING imports
    constants: list[str] = field(default_factory=_strings)
    functions: dict[str, set[str]] = field(default_factory=dict)  # handwritten, imported at run time
    lowered: Any = None  # the types IR (for file fields inside params)

    def need(self, key: str) -> None:
        self.runtime.add(key)

    def check(self, module: str, name: str) -> None:
        self.checking.setdefault(module, set()).add(name)

    def type_name(self, rel_or_module: str, name: str | None = None) -> str:
        """A type for annotations (imported under TYPE_CHECKING), aliased on clashes."""
        from .ir import Ref

        if name is None:
            module, name = type_ref(rel_or_module)
        else:
            module = rel_or_module
        if _RUNTIME_IMPORTS.get(name) == (module, name):
            self.need(name)  # imported at run time anyway (``Stream``)
            return name
        return self.imp.ref(Ref(module, name), quote=False)


# --- signatures --------------------------------------------------------------


@dataclass
class Param:
    name: str
    annotation: str
    default: str | None  # None: required
    kw_only: bool = True


def _params(m: Method, st: ModuleState) -> list[Param]:
    out: list[Param] = []
    path = m.path_params
    if path:
        out.append(Param(path[-1].name, "str", None, kw_only=False))
        for p in path[:-1]:
            out.append(Param(p.name, "str", None))
    legacy_default = (m.entry.legacy or {}).get("defaults") == "not_given"
    for p in m.signature.params:
        ann = render_annotation(p, st.imp)
        if p.required:
            out.append(Param(p.name, ann, None))
        elif legacy_default:
            out.append(Param(p.name, f"{ann} | NotGiven", "not_given"))
        else:
            out.append(Param(p.name, f"{ann} | Omit", "omit"))
    for name, ann, default in OPTIONS:
        out.append(Param(name, ann, default))
    return out


def _render_params(params: list[Param]) -> str:
    lines = ["self,"]
    star = False
    for p in params:
        if p.kw_only and not star:
            lines.append("*,")
            star = True
        default = "" if p.default is None else f" = {p.default}"
        lines.append(f"{p.name}: {p.annotation}{default},")
    return "\n".join(lines)


def _replace(params: list[Param], name: str, new: Param | None, *, front: bool = False) -> list[Param]:
    """``params`` with ``name`` replaced by ``new`` (dropped when None); ``front``
    moves it after the positional and required ones (where a required overload
    parameter reads best)."""
    rest = [p for p in params if p.name != name]
    if new is None:
        return rest
    if front:
        at = next((i for i, p in enumerate(rest) if p.kw_only and p.default is not None), len(rest))
        return rest[:at] + [new] + rest[at:]
    at = next(i for i, p in enumerate(params) if p.name == name)
    return params[:at] + [new] + params[at + 1 :]


# --- return types --------------------------------------------------------------


def _model_return(rel: str, st: ModuleState) -> str:
    if rel == "binary":
        return st.type_name("openai._legacy_response", "HttpxBinaryResponseContent")
    if rel == "str":
        return "str"
    if rel == "none":
        return "None"
    return st.type_name(rel)


def _return_annotation(m: Method, st: ModuleState, is_async: bool) -> str:
    e = m.entry
    if e.page:
        item = st.type_name(e.returns)
        page = st.type_name(PAGINATION, ("Async" if is_async else "Sync") + e.page)
        if is_async:
            paginator = st.type_name("openai._pagination_base", "AsyncPaginator")
            return f"{paginator}[{item}, {page}[{item}]]"
        return f"{page}[{item}]"
    return _model_return(e.returns, st)


def _stream_annotation(m: Method, st: ModuleState, is_async: bool) -> str:
    assert m.entry.stream is not None
    cls = st.type_name("openai._streaming", "AsyncStream" if is_async else "Stream")
    return f"{cls}[{st.type_name(m.entry.stream)}]"


def _cast_to(rel: str, st: ModuleState) -> str:
    if rel == "binary":
        return '"openai._legacy_response:HttpxBinaryResponseContent"'
    if rel == "str":
        return "str"
    if rel == "none":
        st.need("NoneType")
        return "NoneType"
    return f'"{_ref_string(rel)}"'


# --- method bodies --------------------------------------------------------------


def _file_paths(p: MethodParam, st: ModuleState) -> list[list[str]]:
    """Where files sit in a body parameter (``extract_files`` paths)."""
    from .ir import AliasDef, ClassDef, ListOf, Ref, UnionOf

    out: list[list[str]] = []
    seen: set[tuple[str, str]] = set()

    def walk(t: object, path: list[str], depth: int) -> None:
        if depth > 8:
            return
        if isinstance(t, Prim):
            if t.name == "FileTypes" and path not in out:
                out.append(path)
        elif isinstance(t, ListOf):
            walk(t.item, path + ["<array>"], depth + 1)
        elif isinstance(t, UnionOf):
            for member in t.members:
                walk(member, path, depth + 1)
        elif isinstance(t, Ref):
            key = (t.module, t.name)
            if key in seen:
                return
            seen.add(key)
            d = st.lowered.modules[t.module].get(t.name) if t.module in st.lowered.modules else None
            if isinstance(d, AliasDef):
                walk(d.type, path, depth + 1)
            elif isinstance(d, ClassDef):
                for f in d.fields:
                    walk(f.type, path + [f.api_name], depth + 1)
            seen.discard(key)

    walk(p.type, [p.api_name], 0)
    return out


def _path_expr(m: Method, st: ModuleState) -> str:
    url = m.signature.operation.url
    if not m.path_params:
        return f'"{url}"'
    st.need("quote")
    for p in m.path_params:
        url = url.replace("{" + p.api_name + "}", "{quote(str(" + p.name + "), safe='')}")
    return f'f"{url}"'


def _options_call(m: Method, query: str | None) -> str:
    args = [
        "extra_headers=extra_headers",
        "extra_query=extra_query",
        "extra_body=extra_body",
        "timeout=timeout",
    ]
    if query:
        args.append(f"query={query}")
    if m.signature.operation.security and any("AdminApiKeyAuth" in s for s in m.signature.operation.security):
        args.append('security={"admin_api_key_auth": True}')
    return "make_request_options(" + ", ".join(args) + ")"


def _body_lines(m: Method, st: ModuleState, is_async: bool, aw: str) -> list[str]:
    e = m.entry
    sig = m.signature
    op = sig.operation
    lines: list[str] = []
    for p in m.path_params:
        lines.append(f"if not {p.name}:")
        lines.append(f'    raise ValueError(f"Expected a non-empty value for `{p.name}` but received {{{p.name}!r}}")')
    headers = dict(m.headers)
    body_params = [p for p in sig.params if p.location == "body"]
    if e.content:
        return lines + _content_lines(m, st, aw, body_params, headers)
    query_params = [p for p in sig.params if p.location == "query"]
    query = _dict_literal(query_params) if query_params else None
    options = _options_call(m, query)
    if e.default:
        lines += _default_lines(e.default, st, options)
        options = "request_options"
    multipart = sig.is_multipart or e.multipart in ("always", "if_files")
    files_expr: str | None = None
    st.need("make_request_options")
    if multipart:
        paths: list[list[str]] = []
        for p in body_params:
            paths += _file_paths(p, st)
        st.need("extract_files")
        lines.append(f"request_body = {_dict_literal(body_params)}")
        lines.append(f"request_files = extract_files(request_body, paths={paths!r})")
        if e.multipart == "if_files":
            files_expr = "request_files or None"
        else:
            headers["Content-Type"] = "multipart/form-data"
            files_expr = "request_files"
    if headers:
        items = ", ".join(f'"{k}": "{v}"' for k, v in headers.items())
        lines.append(f"extra_headers = {{{items}, **(extra_headers or {{}})}}")
    if multipart and e.multipart == "if_files":
        lines.append("if request_files:")
        lines.append('    extra_headers = {"Content-Type": "multipart/form-data", **(extra_headers or {})}')
    path = _path_expr(m, st)
    method = op.method.lower()
    if e.page:
        page = f'"{PAGINATION}:{"Async" if is_async else "Sync"}{e.page}"'
        args = [path, f"page={page}", f"options={options}", f'model="{_ref_string(e.returns)}"']
        if method != "get":
            args.insert(2, f"body={_dict_literal(body_params)}")
            args.append(f'method="{method}"')
        lines.append(f"return self._get_api_list({', '.join(args)})")
        return lines
    cast = _cast_expr(m, st)
    args = [path]
    if multipart:
        args += ["body=request_body", f"files={files_expr}"]
    elif body_params:
        args.append(f"body={_dict_literal(body_params)}")
    args += [f"options={options}", f"cast_to={cast}"]
    if m.streams:
        st.need("AsyncStream" if is_async else "Stream")
        args += ["stream=bool(stream)", f"stream_cls={'AsyncStream' if is_async else 'Stream'}"]
    lines.append(f"return {aw}self._{method}({', '.join(args)})")
    return lines


def _default_lines(default: dict[str, str], st: ModuleState, options: str) -> list[str]:
    """The configured value for a parameter the caller left out, and the handwritten
    JSON pre-parser that applies in that case only. ``pre_parser`` is our own
    request option, set on the options dict so that ``make_request_options`` keeps
    the official signature."""
    param = default["param"]
    module, _, function = default["pre_parser"].partition(":")
    st.functions.setdefault(module, set()).add(function)
    return [
        f"request_options = {options}",
        f"if {param} is omit or {param} is not_given:",
        f"    {param} = {json.dumps(default['value'])}",
        f'    request_options["pre_parser"] = {function}',
    ]


def _content_lines(
    m: Method, st: ModuleState, aw: str, body_params: list[MethodParam], headers: dict[str, str]
) -> list[str]:
    """One parameter is the body itself (``application/sdp``) when it is the only
    one given; otherwise each parameter is a multipart part: that one with its
    media type, the others as JSON."""
    assert m.entry.content is not None
    param, mime = m.entry.content["param"], m.entry.content["type"]
    others = [p for p in body_params if p.name != param]
    st.need("Omit")
    st.need("NotGiven")
    method = m.signature.operation.method.lower()
    path = _path_expr(m, st)
    options = _options_call(m, None)
    cast = _cast_to(m.entry.returns, st)
    fixed = ", ".join(f'"{k}": "{v}"' for k, v in headers.items())
    fixed = fixed + ", " if fixed else ""
    data = f"{param}.encode() if isinstance({param}, str) else {param}"
    lines = [
        "if " + (" and ".join(f"isinstance({o.name}, (Omit, NotGiven))" for o in others) or "True") + ":",
        f'    extra_headers = {{{fixed}"Content-Type": "{mime}", **(extra_headers or {{}})}}',
        f"    return {aw}self._{method}({path}, content={data}, options={options}, cast_to={cast})",
        f'request_files: List[Any] = [("{param}", (None, {data}, "{mime}"))]',
    ]
    st.need("List")
    st.need("Any")
    if others:
        st.need("encode_json")
    for o in others:
        lines.append(f"if not isinstance({o.name}, (Omit, NotGiven)):")
        lines.append(f'    request_files.append(("{o.api_name}", (None, encode_json({o.name}), "application/json")))')
    lines.append(f'extra_headers = {{{fixed}"Content-Type": "multipart/form-data", **(extra_headers or {{}})}}')
    lines.append(f"return {aw}self._{method}({path}, files=request_files, options={options}, cast_to={cast})")
    return lines


def _cast_expr(m: Method, st: ModuleState) -> str:
    e = m.entry
    model = _cast_to(e.returns, st)
    if e.returns_by:
        name = f"_{m.name.upper()}_RETURNS"
        values = e.returns_by["values"]
        items = ", ".join(f'"{k}": {_cast_to(str(v), st)}' for k, v in values.items())
        const = f"{name}: Dict[object, Any] = {{{items}}}"
        if const not in st.constants:
            st.constants.append(const)
            st.need("Dict")
            st.need("Any")
        model = f"{name}.get({e.returns_by['param']}, {model})"
    if m.streams:
        assert e.stream is not None
        return f'"{_ref_string(e.stream)}" if stream else {model}'
    return model


# --- methods -------------------------------------------------------------------


def _def(name: str, params: list[Param], ret: str, is_async: bool, overload: bool, deprecated: str | None) -> list[str]:
    lines: list[str] = []
    if overload:
        lines.append("@overload")
    if deprecated:
        lines.append(f"@deprecated({deprecated!r})")
    prefix = "async def" if is_async else "def"
    lines.append(f"{prefix} {name}(")
    lines += ["    " + line for line in _render_params(params).splitlines()]
    lines.append(f") -> {ret}:" + (" ..." if overload else ""))
    return lines


def _overloads(
    m: Method, params: list[Param], st: ModuleState, is_async: bool
) -> tuple[list[list[str]], str, list[Param]]:
    """Overload signatures, the implementation's return annotation and parameters."""
    e = m.entry
    model = _return_annotation(m, st, is_async)
    out: list[list[str]] = []
    if not m.streams and not e.returns_by:
        return out, model, params
    stream_param = next((p for p in m.signature.params if p.name == "stream"), None)
    off = (
        "Optional[Literal[False]] | Omit" if stream_param is None or stream_param.nullable else "Literal[False] | Omit"
    )
    if stream_param is not None and stream_param.nullable:
        st.imp.typing.add("Optional")
    st.imp.typing_ext.add("Literal")
    groups: list[tuple[str, list[str]]] = []
    if e.returns_by:
        by = e.returns_by["param"]
        for value, target in e.returns_by["values"].items():
            target = str(target)
            for g in groups:
                if g[0] == target:
                    g[1].append(value)
                    break
            else:
                groups.append((target, [value]))
        default = next((g for g in groups if g[0] == e.returns), None)
        for target, values in groups:
            lit = "Literal[" + ", ".join(f'"{v}"' for v in values) + "]"
            if default is not None and target == default[0]:
                new = _replace(params, by, Param(by, f"Union[{lit}, Omit]", "omit"))
                st.imp.typing.add("Union")
                if m.streams:
                    new = _replace(new, "stream", Param("stream", off, "omit"))
            else:
                new = _replace(params, by, Param(by, lit, None), front=True)
                new = _replace(new, "stream", None)
            out.append(_def(m.name, new, _model_return(target, st), is_async, True, m.deprecated))
        model = " | ".join(dict.fromkeys(_model_return(target, st) for target, _ in groups))
    if m.streams:
        chunk = _stream_annotation(m, st, is_async)
        if not e.returns_by:
            out.append(
                _def(
                    m.name,
                    _replace(params, "stream", Param("stream", off, "omit")),
                    model,
                    is_async,
                    True,
                    m.deprecated,
                )
            )
        out.append(
            _def(
                m.name,
                _replace(params, "stream", Param("stream", "Literal[True]", None), front=True),
                chunk,
                is_async,
                True,
                m.deprecated,
            )
        )
        out.append(
            _def(
                m.name,
                _replace(params, "stream", Param("stream", "bool", None), front=True),
                f"{model} | {chunk}",
                is_async,
                True,
                m.deprecated,
            )
        )
        impl = _replace(params, "stream", Param("stream", off.replace(" | Omit", " | Literal[True] | Omit"), "omit"))
        return out, f"{model} | {chunk}", impl
    return out, model, params


def _method_source(m: Method, st: ModuleState, is_async: bool) -> str:
    params = _params(m, st)
    overloads, ret, impl = _overloads(m, params, st, is_async)
    if m.deprecated:
        st.need("deprecated")
    if overloads:
        st.need("overload")
    blocks = ["\n".join(o) for o in overloads]
    is_coroutine = is_async and not m.pages
    aw = "await " if is_coroutine else ""
    lines = _def(m.name, impl, ret, is_coroutine, False, m.deprecated)
    op = m.signature.operation
    lines.append(f'    """{op.method.upper()} {op.url}"""')
    lines += ["    " + line for line in _body_lines(m, st, is_async, aw)]
    blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- classes -------------------------------------------------------------------


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.splitlines())


def _child_import(res: Resource, child: Resource, names: list[str]) -> str:
    target = child.alias if child.alias is not None else child
    return f"from {relative(res.module, target.module)} import {', '.join(names)}"


def _resource_class(res: Resource, st: ModuleState, is_async: bool) -> str:
    cls = res.async_cls if is_async else res.cls
    base = "AsyncAPIResource" if is_async else "SyncAPIResource"
    st.need(base)
    bases = [*(_mixin_name(m) for m in res.mixins_for(is_async)), base]
    parts: list[str] = [f'"""`client.{res.path}` ({"async" if is_async else "sync"})."""']
    for child in res.children:
        target = child.alias if child.alias is not None else child
        child_cls = target.async_cls if is_async else target.cls
        parts.append(
            "\n".join(
                [
                    "@cached_property",
                    f"def {child.attr}(self) -> {child_cls}:",
                    f"    {_child_import(res, child, [child_cls])}",
                    "",
                    f"    return {child_cls}(self._client)",
                ]
            )
        )
        st.check(target.module, child_cls)
    if res.entry.views:
        for view in ("raw", "streaming"):
            view_cls = res.view_cls(view, is_async)
            attr = "with_raw_response" if view == "raw" else "with_streaming_response"
            parts.append(
                "\n".join(
                    [
                        "@cached_property",
                        f"def {attr}(self) -> {view_cls}:",
                        f"    return {view_cls}(self)",
                    ]
                )
            )
    for m in res.methods:
        parts.append(_method_source(m, st, is_async))
    if res.children or res.entry.views:
        st.need("cached_property")
    body = "\n\n".join(_indent(p) for p in parts)
    return f"class {cls}({', '.join(bases)}):\n{body}"


def _view_class(res: Resource, st: ModuleState, view: str, is_async: bool) -> str:
    cls = res.view_cls(view, is_async)
    owner = res.async_cls if is_async else res.cls
    field_name = "_" + res.attr
    init = [f"def __init__(self, {res.attr}: {owner}) -> None:"]
    wrappers: dict[str, str] = {}
    lines: list[str] = []
    for m in res.methods:
        binary = m.entry.returns == "binary"
        if view == "raw":
            fn = "async_to_raw_response_wrapper" if is_async else "to_raw_response_wrapper"
            wrappers[fn] = "openai._legacy_response"
            expr = f"{fn}({res.attr}.{m.name})"
        elif binary:
            fn = "async_to_custom_streamed_response_wrapper" if is_async else "to_custom_streamed_response_wrapper"
            resp = "AsyncStreamedBinaryAPIResponse" if is_async else "StreamedBinaryAPIResponse"
            wrappers[fn] = "openai._response"
            wrappers[resp] = "openai._response"
            expr = f"{fn}({res.attr}.{m.name}, {resp})"
        else:
            fn = "async_to_streamed_response_wrapper" if is_async else "to_streamed_response_wrapper"
            wrappers[fn] = "openai._response"
            expr = f"{fn}({res.attr}.{m.name})"
        lines.append(f"self.{m.name} = {expr}")
    for helper, where in res.entry.helpers.items():
        if not res.mixins_for(is_async):
            continue
        if where not in ("both", view):
            continue
        if view == "raw":
            fn = "async_to_raw_response_wrapper" if is_async else "to_raw_response_wrapper"
            wrappers[fn] = "openai._legacy_response"
        else:
            fn = "async_to_streamed_response_wrapper" if is_async else "to_streamed_response_wrapper"
            wrappers[fn] = "openai._response"
        lines.append(f"self.{helper} = {fn}({res.attr}.{helper})")
    by_module: dict[str, list[str]] = {}
    for name, module in sorted(wrappers.items()):
        by_module.setdefault(module, []).append(name)
    for module, names in sorted(by_module.items()):
        init.append(f"    from {relative(res.module, module)} import {', '.join(names)}")
    if by_module:
        init.append("")
    init.append(f"    self.{field_name} = {res.attr}")
    init += ["    " + line for line in lines]
    parts = ["\n".join(init)]
    for child in res.view_children():
        child_view = child.view_cls(view, is_async)
        st.check(child.module, child_view)
        parts.append(
            "\n".join(
                [
                    "@cached_property",
                    f"def {child.attr}(self) -> {child_view}:",
                    f"    {_child_import(res, child, [child_view])}",
                    "",
                    f"    return {child_view}(self.{field_name}.{child.attr})",
                ]
            )
        )
    body = "\n\n".join(_indent(p) for p in parts)
    return f"class {cls}:\n{body}"


def _mixin_name(ref: str) -> str:
    return ref.partition(":")[2]


# --- modules -------------------------------------------------------------------

_RUNTIME_IMPORTS: dict[str, tuple[str, str]] = {
    "SyncAPIResource": ("openai._resource", "SyncAPIResource"),
    "AsyncAPIResource": ("openai._resource", "AsyncAPIResource"),
    "make_request_options": ("openai._base_client", "make_request_options"),
    "Stream": ("openai._streaming", "Stream"),
    "AsyncStream": ("openai._streaming", "AsyncStream"),
    "NoneType": ("openai._types", "NoneType"),
    "Omit": ("openai._types", "Omit"),
    "NotGiven": ("openai._types", "NotGiven"),
    "omit": ("openai._types", "omit"),
    "not_given": ("openai._types", "not_given"),
    "extract_files": ("openai._utils", "extract_files"),
    "encode_json": ("openai._base_client", "encode_json"),
}


def render_resource_module(res: Resource, lowered: object) -> str:
    local = set(res.class_names()) | RESERVED
    for child in res.children:
        target = child.alias or child
        local |= set(target.class_names())
    local |= {_mixin_name(m) for m in [*res.mixins, *res.async_mixins]}
    st = ModuleState(module=res.module, imp=Imports(res.module, local), lowered=lowered)
    st.need("omit")
    st.need("not_given")
    classes = [_resource_class(res, st, False), _resource_class(res, st, True)]
    if res.entry.views:
        for view in ("raw", "streaming"):
            classes += [_view_class(res, st, view, False), _view_class(res, st, view, True)]
    uses_omit = any(not p.required for m in res.methods for p in m.signature.params)
    if not uses_omit:
        st.runtime.discard("omit")
    if not res.methods:
        st.runtime.discard("not_given")
    if res.entry.exports:
        # the lazy re-exports' annotations (``Dict[str, str]``, ``-> Any``)
        st.runtime |= {"Any", "Dict"}
    return _module_text(res, st, classes)


def _module_text(res: Resource, st: ModuleState, classes: list[str]) -> str:
    imp = st.imp
    head = [HEADER.rstrip("\n"), "", f'"""`client.{res.path}`: {res.cls} and {res.async_cls}."""', ""]
    head += ["from __future__ import annotations", ""]
    std: list[str] = []
    if "cached_property" in st.runtime:
        std.append("from functools import cached_property")
    typing_rt = sorted({"overload", "Any", "Dict", "List"} & st.runtime)
    typing_all = sorted(set(imp.typing) | {"TYPE_CHECKING"} | set(typing_rt))
    std.append(f"from typing import {', '.join(typing_all)}")
    if "quote" in st.runtime:
        std.append("from urllib.parse import quote")
    head += std + [""]
    if "deprecated" in st.runtime:
        head += ["from typing_extensions import deprecated", ""]
    internal: dict[str, list[str]] = {}
    for key in sorted(st.runtime):
        if key in _RUNTIME_IMPORTS:
            module, name = _RUNTIME_IMPORTS[key]
            internal.setdefault(module, []).append(name)
    for ref in [*res.mixins, *res.async_mixins]:
        module, _, name = ref.partition(":")
        internal.setdefault(module, []).append(name)
    for module, names in st.functions.items():
        internal.setdefault(module, []).extend(names)
    for module in sorted(internal):
        head.append(f"from {relative(res.module, module)} import {', '.join(sorted(set(internal[module])))}")
    head.append("")
    checking: list[str] = []
    if res.methods:
        checking.append("import httpx")
        checking.append("")
    if imp.typing_ext:
        checking.append(f"from typing_extensions import {', '.join(sorted(imp.typing_ext))}")
    types_names = set(imp.types_names)
    if res.methods:
        types_names |= {"Body", "Headers", "NotGiven", "Omit", "Query"}
    types_names -= {n for n in types_names if n in st.runtime}
    if types_names:
        checking.append(f"from {relative(res.module, 'openai._types')} import {', '.join(sorted(types_names))}")
    if imp.pydantic:
        checking.append(f"from pydantic import {', '.join(sorted(imp.pydantic))}")
    if imp.discriminator:
        checking.append(f"from {relative(res.module, 'openai.types._discriminator')} import by_tag")
    for module in sorted(imp.refs):
        checking.append(f"from {relative(res.module, module)} import {imp.import_line(module)}")
    for module in sorted(st.checking):
        checking.append(f"from {relative(res.module, module)} import {', '.join(sorted(st.checking[module]))}")
    if checking:
        head.append("if TYPE_CHECKING:")
        head += [("    " + line) if line else "" for line in checking]
        head.append("")
    names = res.class_names()
    head.append("__all__ = [" + ", ".join(f'"{n}"' for n in names) + "]")
    head.append("")
    for const in st.constants:
        head.append(const)
    if res.entry.exports:
        head += _lazy_exports(res)
    return "\n".join(head) + "\n\n" + "\n\n\n".join(classes) + "\n"


def _lazy_exports(res: Resource) -> list[str]:
    items = ", ".join(f'"{name}": "{module}"' for name, module in sorted(res.entry.exports.items()))
    return [
        f"_HANDWRITTEN: Dict[str, str] = {{{items}}}",
        "",
        "",
        "def __getattr__(name: str) -> Any:",
        "    # names defined in handwritten modules load on first access",
        "    module = _HANDWRITTEN.get(name)",
        "    if module is None:",
        '        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")',
        "    import importlib",
        "",
        "    value = getattr(importlib.import_module(module), name)",
        "    globals()[name] = value",
        "    return value",
        "",
    ]


# --- packages and the root -------------------------------------------------------


def package_exports(tree: Tree) -> dict[str, PackageIR]:
    """``openai.resources`` and every resource package: its own classes and those
    of its direct (exported) nested resources."""
    pkgs: dict[str, PackageIR] = {RESOURCES: PackageIR(RESOURCES)}

    def add(pkg: str, res: Resource) -> None:
        p = pkgs.setdefault(pkg, PackageIR(pkg))
        for name in res.class_names():
            p.exports[name] = (res.module, name)

    for res in tree.resources():
        if res.is_package:
            add(res.package, res)
        if res.entry.exported:
            parent_pkg = res.parent.package if res.parent is not None else RESOURCES
            add(parent_pkg, res)
    return pkgs


def render_root(tree: Tree) -> str:
    lines = [
        HEADER.rstrip("\n"),
        "",
        '"""The top-level resources of ``OpenAI`` / ``AsyncOpenAI`` (``client.chat``, ...) and the',
        'raw / streaming views of the whole tree. Each module is imported on first access."""',
        "",
        "from __future__ import annotations",
        "",
        "from functools import cached_property",
        "from typing import TYPE_CHECKING, Any",
        "",
        "if TYPE_CHECKING:",
    ]
    for res in tree.top:
        names = [res.cls, res.async_cls]
        if res.entry.views and res.entry.in_parent_views:
            names += [res.view_cls(v, a) for v in ("raw", "streaming") for a in (False, True)]
        lines.append(f"    from {relative(RESOURCES + '._root', res.module)} import {', '.join(sorted(names))}")
    lines += [
        "",
        '__all__ = ["SyncRootResources", "AsyncRootResources", "OpenAIWithRawResponse", "AsyncOpenAIWithRawResponse",'
        ' "OpenAIWithStreamedResponse", "AsyncOpenAIWithStreamedResponse"]',
        "",
    ]
    classes: list[str] = []
    for is_async in (False, True):
        cls = "AsyncRootResources" if is_async else "SyncRootResources"
        client = "AsyncOpenAI" if is_async else "OpenAI"
        parts = [f'"""Mixin of ``{client}``: one cached property per top-level resource."""']
        for res in tree.top:
            rc = res.async_cls if is_async else res.cls
            parts.append(
                "\n".join(
                    [
                        "@cached_property",
                        f"def {res.attr}(self) -> {rc}:",
                        f"    from {relative(RESOURCES + '._root', res.module)} import {rc}",
                        "",
                        "    client: Any = self",
                        f"    return {rc}(client)",
                    ]
                )
            )
        for view, suffix in (
            ("with_raw_response", "WithRawResponse"),
            ("with_streaming_response", "WithStreamedResponse"),
        ):
            vc = ("Async" if is_async else "") + "OpenAI" + suffix
            parts.append("\n".join(["@cached_property", f"def {view}(self) -> {vc}:", f"    return {vc}(self)"]))
        classes.append(f"class {cls}:\n" + "\n\n".join(_indent(p) for p in parts))
    for view, suffix in (("raw", "WithRawResponse"), ("streaming", "WithStreamedResponse")):
        for is_async in (False, True):
            vc = ("Async" if is_async else "") + "OpenAI" + suffix
            parts = [
                "\n".join(
                    [
                        "def __init__(self, client: Any) -> None:",
                        "    self._client = client",
                    ]
                )
            ]
            for res in tree.top:
                if not (res.entry.views and res.entry.in_parent_views):
                    continue
                rv = res.view_cls(view, is_async)
                parts.append(
                    "\n".join(
                        [
                            "@cached_property",
                            f"def {res.attr}(self) -> {rv}:",
                            f"    from {relative(RESOURCES + '._root', res.module)} import {rv}",
                            "",
                            f"    return {rv}(self._client.{res.attr})",
                        ]
                    )
                )
            classes.append(f"class {vc}:\n" + "\n\n".join(_indent(p) for p in parts))
    return "\n".join(lines) + "\n\n" + "\n\n\n".join(classes) + "\n"


def build_resource_files(tree: Tree, lowered: object) -> dict[str, str]:
    files: dict[str, str] = {}
    for res in tree.resources():
        files[_file(res.module)] = render_resource_module(res, lowered)
    pkgs = package_exports(tree)
    for path, pkg in sorted(pkgs.items()):
        subs = sorted(
            {
                r.package.rsplit(".", 1)[1]
                for r in tree.resources()
                if r.is_package and r.package.rsplit(".", 1)[0] == path
            }
        )
        files[_file(path, package=True)] = render_package(pkg, subs)
    files["src/openai/resources/_root.py"] = render_root(tree)
    return files


def _file(module: str, package: bool = False) -> str:
    parts = module.split(".")
    if package:
        return "src/" + "/".join(parts) + "/__init__.py"
    return "src/" + "/".join(parts) + ".py"
