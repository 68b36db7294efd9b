"""Logging under the ``openai`` logger, and the one redaction function every part uses.

``OPENAI_LOG=info|debug`` turns logging on. Whatever is logged passes through
:func:`redact` first, so keys and tokens never reach a handler.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from typing import Any, Dict, Iterable, List, Mapping, Optional, Pattern, Tuple

__all__ = [
    "logger",
    "httpx_logger",
    "setup_logging",
    "redact",
    "redact_headers",
    "register_secret",
    "SensitiveHeadersFilter",
    "SENSITIVE_HEADERS",
]

logger: logging.Logger = logging.getLogger("openai")
httpx_logger: logging.Logger = logging.getLogger("httpx")

REDACTED = "<redacted>"

# Headers whose values are credentials.
SENSITIVE_HEADERS = frozenset({"authorization", "api-key", "x-api-key", "proxy-authorization", "cookie", "set-cookie"})

# Shapes of secrets that are recognisable without knowing them: bearer tokens,
# OpenAI-style keys, webhook secrets, and `key=value` pairs named like credentials.
_PATTERNS: Tuple[Tuple[Pattern[str], str], ...] = (
    (re.compile(r"(?i)\b(bearer|basic)\s+[^\s'\",;}]+"), r"\1 " + REDACTED),
    (re.compile(r"\b(sk|rk|sess|whsec|ek)[-_][A-Za-z0-9_\-]{6,}"), REDACTED),
    (
        re.compile(
            r"(?i)([\"']?(?:api[-_]?key|admin[-_]?api[-_]?key|access[-_]token|subject[-_]token|"
            r"client[-_]secret|webhook[-_]secret|azure[-_]ad[-_]token|password|secret)[\"']?\s*[:=]\s*[\"']?)"
            r"[^\s'\",;}&]+"
        ),
        r"\1" + REDACTED,
    ),
)

# Exact values registered by the clients (api keys, tokens) whatever their shape.
_secrets: "set[str]" = set()
_secrets_lock = threading.Lock()
_secrets_pattern: Optional[Pattern[str]] = None


def register_secret(value: object) -> None:
    """Remember a credential value so that :func:`redact` removes it wherever it appears."""
    global _secrets_pattern
    if not isinstance(value, str) or len(value) < 6 or value in _secrets:
        return
    with _secrets_lock:
        _secrets.add(value)
        # longest first, so a secret that contains another is removed whole
        ordered = sorted(_secrets, key=len, reverse=True)
        _secrets_pattern = re.compile("|".join(re.escape(s) for s in ordered))


def redact(text: str) -> str:
    """Return ``text`` with every credential removed."""
    pattern = _secrets_pattern
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    for regex, replacement in _PATTERNS:
        text = regex.sub(replacement, text)
    return text


def redact_headers(headers: Any) -> Dict[str, str]:
    """A copy of ``headers`` (a mapping or list of pairs) with credential values replaced."""
    items: Iterable[Tuple[Any, Any]]
    if isinstance(headers, Mapping):
        items = headers.items()  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
    elif hasattr(headers, "multi_items"):
        items = headers.multi_items()
    else:
        items = headers
    out: Dict[str, str] = {}
    for key, value in items:
        name = key.decode() if isinstance(key, bytes) else str(key)
        if name.lower() in SENSITIVE_HEADERS:
            out[name] = REDACTED
        else:
            out[name] = redact(value.decode() if isinstance(value, bytes) else str(value))
    return out


def _redact_arg(value: Any) -> Any:
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    if isinstance(value, Mapping) or hasattr(value, "multi_items"):
        return redact_headers(value)
    return redact(value if isinstance(value, str) else str(value))


class SensitiveHeadersFilter(logging.Filter):
    """Redacts credentials in a record's message and arguments (headers included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        args = record.args
        if isinstance(args, Mapping):
            record.args = {k: _redact_arg(v) for k, v in args.items()}  # pyright: ignore[reportUnknownVariableType]
        elif isinstance(args, tuple) and args:
            redacted: List[Any] = [_redact_arg(a) for a in args]
            record.args = tuple(redacted)
        return True


_filter = SensitiveHeadersFilter()
logger.addFilter(_filter)
httpx_logger.addFilter(_filter)
_setup_done = False


def setup_logging() -> None:
    """Apply ``OPENAI_LOG`` once (called when the first client is built)."""
    global _setup_done
    if _setup_done:
        return
    _setup_done = True
    level = os.environ.get("OPENAI_LOG", "").lower()
    if level not in ("debug", "info"):
        return
    if not logger.handlers and not logging.getLogger().handlers:
        logging.basicConfig(format="[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s")
    numeric = logging.DEBUG if level == "debug" else logging.INFO
    logger.setLevel(numeric)
    httpx_logger.setLevel(numeric)
