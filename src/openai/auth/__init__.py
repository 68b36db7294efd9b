"""Workload identity authentication: short-lived tokens from a cloud identity instead of an API key.

from openai import OpenAI
from openai.auth import k8s_service_account_token_provider

client = OpenAI(
    workload_identity={
        "identity_provider_id": "idp-123",
        "service_account_id": "sa-456",
        "provider": k8s_service_account_token_provider("/var/run/secrets/tokens/openai"),
    }
)
"""

from ._providers import (
    azure_managed_identity_token_provider as azure_managed_identity_token_provider,
    gcp_id_token_provider as gcp_id_token_provider,
    k8s_service_account_token_provider as k8s_service_account_token_provider,
)
from ._types import SubjectTokenProvider as SubjectTokenProvider, WorkloadIdentity as WorkloadIdentity
from ._workload import WorkloadIdentityAuth as WorkloadIdentityAuth

__all__ = [
    "SubjectTokenProvider",
    "WorkloadIdentity",
    "WorkloadIdentityAuth",
    "k8s_service_account_token_provider",
    "azure_managed_identity_token_provider",
    "gcp_id_token_provider",
]
