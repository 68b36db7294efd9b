# Handwritten placeholder until the generator (issue 3) writes this module; the generator
# owns this path and replaces it with one cached property per top-level resource.
"""The top-level resources of the clients (placeholder: none yet)."""

from __future__ import annotations

__all__ = ["SyncRootResources", "AsyncRootResources"]


class SyncRootResources:
    """Mixin of ``OpenAI``: ``client.chat``, ``client.responses``, ... (generated)."""


class AsyncRootResources:
    """Mixin of ``AsyncOpenAI``: ``client.chat``, ``client.responses``, ... (generated)."""
