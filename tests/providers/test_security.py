"""No credential in logs, exception messages or reprs, nor on a redirect to another origin.

One subprocess (``_security_scenario``) runs with ``OPENAI_LOG=debug`` and uses each
kind of credential: api key (static and provider), admin key, Azure api-key,
AD token (static and provider), workload identity subject and exchanged tokens,
Bedrock token (static and provider), webhook secret.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]

# where each credential is legitimately sent (so the test can also prove it was used)
SENT_TO_API_AS = {
    "api_key": "authorization",
    "api_key_provider": "authorization",
    "admin_key": "authorization",
    "azure_api_key": "api-key",
    "ad_token": "authorization",
    "ad_token_provider": "authorization",
    "exchanged_token": "authorization",
    "bedrock_token": "authorization",
    "bedrock_provider_token": "authorization",
}


@pytest.fixture(scope="module")
def scenario() -> Dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "AZURE_", "AWS_"))}
    env["OPENAI_LOG"] = "debug"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-m", "tests.providers._security_scenario"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    data: Dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    data["logs"] = result.stderr
    return data


def test_debug_logging_was_on(scenario: Dict[str, Any]) -> None:
    logs: str = scenario["logs"]
    assert "Request: GET" in logs
    assert "HTTP Response: GET" in logs
    assert "<redacted>" in logs
    assert len(scenario["texts"]) > 30


@pytest.mark.parametrize("name", sorted(SENT_TO_API_AS))
def test_each_credential_was_really_used(scenario: Dict[str, Any], name: str) -> None:
    secret = scenario["secrets"][name]
    header = SENT_TO_API_AS[name]
    sent = [r["headers"].get(header, "") for r in scenario["api"]]
    assert any(secret in value for value in sent)


def test_subject_token_went_only_to_the_token_endpoint(scenario: Dict[str, Any]) -> None:
    subject = scenario["secrets"]["subject_token"]
    bodies = [json.loads(r["body"]) for r in scenario["token_endpoint"]]
    assert bodies and all(body["subject_token"] == subject for body in bodies)
    assert all(subject not in json.dumps(r) for r in scenario["api"])


@pytest.mark.parametrize(
    "name",
    [
        "api_key",
        "api_key_provider",
        "admin_key",
        "azure_api_key",
        "ad_token",
        "ad_token_provider",
        "subject_token",
        "exchanged_token",
        "bedrock_token",
        "bedrock_provider_token",
        "webhook_secret",
    ],
)
def test_credential_never_in_logs_messages_or_reprs(scenario: Dict[str, Any], name: str) -> None:
    secret = scenario["secrets"][name]
    assert secret not in scenario["logs"]
    leaking: List[str] = [text for text in scenario["texts"] if secret in text]
    assert leaking == []


def test_error_messages_still_say_what_happened(scenario: Dict[str, Any]) -> None:
    texts = "\n".join(scenario["texts"])
    assert "Error code: 401" in texts
    assert "Incorrect credentials provided" in texts
    assert "OAuth token exchange failed with status 400: invalid_grant" in texts
    assert "token exchange failed with HTTP status 307" in texts


def test_cross_origin_redirect_carries_no_credential(scenario: Dict[str, Any]) -> None:
    landed = scenario["other_origin"]
    # one redirect per client exercised (11 clients), none from the token endpoint
    assert len(landed) == 11
    assert all(r["path"].startswith("/landed/") for r in landed)
    for request in landed:
        names = set(request["headers"])
        assert not names & {"authorization", "api-key", "openai-organization", "openai-project"}
        flat = json.dumps(request)
        for secret in scenario["secrets"].values():
            assert secret not in flat
