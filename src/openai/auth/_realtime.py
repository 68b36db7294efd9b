"""Where a WebSocket connection goes and which credentials it carries, for every client kind.

The realtime code calls :func:`realtime_url_and_headers` (sync clients) or
:func:`async_realtime_url_and_headers` (async clients) once per connection
attempt, so token providers and workload identity tokens are fresh each time:

- plain and Bedrock clients: ``{websocket_base_url or base_url as ws(s)}/{path}``
  with ``model`` (or ``call_id``) and then ``extra_query`` in the query;
- Azure clients: ``{websocket_base_url or endpoint/openai as wss}/{path}`` with
  ``extra_query``, ``api-version`` and ``deployment`` (the fixed deployment, else
  ``model``).

The headers, in increasing precedence: the credential headers of an ordinary
request of that client (``Authorization``, or Azure's ``api-key``), the
organization/project headers, the client's ``default_headers``, then
``extra_headers``; an ``Omit`` value removes a header. They are complete: the
caller sends them as they are.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple

import httpx

from .._options import FinalRequestOptions
from .._types import NotGiven, Omit

__all__ = ["realtime_url_and_headers", "async_realtime_url_and_headers"]


def _query(model: Optional[str], call_id: Optional[str], extra_query: Optional[Mapping[str, object]]) -> Dict[str, Any]:
    query: Dict[str, Any] = {}
    if model is not None:
        query["model"] = model
    if call_id is not None:
        query["call_id"] = call_id
    query.update(extra_query or {})
    return query


def websocket_url(base: object, path: str) -> httpx.URL:
    """``{base}/{path}`` with an http(s) scheme turned into ws(s) (the Azure client uses it too)."""
    url = httpx.URL(f"{str(base).rstrip('/')}/{path.lstrip('/')}")
    if url.scheme in ("http", "https"):
        url = url.copy_with(scheme="wss" if url.scheme == "https" else "ws")
    return url


def _plain_url(client: Any, path: str, query: Mapping[str, Any]) -> httpx.URL:
    base = client.websocket_base_url
    if base is None:
        base = client.base_url
    url = websocket_url(base, path)
    return url.copy_merge_params({k: str(v) for k, v in query.items()}) if query else url


def _azure_url(
    client: Any, path: str, model: Optional[str], call_id: Optional[str], extra_query: Optional[Mapping[str, object]]
) -> httpx.URL:
    query: Dict[str, Any] = dict(extra_query or {})
    if call_id is not None:
        query["call_id"] = call_id
    url: httpx.URL = client._realtime_url(model, query)
    if path.strip("/") != "realtime":
        url = url.copy_with(path=url.path.rsplit("/", 1)[0] + "/" + path.strip("/"))
    return url


def _options(path: str, extra_headers: Optional[Mapping[str, Any]]) -> FinalRequestOptions:
    # the extra headers go in, so that a caller's own Authorization counts as a credential
    return FinalRequestOptions(method="get", url=f"/{path.lstrip('/')}", headers=dict(extra_headers or {}))


def _merge(client: Any, credentials: Mapping[str, str], extra_headers: Optional[Mapping[str, Any]]) -> Dict[str, str]:
    headers: Dict[str, str] = {}
    lower: Dict[str, str] = {}
    layers = (credentials, client._extra_default_headers(), client._custom_headers, extra_headers or {})
    for layer in layers:
        for key, value in layer.items():
            previous = lower.pop(key.lower(), None)
            if previous is not None:
                del headers[previous]
            if isinstance(value, (Omit, NotGiven)):
                continue
            headers[key] = value
            lower[key.lower()] = key
    return headers


def realtime_url_and_headers(
    client: Any,
    *,
    model: Optional[str] = None,
    call_id: Optional[str] = None,
    extra_query: Optional[Mapping[str, object]] = None,
    extra_headers: Optional[Mapping[str, Any]] = None,
    path: str = "realtime",
) -> Tuple[httpx.URL, Dict[str, str]]:
    """``(wss URL, credential headers)`` for a WebSocket on a sync client."""
    headers = _merge(client, client._auth_headers_for(_options(path, extra_headers)), extra_headers)
    if hasattr(client, "_realtime_url"):
        return _azure_url(client, path, model, call_id, extra_query), headers
    return _plain_url(client, path, _query(model, call_id, extra_query)), headers


async def async_realtime_url_and_headers(
    client: Any,
    *,
    model: Optional[str] = None,
    call_id: Optional[str] = None,
    extra_query: Optional[Mapping[str, object]] = None,
    extra_headers: Optional[Mapping[str, Any]] = None,
    path: str = "realtime",
) -> Tuple[httpx.URL, Dict[str, str]]:
    """``(wss URL, credential headers)`` for a WebSocket on an async client."""
    headers = _merge(client, await client._auth_headers_for(_options(path, extra_headers)), extra_headers)
    if hasattr(client, "_realtime_url"):
        return _azure_url(client, path, model, call_id, extra_query), headers
    return _plain_url(client, path, _query(model, call_id, extra_query)), headers
