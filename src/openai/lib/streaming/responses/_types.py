"""The snapshot type of a Responses stream."""

from __future__ import annotations

from typing_extensions import TypeAlias

from ....types.responses.parsed_response import ParsedResponse

__all__ = ["ParsedResponseSnapshot"]

ParsedResponseSnapshot: TypeAlias = ParsedResponse[object]
"""The response accumulated so far from the stream's events."""
