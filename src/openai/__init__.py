# pyright: reportUnsupportedDunderAll=false
# (names in __all__ resolve lazily, some from parts of the package built separately)
"""A fast, drop-in Python client for the OpenAI API.

``import openai`` loads only this export map: every name below resolves on first
use (PEP 562), so importing the package pulls in neither httpx nor pydantic nor
any ``openai.types`` module. Type checkers see the real names through the
``TYPE_CHECKING`` block.
"""

import os as _os

from ._version import __title__ as __title__, __version__ as __version__

# `typing` costs more to import than everything else here together; type checkers
# treat any name `TYPE_CHECKING` as true, so a plain constant does the job.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any as _Any, Dict as _Dict

    from typing_extensions import override as override

    from . import resources as resources
    from ._base_client import (
        DefaultAsyncHttpxClient as DefaultAsyncHttpxClient,
        DefaultHttpxClient as DefaultHttpxClient,
    )
    from ._client import (
        AsyncClient as AsyncClient,
        AsyncOpenAI as AsyncOpenAI,
        Client as Client,
        OpenAI as OpenAI,
    )
    from ._constants import (
        DEFAULT_CONNECTION_LIMITS as DEFAULT_CONNECTION_LIMITS,
        DEFAULT_MAX_RETRIES as DEFAULT_MAX_RETRIES,
        DEFAULT_TIMEOUT as DEFAULT_TIMEOUT,
    )
    from ._exceptions import (
        APIConnectionError as APIConnectionError,
        APIError as APIError,
        APIResponseValidationError as APIResponseValidationError,
        APIStatusError as APIStatusError,
        APITimeoutError as APITimeoutError,
        AuthenticationError as AuthenticationError,
        BadRequestError as BadRequestError,
        ConflictError as ConflictError,
        ContentFilterFinishReasonError as ContentFilterFinishReasonError,
        InternalServerError as InternalServerError,
        InvalidWebhookSignatureError as InvalidWebhookSignatureError,
        LengthFinishReasonError as LengthFinishReasonError,
        NotFoundError as NotFoundError,
        OAuthError as OAuthError,
        OpenAIError as OpenAIError,
        PermissionDeniedError as PermissionDeniedError,
        RateLimitError as RateLimitError,
        UnprocessableEntityError as UnprocessableEntityError,
        WebSocketConnectionClosedError as WebSocketConnectionClosedError,
        WebSocketQueueFullError as WebSocketQueueFullError,
    )
    from ._files import file_from_path as file_from_path
    from ._http_clients import DefaultAioHttpClient as DefaultAioHttpClient
    from ._legacy_response import (
        HttpxBinaryResponseContent as HttpxBinaryResponseContent,
    )
    from ._models import BaseModel as BaseModel
    from ._response import (
        APIResponse as APIResponse,
        AsyncAPIResponse as AsyncAPIResponse,
    )
    from ._streaming import AsyncStream as AsyncStream, Stream as Stream
    from ._types import (
        NOT_GIVEN as NOT_GIVEN,
        NoneType as NoneType,
        NotGiven as NotGiven,
        Omit as Omit,
        ProxiesTypes as ProxiesTypes,
        RequestOptions as RequestOptions,
        Timeout as Timeout,
        Transport as Transport,
        not_given as not_given,
        omit as omit,
    )
    from .lib.azure import (
        AsyncAzureOpenAI as AsyncAzureOpenAI,
        AzureOpenAI as AzureOpenAI,
    )  # providers
    from .lib.bedrock import (
        AsyncBedrockOpenAI as AsyncBedrockOpenAI,
        BedrockOpenAI as BedrockOpenAI,
    )  # providers
    from .version import VERSION as VERSION

# name -> module (relative to this package) that defines it
_EXPORTS: "_Dict[str, str]" = {
    "OpenAI": "._client",
    "AsyncOpenAI": "._client",
    "Client": "._client",
    "AsyncClient": "._client",
    "RequestOptions": "._types",
    "Timeout": "._types",
    "Transport": "._types",
    "ProxiesTypes": "._types",
    "NotGiven": "._types",
    "NOT_GIVEN": "._types",
    "not_given": "._types",
    "Omit": "._types",
    "omit": "._types",
    "NoneType": "._types",
    "Stream": "._streaming",
    "AsyncStream": "._streaming",
    "APIResponse": "._response",
    "AsyncAPIResponse": "._response",
    "HttpxBinaryResponseContent": "._legacy_response",
    "BaseModel": "._models",
    "DEFAULT_TIMEOUT": "._constants",
    "DEFAULT_MAX_RETRIES": "._constants",
    "DEFAULT_CONNECTION_LIMITS": "._constants",
    "DefaultHttpxClient": "._http_clients",
    "DefaultAsyncHttpxClient": "._http_clients",
    "DefaultAioHttpClient": "._http_clients",
    "file_from_path": "._files",
    "VERSION": ".version",
    # other parts of the package (each loads only when its name is used)
    "AzureOpenAI": ".lib.azure",
    "AsyncAzureOpenAI": ".lib.azure",
    "BedrockOpenAI": ".lib.bedrock",
    "AsyncBedrockOpenAI": ".lib.bedrock",
    "AssistantEventHandler": ".lib.streaming",
    "AsyncAssistantEventHandler": ".lib.streaming",
    "pydantic_function_tool": ".lib",
    "ReconnectingEvent": ".types.websocket_reconnection",
    "ReconnectingOverrides": ".types.websocket_reconnection",
    "WebSocketConnectionClosedError": "._exceptions",
    "WebSocketQueueFullError": "._exceptions",
    "override": "typing_extensions",
}
for _name in (
    "OpenAIError APIError APIStatusError APIConnectionError APITimeoutError APIResponseValidationError "
    "BadRequestError AuthenticationError PermissionDeniedError NotFoundError ConflictError "
    "UnprocessableEntityError RateLimitError InternalServerError LengthFinishReasonError "
    "ContentFilterFinishReasonError InvalidWebhookSignatureError OAuthError"
).split():
    _EXPORTS[_name] = "._exceptions"
