"""The module-level client: ``openai.api_key = ...`` then ``openai.chat.completions.create(...)``.

``openai.chat``, ``openai.responses``, ... are proxies. Each attribute access on a
proxy asks :func:`_load_client` for the client, which compares the module
settings (``openai.api_key``, ``openai.base_url``, ``openai.api_type``, ...)
with those the current client was built from and builds a new client when they
differ. So the client is created on first use, and a setting changed later
applies from the next call on. Rebuilt clients share one connection pool.

``openai.api_type`` (``"openai"``, ``"azure"``, ``"amazon-bedrock"``; default from
env ``OPENAI_API_TYPE``) picks ``OpenAI``, ``AzureOpenAI`` or ``BedrockOpenAI``.

Nothing here imports httpx or the client until a proxy is used, so it does not
slow down ``import openai``.
"""

from __future__ import annotations

import os
import sys
from _thread import allocate_lock

# `typing` and `threading` cost more to import than the rest of this module: only
# type checkers see them (they treat any name `TYPE_CHECKING` as true)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Tuple

    from ._client import OpenAI

__all__ = ["_load_client", "API_TYPES"]

API_TYPES = ("openai", "azure", "amazon-bedrock")

# Every module setting the client is built from, in a fixed order.
_SETTINGS = (
    "api_type",
    "api_key",
    "admin_api_key",
    "organization",
    "project",
    "webhook_secret",
    "base_url",
    "timeout",
    "max_retries",
    "default_headers",
    "default_query",
    "http_client",
    "api_version",
    "azure_endpoint",
    "azure_ad_token",
    "azure_ad_token_provider",
    "bedrock_token_provider",
)

_DICT_SETTINGS = (_SETTINGS.index("default_headers"), _SETTINGS.index("default_query"))

_lock = allocate_lock()
_client: Optional[OpenAI] = None
_built_from: Optional[Tuple[Any, ...]] = None


_UNSET = object()  # `openai.timeout` until assigned (then it reads DEFAULT_TIMEOUT)


def _settings() -> Tuple[Any, ...]:
    # read the module's dict directly: no module __getattr__ call on this per-call path
    namespace = sys.modules["openai"].__dict__
    values = [namespace.get(name, _UNSET) for name in _SETTINGS]
    for index in _DICT_SETTINGS:
        value = values[index]
        if isinstance(value, dict):
            # a dict changed in place must count as a change: compare a copy
            values[index] = dict(value)
    return tuple(values)


def _load_client() -> OpenAI:
    """The module-level client for the current settings (built on first use or after a change)."""
    global _client, _built_from
    settings = _settings()
    client = _client
    if client is not None and settings == _built_from:
        return client
    with _lock:
        if _client is not None and settings == _built_from:
            return _client
        client = _build(dict(zip(_SETTINGS, settings)), _client)
        _client, _built_from = client, settings
        return client


def _api_type(value: Optional[str]) -> str:
    if value is None:
        value = os.environ.get("OPENAI_API_TYPE") or "openai"
    if value not in API_TYPES:
        raise _error(
            f"`openai.api_type` must be one of {', '.join(repr(t) for t in API_TYPES)}, got {value!r} "
            "(its default comes from the OPENAI_API_TYPE environment variable)."
        )
    return value


def _error(message: str) -> Exception:
    from ._exceptions import OpenAIError

    return OpenAIError(message)


def _build(settings: Dict[str, Any], previous: Optional[OpenAI]) -> OpenAI:
    if settings["timeout"] is _UNSET:
        from ._constants import DEFAULT_TIMEOUT

        settings["timeout"] = DEFAULT_TIMEOUT
    settings = {
        name: (None if value is _UNSET else value) for name, value in settings.items()
    }
    api_type = _api_type(settings["api_type"])
    http_client = settings["http_client"]
    if http_client is None and previous is not None and previous._owns_client:
        # keep the connection pool of the client being replaced
        http_client = previous._client
    common: Dict[str, Any] = {
        "organization": settings["organization"],
        "project": settings["project"],
        "webhook_secret": settings["webhook_secret"],
        "timeout": settings["timeout"],
        "max_retries": settings["max_retries"],
        "default_headers": settings["default_headers"],
        "default_query": settings["default_query"],
        "http_client": http_client,
    }
    client: OpenAI
    if api_type == "azure":
        from .lib.azure import AzureOpenAI

        client = AzureOpenAI(
            api_key=settings["api_key"],
            admin_api_key=settings["admin_api_key"],
            api_version=settings["api_version"],
            azure_endpoint=settings["azure_endpoint"],
            azure_ad_token=settings["azure_ad_token"],
            azure_ad_token_provider=settings["azure_ad_token_provider"],
            base_url=settings["base_url"],
            **common,
        )
    elif api_type == "amazon-bedrock":
        from .lib.bedrock import BedrockOpenAI

        client = BedrockOpenAI(
            api_key=settings["api_key"],
            bedrock_token_provider=settings["bedrock_token_provider"],
            base_url=settings["base_url"],
            **common,
        )
    else:
        from ._client import OpenAI

        client = OpenAI(
            api_key=settings["api_key"],
            admin_api_key=settings["admin_api_key"],
            base_url=settings["base_url"],
            **common,
        )
    if http_client is not None and http_client is not settings["http_client"]:
        # the inherited pool belongs to the module client as a whole: let the newest close it
        client._owns_client = True
        if previous is not None:
            previous._owns_client = False
    return client


class _ResourceProxy:
    """Stands for ``<module client>.<name>``: every attribute access resolves the client anew."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "_name", name)

    def _resolve(self) -> Any:
        return getattr(_load_client(), self._name)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._resolve(), attr)

    def __setattr__(self, attr: str, value: Any) -> None:
        setattr(self._resolve(), attr, value)

    def __repr__(self) -> str:
        return f"<module-level client proxy for client.{self._name}>"

    def __dir__(self) -> Any:
        return dir(self._resolve())


admin = _ResourceProxy("admin")
audio = _ResourceProxy("audio")
batches = _ResourceProxy("batches")
beta = _ResourceProxy("beta")
chat = _ResourceProxy("chat")
completions = _ResourceProxy("completions")
containers = _ResourceProxy("containers")
conversations = _ResourceProxy("conversations")
embeddings = _ResourceProxy("embeddings")
evals = _ResourceProxy("evals")
files = _ResourceProxy("files")
fine_tuning = _ResourceProxy("fine_tuning")
images = _ResourceProxy("images")
models = _ResourceProxy("models")
moderations = _ResourceProxy("moderations")
realtime = _ResourceProxy("realtime")
responses = _ResourceProxy("responses")
skills = _ResourceProxy("skills")
uploads = _ResourceProxy("uploads")
vector_stores = _ResourceProxy("vector_stores")
videos = _ResourceProxy("videos")
webhooks = _ResourceProxy("webhooks")
