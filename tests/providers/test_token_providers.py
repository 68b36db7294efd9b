"""The subject token provider factories of ``openai.auth``, against loopback metadata servers."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import httpx
import pytest

from openai import OpenAI
from openai._exceptions import SubjectTokenProviderError
from openai.auth import (
    azure_managed_identity_token_provider,
    gcp_id_token_provider,
    k8s_service_account_token_provider,
)

from ._loopback import RedirectTo, Reply, Server, TokenEndpoint, api_ok, exchange_requests


@pytest.fixture
def metadata() -> Iterator[Server]:
    with Server(lambda request: Reply(200, {"access_token": "azure-mi-token-123", "expires_in": "3599"})) as server:
        yield server


def via(server: Server, *hosts: str) -> httpx.Client:
    return httpx.Client(transport=RedirectTo({host: server for host in hosts}))


# --- Kubernetes ------------------------------------------------------------------------------


def test_k8s_reads_the_file_at_each_call(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("k8s-token-one\n")
    provider = k8s_service_account_token_provider(token_file)
    assert provider["token_type"] == "jwt"
    assert provider["get_token"]() == "k8s-token-one"
    token_file.write_text("k8s-token-two")  # kubelet rotated it
    assert provider["get_token"]() == "k8s-token-two"


def test_k8s_default_path() -> None:
    provider = k8s_service_account_token_provider()
    with pytest.raises(SubjectTokenProviderError, match="/var/run/secrets/kubernetes.io/serviceaccount/token"):
        provider["get_token"]()


def test_k8s_missing_and_empty_files(tmp_path: Path) -> None:
    missing = k8s_service_account_token_provider(str(tmp_path / "absent"))
    with pytest.raises(SubjectTokenProviderError, match="Could not read .*absent.*No such file") as info:
        missing["get_token"]()
    assert isinstance(info.value.__cause__, FileNotFoundError)
    (tmp_path / "empty").write_text("  \n")
    with pytest.raises(SubjectTokenProviderError, match="is empty"):
        k8s_service_account_token_provider(tmp_path / "empty")["get_token"]()


# --- Azure managed identity --------------------------------------------------------------------


def test_azure_managed_identity_request(metadata: Server) -> None:
    provider = azure_managed_identity_token_provider(http_client=via(metadata, "169.254.169.254"))
    assert provider["token_type"] == "jwt"
    assert provider["get_token"]() == "azure-mi-token-123"
    (request,) = metadata.requests
    assert request.method == "GET"
    assert request.path == "/metadata/identity/oauth2/token"
    assert request.query == {"api-version": "2018-02-01", "resource": "https://management.azure.com/"}
    assert request.headers["metadata"] == "true"


def test_azure_managed_identity_options(metadata: Server) -> None:
    provider = azure_managed_identity_token_provider(
        "api://my-app",
        client_id="cid-1",
        object_id="oid-2",
        msi_res_id="/subscriptions/x/rg",
        api_version="2019-08-01",
        http_client=via(metadata, "169.254.169.254"),
    )
    provider["get_token"]()
    assert metadata.requests[0].query == {
        "api-version": "2019-08-01",
        "resource": "api://my-app",
        "client_id": "cid-1",
        "object_id": "oid-2",
        "msi_res_id": "/subscriptions/x/rg",
    }


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(400, {"error": "invalid_request"}), "HTTP status 400"),
        (Reply(500, "down"), "HTTP status 500"),
        (Reply(200, {"token": "x"}), "without an `access_token`"),
        (Reply(200, "<html>"), "without an `access_token`"),
    ],
)
def test_azure_managed_identity_errors(reply: Reply, message: str) -> None:
    with Server(lambda request: reply) as server:
        provider = azure_managed_identity_token_provider(http_client=via(server, "169.254.169.254"))
        with pytest.raises(SubjectTokenProviderError, match=message) as info:
            provider["get_token"]()
    assert info.value.response is not None
    assert info.value.response.status_code == reply.status


def test_azure_managed_identity_unreachable() -> None:
    # the default transport would go to 169.254.169.254, which the tests forbid: an OSError
    provider = azure_managed_identity_token_provider(timeout=0.5)
    with pytest.raises(SubjectTokenProviderError, match="Could not reach the Azure managed identity endpoint") as info:
        provider["get_token"]()
    assert info.value.response is None
    assert isinstance(info.value.__cause__, httpx.HTTPError)


# --- GCP ----------------------------------------------------------------------------------------


def test_gcp_id_token_request() -> None:
    with Server(lambda request: Reply(200, "gcp.id.token\n")) as server:
        provider = gcp_id_token_provider(http_client=via(server, "metadata.google.internal"))
        assert provider["token_type"] == "id"
        assert provider["get_token"]() == "gcp.id.token"
    (request,) = server.requests
    assert request.path == "/computeMetadata/v1/instance/service-accounts/default/identity"
    assert request.query == {"audience": "https://api.openai.com/v1"}
    assert request.headers["metadata-flavor"] == "Google"


def test_gcp_custom_audience_and_errors() -> None:
    replies = [Reply(200, "tok.en.x"), Reply(404, "not found"), Reply(200, "")]
    with Server(lambda request: replies.pop(0)) as server:
        provider = gcp_id_token_provider(
            "https://example.test/aud", http_client=via(server, "metadata.google.internal")
        )
        provider["get_token"]()
        with pytest.raises(SubjectTokenProviderError, match="HTTP status 404"):
            provider["get_token"]()
        with pytest.raises(SubjectTokenProviderError, match="empty ID token") as info:
            provider["get_token"]()
    assert server.requests[0].query == {"audience": "https://example.test/aud"}
    assert info.value.response is not None


# --- a provider inside a client, end to end ---------------------------------------------------------


def test_gcp_provider_in_a_client_end_to_end() -> None:
    token = TokenEndpoint()
    with (
        Server(lambda request: Reply(200, "gcp-id-token-xyz")) as metadata_server,
        Server(token) as token_server,
        Server(api_ok) as api,
    ):
        provider = gcp_id_token_provider(http_client=via(metadata_server, "metadata.google.internal"))
        http_client = httpx.Client(transport=RedirectTo({"auth.openai.com": token_server, "api.openai.com": api}))
        client = OpenAI(
            workload_identity={"identity_provider_id": "idp-1", "service_account_id": "sa-1", "provider": provider},
            http_client=http_client,
        )
        assert client.get("/models", cast_to=object) == {"ok": True, "path": "/v1/models"}
    (exchange,) = exchange_requests(token_server)
    assert exchange.json()["subject_token"] == "gcp-id-token-xyz"
    assert exchange.json()["subject_token_type"] == "urn:ietf:params:oauth:token-type:id_token"
    assert api.requests[0].headers["authorization"] == "Bearer exchanged-token-1"


async def test_k8s_provider_in_an_async_client(tmp_path: Path) -> None:
    from openai import AsyncOpenAI

    from ._loopback import AsyncRedirectTo

    token_file = tmp_path / "token"
    token_file.write_text("k8s-subject-abc")
    token = TokenEndpoint()
    with Server(token) as token_server, Server(api_ok) as api:
        http_client = httpx.AsyncClient(
            transport=AsyncRedirectTo({"auth.openai.com": token_server, "api.openai.com": api})
        )
        client = AsyncOpenAI(
            workload_identity={
                "identity_provider_id": "idp-1",
                "service_account_id": "sa-1",
                "provider": k8s_service_account_token_provider(token_file),
            },
            http_client=http_client,
        )
        await client.get("/models", cast_to=object)
    assert exchange_requests(token_server)[0].json()["subject_token"] == "k8s-subject-abc"
    assert api.requests[0].headers["authorization"] == "Bearer exchanged-token-1"
