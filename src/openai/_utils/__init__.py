"""Internal helpers. Names load on first use so that importing this package stays cheap."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Dict

if TYPE_CHECKING:
    from .._files import file_from_path as file_from_path
    from .._logs import SensitiveHeadersFilter as SensitiveHeadersFilter
    from ._datetime_parse import parse_date as parse_date, parse_datetime as parse_datetime
    from ._proxy import LazyProxy as LazyProxy
    from ._reflection import (
        assert_signatures_in_sync as assert_signatures_in_sync,
        function_has_argument as function_has_argument,
    )
    from ._sync import (
        asyncify as asyncify,
        consume_async_iterator as consume_async_iterator,
        consume_sync_iterator as consume_sync_iterator,
    )
    from ._transform import (
        PropertyInfo as PropertyInfo,
        async_maybe_transform as async_maybe_transform,
        async_transform as async_transform,
        maybe_transform as maybe_transform,
        transform as transform,
    )
    from ._typing import (
        extract_type_arg as extract_type_arg,
        extract_type_var_from_base as extract_type_var_from_base,
        get_args as get_args,
        get_origin as get_origin,
        is_annotated_type as is_annotated_type,
        is_iterable_type as is_iterable_type,
        is_list_type as is_list_type,
        is_literal_type as is_literal_type,
        is_required_type as is_required_type,
        is_sequence_type as is_sequence_type,
        is_type_alias_type as is_type_alias_type,
        is_typeddict as is_typeddict,
        is_union as is_union,
        is_union_type as is_union_type,
        strip_annotated_type as strip_annotated_type,
    )
    from ._utils import (
        coerce_boolean as coerce_boolean,
        coerce_float as coerce_float,
        coerce_integer as coerce_integer,
        extract_files as extract_files,
        flatten as flatten,
        get_async_library as get_async_library,
        get_required_header as get_required_header,
        is_async_azure_client as is_async_azure_client,
        is_azure_client as is_azure_client,
        is_dict as is_dict,
        is_given as is_given,
        is_iterable as is_iterable,
        is_list as is_list,
        is_mapping as is_mapping,
        is_mapping_t as is_mapping_t,
        is_sequence as is_sequence,
        is_sequence_t as is_sequence_t,
        is_tuple as is_tuple,
        is_tuple_t as is_tuple_t,
        json_safe as json_safe,
        lru_cache as lru_cache,
        maybe_coerce_boolean as maybe_coerce_boolean,
        maybe_coerce_float as maybe_coerce_float,
        maybe_coerce_integer as maybe_coerce_integer,
        path_template as path_template,
        removeprefix as removeprefix,
        removesuffix as removesuffix,
        required_args as required_args,
        strip_not_given as strip_not_given,
    )

_MODULES: Dict[str, str] = {
    "file_from_path": "openai._files",
    "SensitiveHeadersFilter": "openai._logs",
    "parse_date": "._datetime_parse",
    "parse_datetime": "._datetime_parse",
    "LazyProxy": "._proxy",
    "assert_signatures_in_sync": "._reflection",
    "function_has_argument": "._reflection",
    "asyncify": "._sync",
    "consume_async_iterator": "._sync",
    "consume_sync_iterator": "._sync",
    "PropertyInfo": "._transform",
    "async_maybe_transform": "._transform",
    "async_transform": "._transform",
    "maybe_transform": "._transform",
    "transform": "._transform",
}
for _name in (
    "extract_type_arg extract_type_var_from_base get_args get_origin is_annotated_type is_iterable_type "
    "is_list_type is_literal_type is_required_type is_sequence_type is_type_alias_type is_typeddict "
    "is_union is_union_type strip_annotated_type"
).split():
    _MODULES[_name] = "._typing"
for _name in (
    "coerce_boolean coerce_float coerce_integer extract_files flatten get_async_library get_required_header "
    "is_async_azure_client is_azure_client is_dict is_given is_iterable is_list is_mapping is_mapping_t "
    "is_sequence is_sequence_t is_tuple is_tuple_t json_safe lru_cache maybe_coerce_boolean maybe_coerce_float "
    "maybe_coerce_integer path_template removeprefix removesuffix required_args strip_not_given"
).split():
    _MODULES[_name] = "._utils"

__all__ = sorted(_MODULES)  # pyright: ignore[reportUnsupportedDunderAll]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
