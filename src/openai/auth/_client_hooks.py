"""Workload identity as the clients use it: credential headers per attempt, and the 401 rule.

The runtime's ``OpenAI._workload_identity_auth_headers`` / ``_on_unauthorized``
(and their async twins) delegate here; the Azure client calls these directly.

Clients built from the same ``workload_identity`` dict (a client and its
``with_options`` copies) share one :class:`WorkloadIdentityAuth`, hence one
cached token and one refresh.
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Any, Dict

from ._workload import WorkloadIdentityAuth

if TYPE_CHECKING:
    import httpx

    from .._options import FinalRequestOptions

__all__ = [
    "auth_for",
    "is_admin_request",
    "workload_identity_auth_headers",
    "async_workload_identity_auth_headers",
    "on_unauthorized",
]

# id(workload_identity dict) -> its auth object. The auth object holds the dict,
# so the id cannot be reused while the entry lives; it goes when no client uses it.
_shared: weakref.WeakValueDictionary[int, WorkloadIdentityAuth] = weakref.WeakValueDictionary()
_shared_lock = threading.Lock()


def is_admin_request(options: FinalRequestOptions) -> bool:
    """Whether the request authenticates with the admin key only (official dict form
    ``{"admin_api_key_auth": True}``, or the earlier string ``"admin_api_key"``)."""
    from .._options import accepted_credentials

    ordinary, admin = accepted_credentials(options.security)
    return admin and not ordinary


def auth_for(client: Any) -> WorkloadIdentityAuth:
    """The token cache of ``client``'s workload identity (created on first use)."""
    config = client._workload_identity
    auth: Any = client.__dict__.get("_workload_identity_auth")
    if isinstance(auth, WorkloadIdentityAuth) and auth.workload_identity is config:
        return auth
    with _shared_lock:
        auth = _shared.get(id(config))
        if auth is None or auth.workload_identity is not config:
            auth = WorkloadIdentityAuth(workload_identity=config)
            _shared[id(config)] = auth
    client._workload_identity_auth = auth
    return auth


def workload_identity_auth_headers(client: Any, options: FinalRequestOptions) -> Dict[str, str]:
    http_client: httpx.Client = client._client
    return {"Authorization": f"Bearer {auth_for(client).get_token(http_client=http_client)}"}


async def async_workload_identity_auth_headers(client: Any, options: FinalRequestOptions) -> Dict[str, str]:
    http_client: httpx.AsyncClient = client._client
    return {"Authorization": f"Bearer {await auth_for(client).get_token_async(http_client=http_client)}"}


def on_unauthorized(client: Any, response: httpx.Response, options: FinalRequestOptions) -> bool:
    """After a 401: drop the exchanged token the request carried and ask for one resend.

    Only when the request really carried one of our exchanged tokens; a 401 for a
    request whose ``Authorization`` the caller set themselves is final.
    """
    if getattr(client, "_workload_identity", None) is None or is_admin_request(options):
        return False
    sent = response.request.headers.get("authorization", "")
    scheme, _, token = sent.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return False
    auth = auth_for(client)
    if not auth.issued(token):
        return False
    auth.invalidate_if_current(token)
    return True
