"""Where a WebSocket connection goes and which credential headers it carries.

A client class may define ``_realtime_url_and_headers`` to change both (the Azure
clients do; see docs/ARCHITECTURE.md, "Contract: WebSocket URL and credentials").
Without it the OpenAI rules below apply.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple, Union

import httpx

from ..._options import FinalRequestOptions
from ..._types import Headers, NotGiven, Omit

__all__ = ["websocket_url", "resolve_target", "async_resolve_target", "merge_headers", "HOOK"]

HOOK = "_realtime_url_and_headers"

_WS_SCHEMES = {"http": "ws", "https": "wss"}


def websocket_url(base: Union[str, httpx.URL], resource: str, params: Mapping[str, object]) -> httpx.URL:
    """``{base}/{resource}`` with a ws/wss scheme, the base's own query, then ``params``.

    ``None``, ``omit`` and ``not_given`` values are left out.
    """
    url = base if isinstance(base, httpx.URL) else httpx.URL(base)
    query: Dict[str, Any] = dict(url.params)
    for key, value in params.items():
        if value is not None and not isinstance(value, (Omit, NotGiven)):
            query[key] = value
    return url.copy_with(
        scheme=_WS_SCHEMES.get(url.scheme, url.scheme),
        path=url.path.rstrip("/") + "/" + resource,
        params=query,
    )


def _openai_url(client: Any, resource: str, model: Optional[str], query: Mapping[str, object]) -> httpx.URL:
    base = client.websocket_base_url if getattr(client, "websocket_base_url", None) else client.base_url
    params: Dict[str, object] = {}
    if "call_id" in query:  # the official order: call_id, model, then the caller's query
        params["call_id"] = query["call_id"]
    params["model"] = model
    params.update(query)
    return websocket_url(base, resource, params)


def _auth_options(resource: str, extra_headers: Headers) -> FinalRequestOptions:
    # the runtime's credential logic (key providers, workload identity) wants request
    # options; extra_headers lets it see a credential header the caller set themselves
    return FinalRequestOptions(method="get", url=f"/{resource}", headers=extra_headers)


def resolve_target(
    client: Any, resource: str, *, model: Optional[str], query: Mapping[str, object], extra_headers: Headers
) -> Tuple[httpx.URL, Dict[str, str]]:
    """URL and credential headers for a sync client."""
    hook = getattr(client, HOOK, None)
    if hook is not None:
        url, headers = hook(resource, model=model, query=query, extra_headers=extra_headers)
        return url, dict(headers)
    auth = client._auth_headers_for(_auth_options(resource, extra_headers))
    return _openai_url(client, resource, model, query), dict(auth)


async def async_resolve_target(
    client: Any, resource: str, *, model: Optional[str], query: Mapping[str, object], extra_headers: Headers
) -> Tuple[httpx.URL, Dict[str, str]]:
    """URL and credential headers for an async client (whose hook and credentials are awaited)."""
    hook = getattr(client, HOOK, None)
    if hook is not None:
        url, headers = await hook(resource, model=model, query=query, extra_headers=extra_headers)
        return url, dict(headers)
    auth = await client._auth_headers_for(_auth_options(resource, extra_headers))
    return _openai_url(client, resource, model, query), dict(auth)


def merge_headers(*layers: Mapping[str, Any]) -> Dict[str, str]:
    """Later layers win, names compare case-insensitively, and ``omit`` removes a header."""
    merged: Dict[str, str] = {}
    names: Dict[str, str] = {}
    for layer in layers:
        for key, value in layer.items():
            previous = names.pop(key.lower(), None)
            if previous is not None:
                del merged[previous]
            if isinstance(value, (Omit, NotGiven)) or value is None:
                continue
            merged[key] = str(value)
            names[key.lower()] = key
    return merged