# pre-1.0 names: using them explains the migration
for _name in (
    "Audio ChatCompletion Completion Customer Deployment Edit Embedding Engine ErrorObject File "
    "FineTune FineTuningJob Image Model Moderation"
).split():
    _EXPORTS[_name] = ".lib._old_api"

# The module-level client: `openai.api_key = ...` then `openai.chat.completions.create(...)`.
# Settings are plain module attributes; the resources resolve through `_module_client`.
api_key: "str | None" = None
admin_api_key: "str | None" = None
organization: "str | None" = None
project: "str | None" = None
webhook_secret: "str | None" = None
base_url: "_Any" = None
max_retries: int = 2
default_headers: "_Any" = None
default_query: "_Any" = None
http_client: "_Any" = None
api_type: "str | None" = _os.environ.get("OPENAI_API_TYPE")
api_version: "str | None" = None
azure_endpoint: "str | None" = None
azure_ad_token: "str | None" = None
azure_ad_token_provider: "_Any" = None
bedrock_token_provider: "_Any" = None

_MODULE_CLIENT_RESOURCES = frozenset(
    "admin audio batches beta chat completions containers conversations embeddings evals files fine_tuning "
    "images models moderations realtime responses skills uploads vector_stores videos webhooks".split()
)

# what `from openai import *` gives, as in the official package
__all__ = [
    "types", "__version__", "__title__", "NoneType", "Transport", "ProxiesTypes", "NotGiven", "NOT_GIVEN",
    "not_given", "Omit", "omit", "OpenAIError", "APIError", "APIStatusError", "APITimeoutError",
    "APIConnectionError", "APIResponseValidationError", "BadRequestError", "AuthenticationError", "OAuthError",
    "PermissionDeniedError", "NotFoundError", "ConflictError", "UnprocessableEntityError", "RateLimitError",
    "InternalServerError", "LengthFinishReasonError", "ContentFilterFinishReasonError",
    "InvalidWebhookSignatureError", "Timeout", "RequestOptions", "Client", "AsyncClient", "Stream", "AsyncStream",
    "OpenAI", "AsyncOpenAI", "file_from_path", "BaseModel", "DEFAULT_TIMEOUT", "DEFAULT_MAX_RETRIES",
    "DEFAULT_CONNECTION_LIMITS", "DefaultHttpxClient", "DefaultAsyncHttpxClient", "DefaultAioHttpClient",
    "WebSocketQueueFullError", "WebSocketConnectionClosedError",
    # "ReconnectingEvent", "ReconnectingOverrides": added here by the realtime part when
    # openai.types.websocket_reconnection exists (until then `import *` would fail on them)
]  # fmt: skip


def __getattr__(name: str) -> "_Any":
    import importlib

    module_name = _EXPORTS.get(name)
    if module_name is not None:
        if module_name.startswith("."):
            module = importlib.import_module(module_name, __name__)
        else:
            module = importlib.import_module(module_name)
        value = getattr(module, name)
        globals()[name] = value  # later lookups skip this function
        return value
    if name == "timeout":
        # the default, until someone assigns `openai.timeout`
        from ._constants import DEFAULT_TIMEOUT

        return DEFAULT_TIMEOUT
    if name in ("types", "resources", "lib", "pagination", "testing", "auth"):
        return importlib.import_module(f".{name}", __name__)
    if name in _MODULE_CLIENT_RESOURCES:
        try:
            module_client = importlib.import_module("._module_client", __name__)
        except ImportError as err:
            raise AttributeError(
                f"module 'openai' has no attribute {name!r} (the module-level client is not available)"
            ) from err
        return getattr(module_client, name)
    if not name.startswith("__"):
        # a submodule read as an attribute (`openai._legacy_response`, `openai.version`):
        # the official package imports these eagerly, so libraries expect them there
        try:
            return importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module 'openai' has no attribute {name!r}")


def __dir__() -> "list[str]":
    return sorted({*globals(), *_EXPORTS, *_MODULE_CLIENT_RESOURCES, "timeout"})
