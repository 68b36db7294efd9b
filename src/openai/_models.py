"""``BaseModel`` and the conversion of response JSON into typed objects.

Parsing first tries pydantic-core validation (fast, done in Rust). Only when that
fails, because the API sent something the types do not describe yet, does it fall
back to a lenient recursive construction that keeps every value it cannot type.
With ``_strict_response_validation=True`` the failure is raised instead.
"""

from __future__ import annotations

import collections.abc
import json
from typing import (
    Any,
    Callable,
    Dict,
    List,
    Optional,
    Set,
    Type,
    TypeVar,
    Union,
    cast,
)

import pydantic
import pydantic_core
from pydantic import ConfigDict
from typing_extensions import Annotated, Literal, get_args, get_origin

from ._types import NoneType, SecurityOptions as SecurityOptions
from ._utils._typing import is_annotated_type, is_literal_type, is_union

__all__ = [
    "BaseModel",
    "GenericModel",
    "construct_type",
    "construct_type_unchecked",
    "validate_type",
    "parse_json",
    "build",
    "set_request_id",
    "is_basemodel",
    "is_basemodel_type",
    "SecurityOptions",
]

_T = TypeVar("_T")
_ModelT = TypeVar("_ModelT", bound="BaseModel")


class BaseModel(pydantic.BaseModel):
    """A response object: a pydantic v2 model that keeps unknown fields and tolerates drift."""

    model_config = ConfigDict(
        extra="allow",
        defer_build=True,
        populate_by_name=True,
        arbitrary_types_allowed=True,
        protected_namespaces=(),
    )

    # Not a pydantic private attribute on purpose: those cost a Python call per model
    # built (nested ones included). The id lives in ``__pydantic_private__`` of the
    # top-level object only, set by :func:`set_request_id`.
    @property
    def _request_id(self) -> Optional[str]:
        """The ``x-request-id`` header of the response this object came from."""
        private = self.__pydantic_private__
        return private.get("_request_id") if private else None

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> Dict[str, object]:
        """The object as a dict, keyed by the API's names. ``mode="json"`` makes every value
        JSON-serializable (datetimes become strings)."""
        return self.model_dump(
            mode=mode,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def to_json(
        self,
        *,
        indent: Optional[int] = 2,
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> str:
        """The object as a JSON string, keyed by the API's names."""
        return self.model_dump_json(
            indent=indent,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def __str__(self) -> str:
        return f"{self.__repr_name__()}({self.__repr_str__(', ')})"  # type: ignore[misc]

    @classmethod
    def construct(
        cls: Type[_ModelT], _fields_set: Optional[Set[str]] = None, **values: Any
    ) -> _ModelT:  # type: ignore[override]
        return cls.model_construct(_fields_set, **values)


GenericModel = BaseModel


def set_request_id(obj: object, request_id: Optional[str]) -> None:
    """Attach ``request_id`` to a parsed object (no-op for non-models)."""
    if request_id is None or not isinstance(obj, pydantic.BaseModel):
        return
    private = obj.__pydantic_private__
    if private is None:
        object.__setattr__(obj, "__pydantic_private__", {"_request_id": request_id})
    else:
        private["_request_id"] = request_id


def is_basemodel_type(type_: object) -> bool:
    origin = get_origin(type_) or type_
    return isinstance(origin, type) and issubclass(origin, pydantic.BaseModel)


def is_basemodel(type_: object) -> bool:
    """A model class, or a union of them."""
    if is_union(get_origin(type_)):
        return any(is_basemodel(v) for v in get_args(type_))
    return is_basemodel_type(type_)


# --- validators, cached per type ---------------------------------------------

_json_validators: Dict[Any, Callable[[Union[str, bytes]], Any]] = {}
_python_adapters: Dict[Any, "pydantic.TypeAdapter[Any]"] = {}


def _adapter(type_: Any) -> "pydantic.TypeAdapter[Any]":
    try:
        adapter = _python_adapters.get(type_)
    except TypeError:
        # An unhashable annotation (one carrying a FieldInfo): these come from model
        # fields and live as long as their model, so their identity is a stable key.
        found = _adapters_by_id.get(id(type_))
        if found is not None and found[0] is type_:
            return found[1]
        adapter = pydantic.TypeAdapter(type_)
        _adapters_by_id[id(type_)] = (type_, adapter)
        return adapter
    if adapter is None:
        adapter = pydantic.TypeAdapter(type_)
        _python_adapters[type_] = adapter
    return adapter


_adapters_by_id: Dict[int, Any] = {}


def _json_validator(type_: Any) -> Callable[[Union[str, bytes]], Any]:
    validator = _json_validators.get(type_)
    if validator is None:
        if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
            validator = type_.model_validate_json
        else:
            validator = _adapter(type_).validate_json
        _json_validators[type_] = validator
    return validator


def parse_json(type_: Any, content: Union[str, bytes], *, strict: bool = False) -> Any:
    """Decode ``content`` into ``type_``: validated when it matches, leniently built when not.

    Raises ``pydantic.ValidationError`` on drift only when ``strict``, and
    ``ValueError`` when ``content`` is not JSON at all.
    """
    try:
        return _json_validator(type_)(content)
    except pydantic.ValidationError as err:
        if strict:
            raise
        error = err
    data = json.loads(content)
    if (
        isinstance(type_, type)
        and issubclass(type_, pydantic.BaseModel)
        and isinstance(data, dict)
    ):
        # the errors of the first attempt say which fields need the lenient path
        errors = error.errors(
            include_url=False, include_context=False, include_input=False
        )
        return _construct_model(type_, cast(Dict[str, object], data), errors)
    return construct_type(value=data, type_=type_)


def parse_data(type_: Any, data: object, *, strict: bool = False) -> Any:
    """Like :func:`parse_json`, for JSON that is already decoded."""
    try:
        if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
            return type_.model_validate(data)
        return _adapter(type_).validate_python(data)
    except pydantic.ValidationError as err:
        if strict:
            raise
        error = err
    if (
        isinstance(type_, type)
        and issubclass(type_, pydantic.BaseModel)
        and isinstance(data, dict)
    ):
        errors = error.errors(
            include_url=False, include_context=False, include_input=False
        )
        return _construct_model(type_, cast(Dict[str, object], data), errors)
    return construct_type(value=data, type_=type_)


def validate_type(*, type_: Type[_T], value: object) -> _T:
    """Strict validation of ``value`` against ``type_`` (raises on mismatch)."""
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
        return cast(_T, type_.model_validate(value))
    return cast(_T, _adapter(type_).validate_python(value))


def build(base_model_cls: Callable[..., _ModelT], *args: Any, **kwargs: Any) -> _ModelT:
    """Build a model from keyword arguments without validation."""
    if args:
        raise TypeError("build() takes keyword arguments only")
    return cast(_ModelT, construct_type(type_=cast(Any, base_model_cls), value=kwargs))


# --- lenient construction ----------------------------------------------------


def construct_type_unchecked(*, value: object, type_: Type[_T]) -> _T:
    return cast(_T, construct_type(value=value, type_=type_))


def construct_type(
    *, value: object, type_: object, metadata: Optional[List[Any]] = None
) -> object:
    """Build ``value`` into ``type_`` as far as it fits, keeping what does not fit as is.

    Never raises for data that does not match: a new enum value, a missing field or a
    wrong type ends up as the raw value instead.
    """
    discriminator: Optional[str] = None
    if is_annotated_type(type_):
        args = get_args(type_)
        metadata = [*args[1:], *(metadata or [])]
        type_ = args[0]
    for meta in metadata or ():
        found = getattr(meta, "discriminator", None)
        if isinstance(found, str):
            discriminator = found

    if type_ is Any or type_ is object or value is None:
        return value
    origin = get_origin(type_)

    if is_union(origin):
        return _construct_union(value, type_, discriminator)
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
        if isinstance(value, dict):
            return _construct_model(type_, cast(Dict[str, object], value))
        return value
    if origin in (list, collections.abc.Sequence, collections.abc.Iterable):
        if isinstance(value, list):
            args = get_args(type_)
            inner = args[0] if args else Any
            return [
                construct_type(value=v, type_=inner) for v in cast(List[object], value)
            ]
        return value
    if origin in (dict, Dict):
        if isinstance(value, dict):
            args = get_args(type_)
            inner = args[1] if len(args) == 2 else Any
            return {
                k: construct_type(value=v, type_=inner)
                for k, v in cast(Dict[str, object], value).items()
            }
        return value
    if is_literal_type(type_) or type_ in (str, int, bool, NoneType):
        return value
    if type_ is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    try:
        return _adapter(type_).validate_python(value)
    except Exception:
        return value


def _literal_values(model: type) -> Dict[str, Set[object]]:
    out: Dict[str, Set[object]] = {}
    for name, field in cast(Any, model).model_fields.items():
        annotation = field.annotation
        if is_literal_type(annotation):
            out[field.alias or name] = set(get_args(annotation))
    return out


def _flatten_union(
    type_: object, discriminator: Optional[str]
) -> "tuple[List[Any], Optional[str]]":
    """The members of a (possibly nested, annotated, optional) union, and its discriminator."""
    members: List[Any] = []
    for variant in get_args(type_):
        if variant is NoneType:
            continue
        if is_annotated_type(variant):
            args = get_args(variant)
            for meta in args[1:]:
                found = getattr(meta, "discriminator", None)
                if isinstance(found, str):
                    discriminator = found
            variant = args[0]
        if is_union(get_origin(variant)):
            nested, discriminator = _flatten_union(variant, discriminator)
            members.extend(nested)
        else:
            members.append(variant)
    return members, discriminator


def _construct_union(
    value: object, type_: object, discriminator: Optional[str]
) -> object:
    try:
        return _adapter(type_).validate_python(value)
    except Exception:
        pass
    variants, discriminator = _flatten_union(type_, discriminator)
    models = [
        v for v in variants if isinstance(v, type) and issubclass(v, pydantic.BaseModel)
    ]
    if isinstance(value, dict) and models:
        data = cast(Dict[str, object], value)
        keys = [discriminator] if discriminator else ["type", "object", "event"]
        for key in keys:
            if key in data:
                for model in models:
                    _ensure_built(model)
                    if data[key] in _literal_values(model).get(key, ()):
                        return _construct_model(model, data)
        return _construct_model(models[0], data)
    for variant in variants:
        if not (isinstance(variant, type) and issubclass(variant, pydantic.BaseModel)):
            try:
                return _adapter(variant).validate_python(value)
            except Exception:
                continue
    for variant in variants:
        if get_origin(variant) in (list, List) and isinstance(value, list):
            return construct_type(value=value, type_=variant)
    return value


def _ensure_built(model: Any) -> None:
    if not model.__pydantic_complete__:
        try:
            model.model_rebuild()
        except Exception:  # forward references that cannot resolve: use what is known
            pass


_field_validators: Dict[Any, Dict[str, Callable[[object], object]]] = {}


def _validators_for(
    model: Type[pydantic.BaseModel],
) -> Dict[str, Callable[[object], object]]:
    """One validator per field of ``model`` (built on the first fallback for that model)."""
    found = _field_validators.get(model)
    if found is None:
        found = {}
        for name, field in model.model_fields.items():
            annotation: Any = field.annotation
            if field.discriminator is not None or field.metadata:
                annotation = Annotated[annotation, field]  # type: ignore[valid-type]
            try:
                found[name] = pydantic.TypeAdapter(annotation).validate_python
            except (
                Exception
            ):  # an annotation pydantic cannot build alone: build leniently
                continue
        _field_validators[model] = found
    return found


_keys_to_names: Dict[Any, Dict[str, str]] = {}


def _names_by_key(model: Type[pydantic.BaseModel]) -> Dict[str, str]:
    found = _keys_to_names.get(model)
    if found is None:
        found = {}
        for name, field in model.model_fields.items():
            found[name] = name
            if field.alias is not None:
                found[field.alias] = name
        _keys_to_names[model] = found
    return found


def _construct_model(
    model: Type[pydantic.BaseModel],
    data: Dict[str, object],
    errors: Optional[List[Any]] = None,
) -> Any:
    """Build ``model`` from ``data`` that does not fully validate.

    The fields the validation errors point at are set aside; when the rest validates
    in one go (the failing fields are optional), only the failing fields are built
    leniently. Otherwise every field is validated on its own. Either way a drift deep
    inside a large object costs a few validations, not one per nesting level.
    """
    _ensure_built(model)
    if errors is None:
        try:
            return model.model_validate(data)
        except pydantic.ValidationError as err:
            errors = err.errors(
                include_url=False, include_context=False, include_input=False
            )
    failing = {e["loc"][0] for e in errors if e["loc"]}
    if failing and all(e["loc"] for e in errors):
        rest = {k: v for k, v in data.items() if k not in failing}
        try:
            obj = model.model_validate(rest)
        except pydantic.ValidationError:
            obj = None
        if obj is not None:
            names = _names_by_key(model)
            fields = model.model_fields
            fields_set = set(obj.model_fields_set)
            for key in failing:
                name = names.get(key) if isinstance(key, str) else None
                if name is None or key not in data:
                    continue
                field = fields[name]
                cast(Any, obj).__dict__[name] = construct_type(
                    value=data[key],
                    type_=field.annotation,
                    metadata=list(field.metadata),
                )
                fields_set.add(name)
            object.__setattr__(obj, "__pydantic_fields_set__", fields_set)
            return obj
    return _construct_fields(model, data)


def _construct_fields(model: Type[pydantic.BaseModel], data: Dict[str, object]) -> Any:
    """Validate each field on its own; build only the failing ones leniently."""
    validators = _validators_for(model)
    values: Dict[str, object] = {}
    fields_set: Set[str] = set()
    used: Set[str] = set()
    for name, field in model.model_fields.items():
        key = field.alias if field.alias is not None and field.alias in data else name
        if key not in data:
            if field.is_required():
                values[name] = None  # missing in the response; `model_fields_set` tells
            continue
        used.add(key)
        fields_set.add(name)
        value = data[key]
        validate = validators.get(name)
        if validate is not None:
            try:
                values[name] = validate(value)
                continue
            except pydantic.ValidationError:
                pass
        values[name] = construct_type(
            value=value, type_=field.annotation, metadata=list(field.metadata)
        )
    obj = model.model_construct(_fields_set=fields_set, **values)
    extra = {k: v for k, v in data.items() if k not in used}
    if extra:
        current = obj.__pydantic_extra__
        if current is None:
            object.__setattr__(obj, "__pydantic_extra__", extra)
        else:
            current.update(extra)
    return obj


def __getattr__(name: str) -> Any:
    if name == "FinalRequestOptions":
        from ._options import FinalRequestOptions

        return FinalRequestOptions
    if name == "pydantic_core":
        return pydantic_core
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
