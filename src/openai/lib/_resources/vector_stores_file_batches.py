"""Polling and upload helpers of ``client.vector_stores.file_batches``.

The generated ``FileBatches`` / ``AsyncFileBatches`` inherit these mixins.
``upload_and_poll`` uploads its files concurrently, at most ``max_concurrency`` at a
time (threads for the sync client, tasks for the async one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Optional, Union

from ..._types import not_given, omit
from ._polling import async_poll, check_poll_interval, poll

if TYPE_CHECKING:
    import httpx

    from ..._types import (
        Body,
        FileTypes,
        Headers,
        NotGiven,
        Omit,
        Query,
        SequenceNotStr,
    )
    from ...types.file_chunking_strategy_param import FileChunkingStrategyParam
    from ...types.vector_stores.file_batch_create_params import File
    from ...types.vector_stores.vector_store_file_batch import VectorStoreFileBatch

__all__ = ["FileBatchesMixin", "AsyncFileBatchesMixin"]

# a batch still being processed; any other status (completed, failed, cancelled) ends a poll
_WORKING = frozenset({"in_progress"})


def _check_upload_args(files: Any, max_concurrency: Any) -> List[Any]:
    if (
        isinstance(max_concurrency, bool)
        or not isinstance(max_concurrency, int)
        or max_concurrency < 1
    ):
        raise ValueError(
            f"`max_concurrency` must be a positive integer, got {max_concurrency!r}"
        )
    listed = list(files)
    if not listed:
        raise ValueError(
            "`files` is empty; to add files already uploaded, use `create_and_poll(file_ids=...)`"
        )
    return listed


def _first_error(exc: BaseException) -> BaseException:
    while True:
        inner = getattr(exc, "exceptions", None)
        if not inner:
            return exc
        exc = inner[0]


class FileBatchesMixin:
    """``create_and_poll``, ``poll`` and ``upload_and_poll`` of ``client.vector_stores.file_batches``."""

    if TYPE_CHECKING:
        _client: Any
        _sleep: Callable[[float], None]
        create: Callable[..., Any]
        retrieve: Callable[..., Any]

    def create_and_poll(
        self,
        vector_store_id: str,
        *,
        attributes: Optional[Dict[str, Union[str, float, bool]]] | Omit = omit,
        chunking_strategy: FileChunkingStrategyParam | Omit = omit,
        file_ids: SequenceNotStr[str] | Omit = omit,
        files: Iterable[File] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> VectorStoreFileBatch:
        """Create a file batch and poll it until it is processed (see ``poll``)."""
        check_poll_interval(poll_interval_ms)
        batch = self.create(
            vector_store_id,
            attributes=attributes,
            chunking_strategy=chunking_strategy,
            file_ids=file_ids,
            files=files,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return self.poll(
            batch.id, vector_store_id=vector_store_id, poll_interval_ms=poll_interval_ms
        )

    def poll(
        self,
        batch_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = omit,
    ) -> VectorStoreFileBatch:
        """Retrieve the batch until it is no longer ``in_progress`` (completed, failed or
        cancelled: check ``status`` and ``file_counts``) and return it. Waits
        ``poll_interval_ms`` between requests, else what the server's
        ``openai-poll-after-ms`` header advises, else one second."""
        return poll(
            lambda headers: self.retrieve(
                batch_id, vector_store_id=vector_store_id, extra_headers=headers
            ),
            working=_WORKING,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )

    def upload_and_poll(
        self,
        vector_store_id: str,
        *,
        files: Iterable[FileTypes],
        max_concurrency: int = 5,
        file_ids: SequenceNotStr[str] = [],  # noqa: B006 - read only
        poll_interval_ms: int | Omit = omit,
        chunking_strategy: FileChunkingStrategyParam | Omit = omit,
    ) -> VectorStoreFileBatch:
        """Upload ``files`` (purpose ``assistants``, at most ``max_concurrency`` at a time),
        then create a batch of them and of ``file_ids`` and poll it until it is processed.

        If an upload fails, the uploads not started yet are skipped and the error is
        raised; files uploaded by then stay in the account.
        """
        listed = _check_upload_args(files, max_concurrency)
        check_poll_interval(poll_interval_ms)
        from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

        client_files = self._client.files
        with ThreadPoolExecutor(
            max_workers=max_concurrency, thread_name_prefix="openai-upload"
        ) as pool:
            futures = [
                pool.submit(client_files.create, file=f, purpose="assistants")
                for f in listed
            ]
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            failed = next(
                (f for f in futures if f in done and f.exception() is not None), None
            )
            if failed is not None:
                for future in futures:
                    future.cancel()  # the ones not started yet
                error = failed.exception()
                assert error is not None
                raise error
            uploaded = [future.result() for future in futures]
        return self.create_and_poll(
            vector_store_id,
            file_ids=[*file_ids, *(f.id for f in uploaded)],
            poll_interval_ms=poll_interval_ms,
            chunking_strategy=chunking_strategy,
        )


class AsyncFileBatchesMixin:
    """The async twins of ``FileBatchesMixin``'s helpers."""

    if TYPE_CHECKING:
        _client: Any
        _sleep: Callable[[float], Any]
        create: Callable[..., Any]
        retrieve: Callable[..., Any]

    async def create_and_poll(
        self,
        vector_store_id: str,
        *,
        attributes: Optional[Dict[str, Union[str, float, bool]]] | Omit = omit,
        chunking_strategy: FileChunkingStrategyParam | Omit = omit,
        file_ids: SequenceNotStr[str] | Omit = omit,
        files: Iterable[File] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> VectorStoreFileBatch:
        """Create a file batch and poll it until it is processed."""
        check_poll_interval(poll_interval_ms)
        batch = await self.create(
            vector_store_id,
            attributes=attributes,
            chunking_strategy=chunking_strategy,
            file_ids=file_ids,
            files=files,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return await self.poll(
            batch.id, vector_store_id=vector_store_id, poll_interval_ms=poll_interval_ms
        )

    async def poll(
        self,
        batch_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = omit,
    ) -> VectorStoreFileBatch:
        """Retrieve the batch until it is no longer ``in_progress``; see ``FileBatchesMixin.poll``."""
        return await async_poll(
            lambda headers: self.retrieve(
                batch_id, vector_store_id=vector_store_id, extra_headers=headers
            ),
            working=_WORKING,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )

    async def upload_and_poll(
        self,
        vector_store_id: str,
        *,
        files: Iterable[FileTypes],
        max_concurrency: int = 5,
        file_ids: SequenceNotStr[str] = [],  # noqa: B006 - read only
        poll_interval_ms: int | Omit = omit,
        chunking_strategy: FileChunkingStrategyParam | Omit = omit,
    ) -> VectorStoreFileBatch:
        """Upload ``files`` (at most ``max_concurrency`` at a time), then create a batch of
        them and of ``file_ids`` and poll it until it is processed. A failed upload cancels
        the others and is raised."""
        listed = _check_upload_args(files, max_concurrency)
        check_poll_interval(poll_interval_ms)
        import anyio

        limiter = anyio.CapacityLimiter(max_concurrency)
        uploaded: List[Any] = [None] * len(listed)
        client_files = self._client.files

        async def upload(index: int, file: Any) -> None:
            async with limiter:
                uploaded[index] = await client_files.create(
                    file=file, purpose="assistants"
                )

        try:
            async with anyio.create_task_group() as group:
                for index, file in enumerate(listed):
                    group.start_soon(upload, index, file)
        except Exception as exc:
            # the task group wraps the failure in an exception group: raise the upload's own error
            first = _first_error(exc)
            if first is exc:
                raise
            raise first from None
        return await self.create_and_poll(
            vector_store_id,
            file_ids=[*file_ids, *(f.id for f in uploaded)],
            poll_interval_ms=poll_interval_ms,
            chunking_strategy=chunking_strategy,
        )
