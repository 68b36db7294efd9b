"""Turning an ``httpx.Response`` into what a method returns (``cast_to``)."""

from __future__ import annotations

import importlib
import json
from typing import TYPE_CHECKING, Any, Dict, Optional, Tuple

import httpx

from ._exceptions import APIResponseValidationError
from ._types import NoneType, NotGiven, not_given

if TYPE_CHECKING:
    from ._options import FinalRequestOptions

__all__ = ["resolve_cast_to", "parse_response", "parse_body"]

_resolved: Dict[str, Any] = {}


def resolve_cast_to(cast_to: Any) -> Any:
    """A type, or a lazy reference ``"package.module:Qual.Name"`` imported on first use."""
    if not isinstance(cast_to, str):
        return cast_to
    found = _resolved.get(cast_to)
    if found is None:
        module_name, sep, qualname = cast_to.partition(":")
        if not sep or not qualname:
            raise ValueError(
                f"Invalid type reference {cast_to!r}; expected 'module.path:QualName'"
            )
        found = importlib.import_module(module_name)
        for part in qualname.split("."):
            found = getattr(found, part)
        _resolved[cast_to] = found
    return found


def parse_response(
    *,
    client: Any,
    response: httpx.Response,
    cast_to: Any,
    options: FinalRequestOptions,
    stream: bool,
    stream_cls: Any,
    retries_taken: int = 0,
    raw_mode: Optional[str] = None,
) -> Any:
    if raw_mode == "raw":
        from ._legacy_response import LegacyAPIResponse

        return LegacyAPIResponse(
            raw=response,
            client=client,
            cast_to=cast_to,
            stream=stream,
            stream_cls=stream_cls,
            options=options,
            retries_taken=retries_taken,
        )
    if raw_mode == "stream":
        from ._response import APIResponse, AsyncAPIResponse

        cls = AsyncAPIResponse if client._is_async else APIResponse
        return cls(
            raw=response,
            client=client,
            cast_to=cast_to,
            stream=stream,
            stream_cls=stream_cls,
            options=options,
            retries_taken=retries_taken,
        )
    return parse_body(
        client=client,
        response=response,
        cast_to=cast_to,
        options=options,
        stream=stream,
        stream_cls=stream_cls,
    )


def parse_body(
    *,
    client: Any,
    response: httpx.Response,
    cast_to: Any,
    options: Optional[FinalRequestOptions],
    stream: bool,
    stream_cls: Any,
) -> Any:
    """The parsed value of a (read, or streaming) response."""
    cast_to = resolve_cast_to(cast_to)
    if stream:
        default = client._default_stream_cls
        if default is None:
            from ._streaming import AsyncStream, Stream

            default = AsyncStream if client._is_async else Stream
        cls, item = client._resolve_stream_cls(cast_to, stream_cls, default)
        return cls(cast_to=item, response=response, client=client, options=options)
    value = parse_content(client, response, cast_to, options)
    if options is not None and not isinstance(options.post_parser, NotGiven):
        value = options.post_parser(value)
    return value


# What to do with a body for each ``cast_to`` (decided once per type):
# (kind, page item type or None). Kinds: "none", "str", "bytes", "response",
# "scalar", "binary", "json" (models, pages, containers, ``object``).
_Plan = Tuple[str, Any]
_plans: Dict[Any, _Plan] = {}


def _plan_for(cast_to: Any) -> _Plan:
    try:
        found = _plans.get(cast_to)
    except TypeError:  # an unhashable annotation: decide each time
        return _decide(cast_to)
    if found is None:
        found = _plans[cast_to] = _decide(cast_to)
    return found


def _decide(cast_to: Any) -> _Plan:
    if cast_to is NoneType or cast_to is None:
        return ("none", None)
    if cast_to is str:
        return ("str", None)
    if cast_to is bytes:
        return ("bytes", None)
    if cast_to is httpx.Response:
        return ("response", None)
    if cast_to in (int, float, bool):
        return ("scalar", None)
    from typing_extensions import get_origin

    origin = get_origin(cast_to) or cast_to
    if isinstance(origin, type):
        from ._legacy_response import HttpxBinaryResponseContent

        if issubclass(origin, HttpxBinaryResponseContent):
            return ("binary", None)
        if issubclass(origin, httpx.Response):
            return ("response", None)
        from ._pagination_base import BasePage, page_item_type

        if issubclass(origin, BasePage):
            return ("json", page_item_type(cast_to))
    return ("json", None)


def parse_content(
    client: Any,
    response: httpx.Response,
    cast_to: Any,
    options: Optional[FinalRequestOptions],
) -> Any:
    kind, page_model = _plan_for(cast_to)
    if kind != "json":
        if kind == "none":
            return None
        if kind == "str":
            return response.text
        if kind == "bytes":
            return response.content
        if kind == "response":
            return response
        if kind == "binary":
            return cast_to(response)
        text = response.text.strip()  # scalar
        if cast_to is bool:
            return text.lower() == "true"
        return cast_to(text)

    headers = response.headers
    content_type = headers.get("content-type", "*").split(";", 1)[0]
    content = response.content
    if "json" not in content_type:
        from ._models import is_basemodel

        if not is_basemodel(cast_to) and page_model is None and cast_to is not object:
            return response.text
        try:
            json.loads(content)
        except ValueError:
            raise APIResponseValidationError(
                response=response,
                body=response.text,
                message=f"Expected Content-Type response header to be `application/json` but received `{content_type}` instead.",
            ) from None

    strict = client._strict_response_validation
    pre_parser = options.pre_parser if options is not None else not_given
    try:
        if isinstance(pre_parser, NotGiven):
            value = _models().parse_json(cast_to, content, strict=strict)
        else:
            value = _models().parse_data(
                cast_to, pre_parser(json.loads(content)), strict=strict
            )
    except _pydantic().ValidationError as err:
        body: object = response.text
        try:
            body = json.loads(content)
        except ValueError:
            pass
        raise APIResponseValidationError(response=response, body=body) from err
    except ValueError as err:
        raise APIResponseValidationError(
            response=response,
            body=response.text,
            message="The response body is not valid JSON.",
        ) from err
    if page_model is not None:
        value._set_private_attributes(client, page_model, options)
    _models().set_request_id(value, headers.get("x-request-id"))
    return value


def _models() -> Any:
    # pydantic loads with the first parsed response, not with this module
    from . import _models as models

    return models


def _pydantic() -> Any:
    import pydantic

    return pydantic
