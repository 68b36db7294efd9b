"""Polling and upload helpers of ``client.vector_stores.files``.

The generated ``Files`` / ``AsyncFiles`` (vector store files) inherit these mixins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, Optional, Union

from ..._types import not_given, omit
from ._polling import async_poll, check_poll_interval, poll

if TYPE_CHECKING:
    import httpx

    from ..._types import Body, FileTypes, Headers, NotGiven, Omit, Query
    from ...types.file_chunking_strategy_param import FileChunkingStrategyParam
    from ...types.vector_stores.vector_store_file import VectorStoreFile

__all__ = ["FilesMixin", "AsyncFilesMixin"]

# a file still being processed; any other status (completed, failed, cancelled) ends a poll
_WORKING = frozenset({"in_progress"})


class FilesMixin:
    """``create_and_poll``, ``poll``, ``upload`` and ``upload_and_poll`` of ``client.vector_stores.files``."""

    if TYPE_CHECKING:
        _client: Any
        _sleep: Callable[[float], None]
        create: Callable[..., Any]
        retrieve: Callable[..., Any]

    def create_and_poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        attributes: Optional[Dict[str, Union[str, float, bool]]] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        chunking_strategy: FileChunkingStrategyParam | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> VectorStoreFile:
        """Attach a file to a vector store and poll it until it is processed (see ``poll``)."""
        check_poll_interval(poll_interval_ms)
        self.create(
            vector_store_id,
            file_id=file_id,
            attributes=attributes,
            chunking_strategy=chunking_strategy,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return self.poll(
            file_id, vector_store_id=vector_store_id, poll_interval_ms=poll_interval_ms
        )

    def poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = omit,
    ) -> VectorStoreFile:
        """Retrieve the vector store file until it is no longer ``in_progress`` (completed,
        failed or cancelled: check ``status`` and ``last_error``) and return it. Waits
        ``poll_interval_ms`` between requests, else what the server's
        ``openai-poll-after-ms`` header advises, else one second."""
        return poll(
            lambda headers: self.retrieve(
                file_id, vector_store_id=vector_store_id, extra_headers=headers
            ),
            working=_WORKING,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )

    def upload(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        chunking_strategy: FileChunkingStrategyParam | Omit = omit,
    ) -> VectorStoreFile:
        """Upload a file (purpose ``assistants``) and attach it to the vector store, without
        waiting for it to be processed."""
        uploaded = self._client.files.create(file=file, purpose="assistants")
        return self.create(
            vector_store_id, file_id=uploaded.id, chunking_strategy=chunking_strategy
        )

    def upload_and_poll(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        attributes: Optional[Dict[str, Union[str, float, bool]]] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        chunking_strategy: FileChunkingStrategyParam | Omit = omit,
    ) -> VectorStoreFile:
        """Upload a file, attach it to the vector store and poll it until it is processed."""
        check_poll_interval(poll_interval_ms)
        uploaded = self._client.files.create(file=file, purpose="assistants")
        return self.create_and_poll(
            uploaded.id,
            vector_store_id=vector_store_id,
            attributes=attributes,
            poll_interval_ms=poll_interval_ms,
            chunking_strategy=chunking_strategy,
        )


class AsyncFilesMixin:
    """The async twins of ``FilesMixin``'s helpers."""

    if TYPE_CHECKING:
        _client: Any
        _sleep: Callable[[float], Any]
        create: Callable[..., Any]
        retrieve: Callable[..., Any]

    async def create_and_poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        attributes: Optional[Dict[str, Union[str, float, bool]]] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        chunking_strategy: FileChunkingStrategyParam | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> VectorStoreFile:
        """Attach a file to a vector store and poll it until it is processed (see ``poll``)."""
        check_poll_interval(poll_interval_ms)
        await self.create(
            vector_store_id,
            file_id=file_id,
            attributes=attributes,
            chunking_strategy=chunking_strategy,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return await self.poll(
            file_id, vector_store_id=vector_store_id, poll_interval_ms=poll_interval_ms
        )

    async def poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = omit,
    ) -> VectorStoreFile:
        """Retrieve the vector store file until it is no longer ``in_progress``; see ``FilesMixin.poll``."""
        return await async_poll(
            lambda headers: self.retrieve(
                file_id, vector_store_id=vector_store_id, extra_headers=headers
            ),
            working=_WORKING,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )

    async def upload(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        chunking_strategy: FileChunkingStrategyParam | Omit = omit,
    ) -> VectorStoreFile:
        """Upload a file (purpose ``assistants``) and attach it to the vector store."""
        uploaded = await self._client.files.create(file=file, purpose="assistants")
        return await self.create(
            vector_store_id, file_id=uploaded.id, chunking_strategy=chunking_strategy
        )

    async def upload_and_poll(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        attributes: Optional[Dict[str, Union[str, float, bool]]] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        chunking_strategy: FileChunkingStrategyParam | Omit = omit,
    ) -> VectorStoreFile:
        """Upload a file, attach it to the vector store and poll it until it is processed."""
        check_poll_interval(poll_interval_ms)
        uploaded = await self._client.files.create(file=file, purpose="assistants")
        return await self.create_and_poll(
            uploaded.id,
            vector_store_id=vector_store_id,
            attributes=attributes,
            poll_interval_ms=poll_interval_ms,
            chunking_strategy=chunking_strategy,
        )
