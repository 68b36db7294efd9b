"""``create_and_poll`` and ``poll`` of ``client.videos``.

The generated ``Videos`` / ``AsyncVideos`` inherit these mixins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from typing_extensions import Literal

from ..._types import not_given, omit
from ._polling import async_poll, check_poll_interval, poll

if TYPE_CHECKING:
    import httpx

    from ..._types import Body, Headers, NotGiven, Omit, Query
    from ...types.video import Video
    from ...types.video_create_params import InputReference
    from ...types.video_model_param import VideoModelParam

__all__ = ["VideosMixin", "AsyncVideosMixin"]

# a video still being made; any other status (completed, failed) ends a poll
_WORKING = frozenset({"queued", "in_progress"})


class VideosMixin:
    """``create_and_poll`` and ``poll`` of ``client.videos``."""

    if TYPE_CHECKING:
        _sleep: Callable[[float], None]
        create: Callable[..., Any]
        retrieve: Callable[..., Any]

    def create_and_poll(
        self,
        *,
        prompt: str,
        input_reference: InputReference | Omit = omit,
        model: VideoModelParam | Omit = omit,
        seconds: Literal["4", "8", "12"] | Omit = omit,
        size: Literal["720x1280", "1280x720", "1024x1792", "1792x1024"] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> Video:
        """Start a video generation and poll it until it completes or fails (see ``poll``)."""
        check_poll_interval(poll_interval_ms)
        video = self.create(
            prompt=prompt,
            input_reference=input_reference,
            model=model,
            seconds=seconds,
            size=size,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return self.poll(video.id, poll_interval_ms=poll_interval_ms)

    def poll(self, video_id: str, *, poll_interval_ms: int | Omit = omit) -> Video:
        """Retrieve the video until it is no longer ``queued`` or ``in_progress`` (completed,
        or failed: check ``status`` and ``error``) and return it. Waits ``poll_interval_ms``
        between requests, else what the server's ``openai-poll-after-ms`` header advises,
        else one second."""
        return poll(
            lambda headers: self.retrieve(video_id, extra_headers=headers),
            working=_WORKING,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )


class AsyncVideosMixin:
    """``create_and_poll`` and ``poll`` of the async ``client.videos``."""

    if TYPE_CHECKING:
        _sleep: Callable[[float], Any]
        create: Callable[..., Any]
        retrieve: Callable[..., Any]

    async def create_and_poll(
        self,
        *,
        prompt: str,
        input_reference: InputReference | Omit = omit,
        model: VideoModelParam | Omit = omit,
        seconds: Literal["4", "8", "12"] | Omit = omit,
        size: Literal["720x1280", "1280x720", "1024x1792", "1792x1024"] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> Video:
        """Start a video generation and poll it until it completes or fails."""
        check_poll_interval(poll_interval_ms)
        video = await self.create(
            prompt=prompt,
            input_reference=input_reference,
            model=model,
            seconds=seconds,
            size=size,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return await self.poll(video.id, poll_interval_ms=poll_interval_ms)

    async def poll(
        self, video_id: str, *, poll_interval_ms: int | Omit = omit
    ) -> Video:
        """Retrieve the video until it is no longer ``queued`` or ``in_progress``; see ``VideosMixin.poll``."""
        return await async_poll(
            lambda headers: self.retrieve(video_id, extra_headers=headers),
            working=_WORKING,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
        )
