"""Subject token providers for the usual places a workload finds its identity token.

Each factory returns a ``{"token_type", "get_token"}`` dict for the
``workload_identity["provider"]`` key. ``get_token`` runs each time a new access
token is needed (so rotated tokens are picked up) and raises
:class:`~openai.SubjectTokenProviderError` when it cannot produce a token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Optional, Union, cast

from .._exceptions import SubjectTokenProviderError
from ._types import SubjectTokenProvider

if TYPE_CHECKING:
    from pathlib import Path

    import httpx

__all__ = [
    "k8s_service_account_token_provider",
    "azure_managed_identity_token_provider",
    "gcp_id_token_provider",
    "AZURE_IMDS_TOKEN_URL",
    "GCP_IDENTITY_URL",
]

DEFAULT_K8S_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token"
AZURE_IMDS_TOKEN_URL = "http://169.254.169.254/metadata/identity/oauth2/token"
GCP_IDENTITY_URL = "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity"


def k8s_service_account_token_provider(
    token_file_path: Union[str, "Path"] = DEFAULT_K8S_TOKEN_PATH,
) -> SubjectTokenProvider:
    """The projected Kubernetes service account token, read from its file at each call."""
    from pathlib import Path

    path = Path(token_file_path)

    def get_token() -> str:
        try:
            token = path.read_text(encoding="utf-8").strip()
        except OSError as err:
            reason = err.strerror or type(err).__name__
            raise SubjectTokenProviderError(
                f"Could not read the Kubernetes service account token file {str(path)!r}: {reason}."
            ) from err
        if not token:
            raise SubjectTokenProviderError(f"The Kubernetes service account token file {str(path)!r} is empty.")
        return token

    return {"token_type": "jwt", "get_token": get_token}


def azure_managed_identity_token_provider(
    resource: str = "https://management.azure.com/",
    *,
    object_id: Optional[str] = None,
    client_id: Optional[str] = None,
    msi_res_id: Optional[str] = None,
    api_version: str = "2018-02-01",
    timeout: float = 10.0,
    http_client: Optional[httpx.Client] = None,
) -> SubjectTokenProvider:
    """A token for ``resource`` from the Azure Instance Metadata Service (managed identity).

    Pass one of ``object_id``, ``client_id`` or ``msi_res_id`` to pick a
    user-assigned identity; ``http_client`` replaces the default transport.
    """
    params: Dict[str, str] = {"api-version": api_version, "resource": resource}
    for name, value in (("object_id", object_id), ("client_id", client_id), ("msi_res_id", msi_res_id)):
        if value is not None:
            params[name] = value

    def get_token() -> str:
        import json

        response = _metadata_get(
            AZURE_IMDS_TOKEN_URL,
            params=params,
            headers={"Metadata": "true"},
            timeout=timeout,
            http_client=http_client,
            source="Azure managed identity",
        )
        try:
            data = json.loads(response.content)
        except ValueError:
            data = None
        token = cast("Dict[str, Any]", data).get("access_token") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            raise SubjectTokenProviderError(
                "The Azure managed identity endpoint answered without an `access_token`.", response=response
            )
        return token

    return {"token_type": "jwt", "get_token": get_token}


def gcp_id_token_provider(
    audience: str = "https://api.openai.com/v1",
    *,
    timeout: float = 10.0,
    http_client: Optional[httpx.Client] = None,
) -> SubjectTokenProvider:
    """A Google-signed ID token for ``audience`` from the GCE metadata server."""

    def get_token() -> str:
        response = _metadata_get(
            GCP_IDENTITY_URL,
            params={"audience": audience},
            headers={"Metadata-Flavor": "Google"},
            timeout=timeout,
            http_client=http_client,
            source="GCP metadata",
        )
        token = response.text.strip()
        if not token:
            raise SubjectTokenProviderError(
                "The GCP metadata server answered with an empty ID token.", response=response
            )
        return token

    return {"token_type": "id", "get_token": get_token}


def _metadata_get(
    url: str,
    *,
    params: Dict[str, str],
    headers: Dict[str, str],
    timeout: float,
    http_client: Optional[httpx.Client],
    source: str,
) -> httpx.Response:
    import httpx

    try:
        if http_client is None:
            with httpx.Client(timeout=timeout) as own:
                response = own.get(url, params=params, headers=headers, follow_redirects=False)
        else:
            response = http_client.get(url, params=params, headers=headers, timeout=timeout, follow_redirects=False)
    except httpx.HTTPError as err:
        raise SubjectTokenProviderError(f"Could not reach the {source} endpoint ({type(err).__name__}).") from err
    if not 200 <= response.status_code < 300:
        raise SubjectTokenProviderError(
            f"The {source} endpoint answered with HTTP status {response.status_code}.", response=response
        )
    return response
