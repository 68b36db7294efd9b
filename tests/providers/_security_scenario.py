"""Run by test_security.py in a subprocess with OPENAI_LOG=debug.

Uses every kind of credential against loopback servers: a request, a redirect to
another origin, a 401 whose body echoes the credential, and token endpoints that
fail or redirect. Prints one JSON line: the texts to check (exception messages,
reprs), what the servers received, and the secrets. The logs go to stderr.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from typing import Any, Dict, List

import httpx

from tests.providers._loopback import Recorded, RedirectTo, Reply, Server, TokenEndpoint

SECRETS: Dict[str, str] = {
    "api_key": "sk-proj-APIKEY0001secretvalue",
    "api_key_provider": "keyprov-APIKEYPROV0011-value",
    "admin_key": "sk-admin-ADMINKEY0002secret",
    "azure_api_key": "azurekey0003secretvalue",
    "ad_token": "eyJ0eXAiOi.ADTOKEN0004.sig",
    "ad_token_provider": "eyJ0eXAiOi.ADPROV0005.sig",
    "subject_token": "eyJhbGciOi.SUBJECT0006.sig",
    "exchanged_token": "oai-EXCHANGED0007-token",
    "bedrock_token": "bedrock-api-key-BEDROCK0008",
    "bedrock_provider_token": "bedrock-short-BEDROCK0009",
    "webhook_secret": "whsec_V0VCSE9PSzAwMTBzZWNyZXQ=",
}

texts: List[str] = []


def main() -> None:
    logging.getLogger("httpcore").setLevel(logging.DEBUG)
    other = Server(lambda request: Reply(200, {"landed": request.path}))
    with other:
        api = Server(api_handler(other.url))
        token = TokenEndpoint()
        token.script = [Reply(200, {"access_token": SECRETS["exchanged_token"], "expires_in": 3600})] * 10
        token_echo = Server(
            lambda request: Reply(400, {"error": "invalid_grant", "error_description": request.body.decode()})
        )
        token_redirect = Server(lambda request: Reply(307, "", {"location": f"{other.url}/token-landed"}))
        with api, Server(token) as token_server, token_echo, token_redirect:
            run_all(api, token_server, token_echo, token_redirect)
            print(
                json.dumps(
                    {
                        "secrets": SECRETS,
                        "texts": texts,
                        "other_origin": [_dump(r) for r in other.requests],
                        "api": [_dump(r) for r in api.requests],
                        "token_endpoint": [_dump(r) for r in token_server.requests],
                    }
                )
            )


def _dump(request: Recorded) -> Dict[str, Any]:
    return {"path": request.path, "query": request.query, "headers": request.headers, "body": request.body.decode()}


def api_handler(other_origin: str) -> Any:
    def handle(request: Recorded) -> Reply:
        if request.path.endswith("/redirect"):
            return Reply(307, "", {"location": f"{other_origin}/landed{request.path}"})
        if request.path.endswith("/fail"):
            echoed = f"{request.headers.get('authorization')} / {request.headers.get('api-key')}"
            return Reply(401, {"error": {"message": f"Incorrect credentials provided: {echoed}", "code": "bad_key"}})
        return Reply(200, {"ok": True})

    return handle


def exercise(client: Any, *, admin: bool = False) -> None:
    from openai._base_client import make_request_options

    options: Any = make_request_options(security="admin_api_key") if admin else {}
    texts.append(repr(client))
    client.get("/ok", cast_to=object, options=options)
    client.get("/redirect", cast_to=object, options=options)
    try:
        client.get("/fail", cast_to=object, options=options)
    except Exception as err:
        texts.extend([str(err), repr(err)])
    else:
        raise AssertionError("expected an error for /fail")


async def exercise_async(client: Any) -> None:
    texts.append(repr(client))
    await client.get("/ok", cast_to=object)
    await client.get("/redirect", cast_to=object)
    try:
        await client.get("/fail", cast_to=object)
    except Exception as err:
        texts.extend([str(err), repr(err)])


def run_all(api: Server, token_server: Server, token_echo: Server, token_redirect: Server) -> None:
    from openai import AsyncOpenAI, AzureOpenAI, BedrockOpenAI, OpenAI
    from openai.auth import WorkloadIdentityAuth
    from openai.auth._client_hooks import auth_for

    def http(token_host: Server = token_server) -> httpx.Client:
        return httpx.Client(transport=RedirectTo({"auth.openai.com": token_host}), follow_redirects=True)

    base = f"{api.url}/v1"
    exercise(OpenAI(api_key=SECRETS["api_key"], base_url=base, http_client=http(), max_retries=0))
    exercise(OpenAI(api_key=lambda: SECRETS["api_key_provider"], base_url=base, http_client=http(), max_retries=0))
    exercise(
        OpenAI(admin_api_key=SECRETS["admin_key"], base_url=base, http_client=http(), max_retries=0),
        admin=True,
    )
    webhook_client = OpenAI(
        api_key=SECRETS["api_key"], webhook_secret=SECRETS["webhook_secret"], base_url=base, http_client=http()
    )
    exercise(webhook_client)

    azure: Dict[str, Any] = {"api_version": "2024-10-21", "azure_endpoint": api.url, "max_retries": 0}
    exercise(AzureOpenAI(api_key=SECRETS["azure_api_key"], http_client=http(), **azure))
    exercise(AzureOpenAI(azure_ad_token=SECRETS["ad_token"], http_client=http(), **azure))
    exercise(AzureOpenAI(azure_ad_token_provider=lambda: SECRETS["ad_token_provider"], http_client=http(), **azure))

    exercise(BedrockOpenAI(api_key=SECRETS["bedrock_token"], base_url=base, http_client=http(), max_retries=0))
    exercise(
        BedrockOpenAI(
            bedrock_token_provider=lambda: SECRETS["bedrock_provider_token"],
            base_url=base,
            http_client=http(),
            max_retries=0,
        )
    )

    identity: Any = {
        "identity_provider_id": "idp-1",
        "service_account_id": "sa-1",
        "provider": {"token_type": "jwt", "get_token": lambda: SECRETS["subject_token"]},
    }
    wi_client = OpenAI(workload_identity=identity, base_url=base, http_client=http(), max_retries=0)
    exercise(wi_client)
    texts.append(repr(auth_for(wi_client)))
    asyncio.run(
        exercise_async(
            AsyncOpenAI(
                workload_identity=dict(identity),
                base_url=base,
                http_client=httpx.AsyncClient(follow_redirects=True, transport=_async_transport(token_server)),
                max_retries=0,
            )
        )
    )

    # a token endpoint that quotes the request back, and one that redirects elsewhere
    for bad_endpoint in (token_echo, token_redirect):
        auth = WorkloadIdentityAuth(workload_identity=identity, token_exchange_url=f"{bad_endpoint.url}/oauth/token")
        try:
            auth.get_token(http_client=http())
        except Exception as err:
            texts.extend([str(err), repr(err), repr(getattr(err, "error_description", None))])
        else:
            raise AssertionError("expected the exchange to fail")


def _async_transport(token_server: Server) -> httpx.AsyncBaseTransport:
    from tests.providers._loopback import AsyncRedirectTo

    return AsyncRedirectTo({"auth.openai.com": token_server})


if __name__ == "__main__":
    sys.exit(main())
