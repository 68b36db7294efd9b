"""Webhook signature verification (Standard Webhooks) for ``client.webhooks``.

The generated ``Webhooks`` and ``AsyncWebhooks`` resources inherit :class:`WebhooksMixin`.
Both methods are plain (not async) on either client: they do no I/O.

Secrets must look like the ones OpenAI issues: ``whsec_`` followed by base64. The
official package also accepts a secret without the prefix and uses its UTF-8 bytes as
the key; we refuse it instead, because such a secret is almost always a copy-paste slip
and would otherwise fail later as a confusing signature mismatch.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from typing import TYPE_CHECKING, Any, Dict, Iterable, Mapping, Optional, Tuple, Union, cast

from .._exceptions import InvalidWebhookSignatureError

if TYPE_CHECKING:
    from ..types.webhooks.unwrap_webhook_event import UnwrapWebhookEvent

__all__ = ["WebhooksMixin", "AsyncWebhooksMixin", "verify_signature", "DEFAULT_TOLERANCE"]

DEFAULT_TOLERANCE = 300
_PREFIX = "whsec_"
_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")
_NO_SECRET = (
    "No webhook secret: pass `secret=` to this method, or `webhook_secret=` to the client, "
    "or set the OPENAI_WEBHOOK_SECRET environment variable."
)

HeadersLike = Union[Mapping[str, Any], Iterable[Tuple[Any, Any]], Any]


def _text(value: Any) -> str:
    return value.decode("latin-1") if isinstance(value, (bytes, bytearray)) else str(value)


def _header_map(headers: HeadersLike) -> Dict[str, str]:
    """The three webhook headers, whatever mapping type the web framework gives (names case-insensitive)."""
    items_method = getattr(headers, "items", None)
    pairs: Iterable[Any]
    if callable(items_method):
        pairs = cast(Iterable[Any], items_method())
    elif isinstance(headers, Iterable):
        pairs = cast(Iterable[Any], headers)
    else:
        raise InvalidWebhookSignatureError(
            f"`headers` must be a mapping of the request's headers, got {type(headers).__name__}"
        )
    found: Dict[str, str] = {}
    for pair in pairs:
        try:
            key, value = pair
        except (TypeError, ValueError):
            raise InvalidWebhookSignatureError(
                "`headers` must be a mapping, or a list of (name, value) pairs, of the request's headers"
            ) from None
        name = _text(key).lower()
        if name in _HEADERS:
            found[name] = _text(value)
    missing = [name for name in _HEADERS if not found.get(name)]
    if missing:
        raise InvalidWebhookSignatureError(
            f"Missing webhook header(s): {', '.join(missing)}. Pass the request's headers unchanged."
        )
    return found


def _key(secret: Optional[str]) -> bytes:
    if secret is None:
        raise InvalidWebhookSignatureError(_NO_SECRET)
    if not isinstance(secret, str):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise InvalidWebhookSignatureError(f"The webhook secret must be a str, got {type(secret).__name__}")
    if not secret:
        raise InvalidWebhookSignatureError("The webhook secret is empty. " + _NO_SECRET)
    if not secret.startswith(_PREFIX):
        raise InvalidWebhookSignatureError(
            "The webhook secret must start with `whsec_` followed by base64, as shown when the endpoint "
            "was created; this one has no `whsec_` prefix."
        )
    try:
        key = base64.b64decode(secret[len(_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise InvalidWebhookSignatureError(
            "The webhook secret is not valid base64 after its `whsec_` prefix."
        ) from None
    if not key:
        raise InvalidWebhookSignatureError("The webhook secret has nothing after its `whsec_` prefix.")
    return key


def _body(payload: Union[str, bytes]) -> bytes:
    if isinstance(payload, str):
        return payload.encode("utf-8")
    if isinstance(payload, (bytes, bytearray)):  # pyright: ignore[reportUnnecessaryIsInstance]
        try:
            bytes(payload).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidWebhookSignatureError(
                f"The webhook payload is not valid UTF-8 (byte {exc.start}); pass the raw request body unchanged."
            ) from None
        return bytes(payload)
    raise InvalidWebhookSignatureError(f"`payload` must be the raw body as str or bytes, got {type(payload).__name__}")


def _check_timestamp(value: str, tolerance: int, now: float) -> None:
    try:
        timestamp = int(value)
    except ValueError:
        raise InvalidWebhookSignatureError(
            f"The webhook-timestamp header is not a Unix timestamp in seconds: {value[:40]!r}"
        ) from None
    if now - timestamp > tolerance:
        raise InvalidWebhookSignatureError(
            f"The webhook timestamp is too old: {int(now - timestamp)} s ago, more than the {tolerance} s tolerance."
        )
    if timestamp - now > tolerance:
        raise InvalidWebhookSignatureError(
            f"The webhook timestamp is too far in the future: {int(timestamp - now)} s ahead, "
            f"more than the {tolerance} s tolerance."
        )


def _signatures(header: str) -> Iterable[bytes]:
    """The ``v1`` signatures of the header (``v1,<base64>`` entries separated by spaces)."""
    entries = header.split()
    parsed = []
    for entry in entries:
        version, comma, value = entry.partition(",")
        if not comma or not version or not value:
            raise InvalidWebhookSignatureError(
                "The webhook-signature header is malformed: expected space-separated `v1,<base64>` entries."
            )
        parsed.append((version, value))
    v1 = [value for version, value in parsed if version == "v1"]
    if not v1:
        raise InvalidWebhookSignatureError("The webhook-signature header has no `v1,<base64>` signature.")
    for value in v1:
        try:
            yield base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            continue  # a broken entry cannot match; another one may


def verify_signature(
    payload: Union[str, bytes],
    headers: HeadersLike,
    *,
    secret: Optional[str],
    tolerance: int = DEFAULT_TOLERANCE,
    now: Optional[float] = None,
) -> None:
    """Raise ``InvalidWebhookSignatureError`` unless ``payload`` carries a valid, fresh signature."""
    key = _key(secret)
    body = _body(payload)
    found = _header_map(headers)
    _check_timestamp(found["webhook-timestamp"], tolerance, time.time() if now is None else now)
    signed = f"{found['webhook-id']}.{found['webhook-timestamp']}.".encode() + body
    expected = hmac.new(key, signed, hashlib.sha256).digest()
    # compare every candidate (constant time each) so timing does not reveal which one matched
    matched = False
    for candidate in _signatures(found["webhook-signature"]):
        matched |= hmac.compare_digest(candidate, expected)
    if not matched:
        raise InvalidWebhookSignatureError("The webhook signature does not match the payload and secret.")


class WebhooksMixin:
    """``verify_signature`` and ``unwrap`` of ``client.webhooks`` (sync and async clients alike)."""

    _client: Any

    def verify_signature(
        self,
        payload: Union[str, bytes],
        headers: HeadersLike,
        *,
        secret: Optional[str] = None,
        tolerance: int = DEFAULT_TOLERANCE,
    ) -> None:
        """Check that a webhook request came from OpenAI.

        ``payload`` is the raw request body (not parsed JSON), ``headers`` the request's
        headers. The secret defaults to the client's ``webhook_secret``. Raises
        ``InvalidWebhookSignatureError`` on any problem.
        """
        verify_signature(payload, headers, secret=self._secret(secret), tolerance=tolerance)

    def unwrap(
        self,
        payload: Union[str, bytes],
        headers: HeadersLike,
        *,
        secret: Optional[str] = None,
    ) -> UnwrapWebhookEvent:
        """Verify a webhook request (as :meth:`verify_signature`), then parse it into a typed event."""
        verify_signature(payload, headers, secret=self._secret(secret))
        from .._models import BaseModel, parse_json
        from ..types.webhooks.unwrap_webhook_event import UnwrapWebhookEvent

        try:
            event = parse_json(UnwrapWebhookEvent, payload)
        except ValueError:
            event = None
        if not isinstance(event, BaseModel):
            raise InvalidWebhookSignatureError("The webhook payload is signed but is not a JSON event object.")
        return cast("UnwrapWebhookEvent", event)

    def _secret(self, secret: Optional[str]) -> Optional[str]:
        if secret is not None:
            return secret
        return getattr(self._client, "webhook_secret", None)


AsyncWebhooksMixin = WebhooksMixin
