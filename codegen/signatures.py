"""Method signatures for the resource emitter, built on the types IR.

For an operation this gives every parameter a generated method takes: path
parameters (in URL order), then the body and query parameters exactly as the
operation's params TypedDict declares them (same names, IR types, required-ness),
plus where that TypedDict lives. Annotations are rendered with
``emit_types.render_type`` into an ``Imports`` owned by the caller, so the
resource module learns which type modules it needs (and can import them under
``TYPE_CHECKING`` only).

    lowered = build.lower_types(spec, cfg)
    sig = method_signature(spec, cfg, lowered, "createChatCompletion")
    imp = Imports("openai.resources.chat.completions.completions", local=set())
    for p in sig.all_params():
        print(p.name, render_annotation(p, imp), p.required)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import naming
from .config import Config, ParamsEntry
from .emit_types import Imports, render_type
from .ir import ClassDef, FieldDef, ListOf, ModuleIR, Prim, TypeExpr, optional
from .lower import Lowered
from .operations import OperationParams, ParamInfo, operation_params
from .spec import Spec


@dataclass
class MethodParam:
    name: str  # the Python parameter name (as the API names it)
    api_name: str  # the name on the wire (query names without a ``[]`` suffix)
    location: str  # "path", "query", "body" or "header"
    type: TypeExpr  # as in the params TypedDict (without the Optional of a nullable value)
    required: bool
    nullable: bool = False
    deprecated: bool = False
    is_file: bool = False  # a multipart file field (``FileTypes``)


def _params() -> list[MethodParam]:
    return []


@dataclass
class MethodSignature:
    operation: OperationParams
    # the params TypedDict: module path and class (None when the operation has
    # no body or query parameters)
    params_module: str | None = None
    params_class: str | None = None
    # streaming operations: (NonStreaming, Streaming) TypedDicts in params_module
    streaming_classes: tuple[str, str] | None = None
    path_params: list[MethodParam] = field(default_factory=_params)
    params: list[MethodParam] = field(default_factory=_params)

    def all_params(self) -> list[MethodParam]:
        return self.path_params + self.params

    @property
    def is_multipart(self) -> bool:
        return self.operation.body_content_type == "multipart/form-data"


def render_annotation(param: MethodParam, imp: Imports) -> str:
    """The annotation of ``param`` (``Optional[...]`` when the API accepts null)."""
    t = optional(param.type) if param.nullable else param.type
    return render_type(t, imp)


def params_entry(cfg: Config, operation_id: str) -> ParamsEntry | None:
    for p in cfg.params:
        if p.operation == operation_id:
            return p
    return None


def method_signature(
    spec: Spec,
    cfg: Config,
    lowered: Lowered,
    operation_id: str,
    params_class: tuple[str, str] | None = None,
) -> MethodSignature:
    """The parameters of ``operation_id``: path parameters (URL order), then the
    required ones, the optional query ones, the optional body ones (``stream``
    sorted in among them). ``params_class`` (module, name) picks the params
    TypedDict when several are configured for the operation."""
    op = operation_params(spec, operation_id)
    sig = MethodSignature(operation=op)
    for p in _in_url_order(op):
        sig.path_params.append(
            MethodParam(
                name=naming.field_name(p.name, model=False),
                api_name=p.name,
                location="path",
                type=_path_type(p),
                required=True,
                deprecated=p.deprecated,
            )
        )
    if params_class is not None:
        module_path, class_name = params_class
    else:
        entry = params_entry(cfg, operation_id)
        if entry is None:
            return sig
        module_path, class_name = entry.module, entry.name
    module = lowered.modules[module_path]
    sig.params_module = module_path
    sig.params_class = class_name
    cls = _params_class(module, class_name)
    if cls.name != class_name:
        sig.streaming_classes = (class_name + "NonStreaming", class_name + "Streaming")
    locations = {p.name: p for p in op.params}
    fields = list(cls.fields)
    if sig.streaming_classes:
        fields.append(FieldDef("stream", "stream", Prim("bool"), required=False, nullable=True))
    path_names = {p.api_name for p in sig.path_params}
    for f in fields:
        info = locations.get(f.api_name)
        if f.api_name in path_names:
            continue  # a path parameter the TypedDict repeats
        sig.params.append(
            MethodParam(
                name=f.name,
                api_name=info.api_name.removesuffix("[]") if info else f.api_name,
                location=info.location if info else "body",
                type=f.type,
                required=f.required,
                nullable=f.nullable,
                deprecated=f.deprecated,
                is_file=_is_file(f.type),
            )
        )
    sig.params = ordered_params(sig.params)
    return sig


def ordered_params(params: list[MethodParam]) -> list[MethodParam]:
    """Required first, then optional query parameters, then optional body ones
    (sorted by name, ``stream`` among them), as the 2.38 signatures order them."""
    required = [p for p in params if p.required]
    query = [p for p in params if not p.required and p.location == "query"]
    body = [p for p in params if not p.required and p.location != "query"]
    return required + query + sorted(body, key=lambda p: p.name)


def _params_class(module: ModuleIR, name: str) -> ClassDef:
    for candidate in (name, name + "Base"):
        d = module.get(candidate)
        if isinstance(d, ClassDef):
            return d
    raise KeyError(f"{module.path} has no params class {name}")


def _in_url_order(op: OperationParams) -> list[ParamInfo]:
    path = [p for p in op.params if p.location == "path"]
    return sorted(path, key=lambda p: op.url.find("{" + p.api_name + "}"))


def _path_type(p: ParamInfo) -> TypeExpr:
    kind = p.schema.get("type")
    return Prim("int") if kind == "integer" else Prim("str")


def _is_file(t: TypeExpr) -> bool:
    if isinstance(t, Prim):
        return t.name == "FileTypes"
    return isinstance(t, ListOf) and _is_file(t.item)
