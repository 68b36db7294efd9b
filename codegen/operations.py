"""The request parameters of each spec operation (path, query, header, body).

This is the part of the IR the resource emitter builds on: for an operation it
gives every parameter with its location, schema pointer and required-ness, and
``method_params`` adds the Python annotation and the params module/class the
generated types use for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .jsonval import as_dict, get_dict, get_list, get_str, is_dict, str_list
from .schema import merge_all_of, property_pointer
from .spec import Schema, Spec


@dataclass
class ParamInfo:
    name: str  # the Python name (the API name without a ``[]`` suffix)
    location: str  # "path", "query", "header" or "body"
    schema: Schema
    pointer: str  # JSON pointer of the schema (for lowering and messages)
    required: bool
    deprecated: bool = False
    # ``x-stainless-param``: the Python name the official client gives it (headers)
    python_name: str | None = None
    # the name as the spec writes it (``include[]``); the query encoder adds
    # brackets for arrays itself, so the Python side uses ``name``
    api_name: str = ""


def _params() -> list[ParamInfo]:
    return []


def _security() -> list[dict[str, Any]]:
    return []


@dataclass
class OperationParams:
    operation_id: str
    method: str
    url: str
    pointer: str  # pointer to the operation object
    params: list[ParamInfo] = field(default_factory=_params)
    body_content_type: str | None = None  # application/json, multipart/form-data, ...
    body_schema_pointer: str | None = None
    deprecated: bool = False
    security: list[dict[str, Any]] = field(default_factory=_security)

    def by_location(self, location: str) -> list[ParamInfo]:
        return [p for p in self.params if p.location == location]


def _esc(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def operation_params(spec: Spec, operation_id: str) -> OperationParams:
    method, url, op = spec.operation(operation_id)
    op_ptr = f"#/paths/{_esc(url)}/{method}"
    out = OperationParams(
        operation_id=operation_id,
        method=method,
        url=url,
        pointer=op_ptr,
        deprecated=bool(op.get("deprecated")),
        security=[as_dict(x) for x in (get_list(op, "security") or get_list(spec.data, "security"))],
    )
    for i, raw in enumerate(get_list(op, "parameters")):
        param, _ = spec.deref(as_dict(raw))
        schema = get_dict(param, "schema")
        api_name = get_str(param, "name") or ""
        location = get_str(param, "in") or "query"
        out.params.append(
            ParamInfo(
                name=api_name.removesuffix("[]"),
                api_name=api_name,
                location=location,
                schema=schema,
                pointer=f"{op_ptr}/parameters/{i}/schema",
                required=bool(param.get("required")) or location == "path",
                deprecated=bool(param.get("deprecated") or schema.get("deprecated")),
                python_name=get_str(schema, "x-stainless-param"),
            )
        )
    body = op.get("requestBody")
    if is_dict(body):
        body, _ = spec.deref(body)
        content = get_dict(body, "content")
        preferred = [
            c
            for c in (
                "application/json",
                "multipart/form-data",
                "application/x-www-form-urlencoded",
            )
            if c in content
        ]
        ctype = preferred[0] if preferred else next(iter(content), None)
        if ctype is not None:
            out.body_content_type = ctype
            raw_schema = get_dict(content[ctype], "schema")
            schema_ptr = f"{op_ptr}/requestBody/content/{_esc(ctype)}/schema"
            ref = Spec.ref_name(raw_schema)
            if ref:
                schema_ptr = "#/components/schemas/" + ref
            target, _ = spec.deref(raw_schema)
            target = merge_all_of(spec, target)
            out.body_schema_pointer = schema_ptr
            required = set(str_list(target.get("required")))
            for name, prop in get_dict(target, "properties").items():
                prop_schema = as_dict(prop)
                if prop_schema.get("x-stainless-skip") is True:
                    continue
                out.params.append(
                    ParamInfo(
                        name=name,
                        api_name=name,
                        location="body",
                        schema=prop_schema,
                        pointer=_prop_pointer(spec, raw_schema, schema_ptr, name),
                        required=name in required,
                        deprecated=bool(prop_schema.get("deprecated")),
                    )
                )
    return out


def _prop_pointer(spec: Spec, raw: Schema, schema_ptr: str, name: str) -> str:
    return property_pointer(spec, raw, schema_ptr, name) or f"{schema_ptr}/properties/{_esc(name)}"
