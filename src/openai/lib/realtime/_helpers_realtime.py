# Written by openai.lib.realtime._write_helpers from the client event types. Do not edit.
"""Typed send helpers of ``RealtimeConnection`` and ``AsyncRealtimeConnection``, grouped as the event names."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Dict

from ..._types import NotGiven, Omit, omit

__all__ = [
    "AsyncRealtimeConnectionHelpers",
    "AsyncRealtimeConversationItemResource",
    "AsyncRealtimeConversationResource",
    "AsyncRealtimeInputAudioBufferResource",
    "AsyncRealtimeOutputAudioBufferResource",
    "AsyncRealtimeResponseResource",
    "AsyncRealtimeSessionResource",
    "BaseAsyncRealtimeConnectionResource",
    "BaseRealtimeConnectionResource",
    "RealtimeConnectionHelpers",
    "RealtimeConversationItemResource",
    "RealtimeConversationResource",
    "RealtimeInputAudioBufferResource",
    "RealtimeOutputAudioBufferResource",
    "RealtimeResponseResource",
    "RealtimeSessionResource",
]

if TYPE_CHECKING:
    from openai.types.realtime import (
        conversation_item_create_event_param,
        response_create_event_param,
        session_update_event_param,
    )

    from .realtime import AsyncRealtimeConnection, RealtimeConnection


def _event(type: str, **fields: Any) -> Dict[str, Any]:
    event: Dict[str, Any] = {"type": type}
    for key, value in fields.items():
        if not isinstance(value, (Omit, NotGiven)):
            event[key] = value
    return event


class BaseRealtimeConnectionResource:
    """Base of the helper groups of ``RealtimeConnection``."""

    def __init__(self, connection: RealtimeConnection) -> None:
        self._connection = connection


class RealtimeConversationResource(BaseRealtimeConnectionResource):
    @cached_property
    def item(self) -> RealtimeConversationItemResource:
        return RealtimeConversationItemResource(self._connection)


class RealtimeConversationItemResource(BaseRealtimeConnectionResource):
    def create(
        self,
        *,
        item: conversation_item_create_event_param.ConversationItemParam,
        event_id: str | Omit = omit,
        previous_item_id: str | Omit = omit,
    ) -> None:
        """Send the ``conversation.item.create`` event."""
        self._connection.send(
            cast_event(
                _event(
                    "conversation.item.create",
                    item=item,
                    event_id=event_id,
                    previous_item_id=previous_item_id,
                )
            )
        )

    def delete(self, *, item_id: str, event_id: str | Omit = omit) -> None:
        """Send the ``conversation.item.delete`` event."""
        self._connection.send(
            cast_event(
                _event("conversation.item.delete", item_id=item_id, event_id=event_id)
            )
        )

    def retrieve(self, *, item_id: str, event_id: str | Omit = omit) -> None:
        """Send the ``conversation.item.retrieve`` event."""
        self._connection.send(
            cast_event(
                _event("conversation.item.retrieve", item_id=item_id, event_id=event_id)
            )
        )

    def truncate(
        self,
        *,
        audio_end_ms: int,
        content_index: int,
        item_id: str,
        event_id: str | Omit = omit,
    ) -> None:
        """Send the ``conversation.item.truncate`` event."""
        self._connection.send(
            cast_event(
                _event(
                    "conversation.item.truncate",
                    audio_end_ms=audio_end_ms,
                    content_index=content_index,
                    item_id=item_id,
                    event_id=event_id,
                )
            )
        )


class RealtimeInputAudioBufferResource(BaseRealtimeConnectionResource):
    def append(self, *, audio: str, event_id: str | Omit = omit) -> None:
        """Send the ``input_audio_buffer.append`` event."""
        self._connection.send(
            cast_event(
                _event("input_audio_buffer.append", audio=audio, event_id=event_id)
            )
        )

    def clear(self, *, event_id: str | Omit = omit) -> None:
        """Send the ``input_audio_buffer.clear`` event."""
        self._connection.send(
            cast_event(_event("input_audio_buffer.clear", event_id=event_id))
        )

    def commit(self, *, event_id: str | Omit = omit) -> None:
        """Send the ``input_audio_buffer.commit`` event."""
        self._connection.send(
            cast_event(_event("input_audio_buffer.commit", event_id=event_id))
        )


class RealtimeOutputAudioBufferResource(BaseRealtimeConnectionResource):
    def clear(self, *, event_id: str | Omit = omit) -> None:
        """Send the ``output_audio_buffer.clear`` event."""
        self._connection.send(
            cast_event(_event("output_audio_buffer.clear", event_id=event_id))
        )


class RealtimeResponseResource(BaseRealtimeConnectionResource):
    def cancel(
        self, *, event_id: str | Omit = omit, response_id: str | Omit = omit
    ) -> None:
        """Send the ``response.cancel`` event."""
        self._connection.send(
            cast_event(
                _event("response.cancel", event_id=event_id, response_id=response_id)
            )
        )

    def create(
        self,
        *,
        event_id: str | Omit = omit,
        response: response_create_event_param.RealtimeResponseCreateParamsParam
        | Omit = omit,
    ) -> None:
        """Send the ``response.create`` event."""
        self._connection.send(
            cast_event(_event("response.create", event_id=event_id, response=response))
        )


class RealtimeSessionResource(BaseRealtimeConnectionResource):
    def update(
        self,
        *,
        session: session_update_event_param.Session,
        event_id: str | Omit = omit,
    ) -> None:
        """Send the ``session.update`` event."""
        self._connection.send(
            cast_event(_event("session.update", session=session, event_id=event_id))
        )


class RealtimeConnectionHelpers:
    """The helper groups as attributes of ``RealtimeConnection`` (``connection.conversation``, ...)."""

    @cached_property
    def conversation(self) -> RealtimeConversationResource:
        return RealtimeConversationResource(self)  # type: ignore[arg-type]

    @cached_property
    def input_audio_buffer(self) -> RealtimeInputAudioBufferResource:
        return RealtimeInputAudioBufferResource(self)  # type: ignore[arg-type]

    @cached_property
    def output_audio_buffer(self) -> RealtimeOutputAudioBufferResource:
        return RealtimeOutputAudioBufferResource(self)  # type: ignore[arg-type]

    @cached_property
    def response(self) -> RealtimeResponseResource:
        return RealtimeResponseResource(self)  # type: ignore[arg-type]

    @cached_property
    def session(self) -> RealtimeSessionResource:
        return RealtimeSessionResource(self)  # type: ignore[arg-type]


class BaseAsyncRealtimeConnectionResource:
    """Base of the helper groups of ``AsyncRealtimeConnection``."""

    def __init__(self, connection: AsyncRealtimeConnection) -> None:
        self._connection = connection


class AsyncRealtimeConversationResource(BaseAsyncRealtimeConnectionResource):
    @cached_property
    def item(self) -> AsyncRealtimeConversationItemResource:
        return AsyncRealtimeConversationItemResource(self._connection)


class AsyncRealtimeConversationItemResource(BaseAsyncRealtimeConnectionResource):
    async def create(
        self,
        *,
        item: conversation_item_create_event_param.ConversationItemParam,
        event_id: str | Omit = omit,
        previous_item_id: str | Omit = omit,
    ) -> None:
        """Send the ``conversation.item.create`` event."""
        await self._connection.send(
            cast_event(
                _event(
                    "conversation.item.create",
                    item=item,
                    event_id=event_id,
                    previous_item_id=previous_item_id,
                )
            )
        )

    async def delete(self, *, item_id: str, event_id: str | Omit = omit) -> None:
        """Send the ``conversation.item.delete`` event."""
        await self._connection.send(
            cast_event(
                _event("conversation.item.delete", item_id=item_id, event_id=event_id)
            )
        )

    async def retrieve(self, *, item_id: str, event_id: str | Omit = omit) -> None:
        """Send the ``conversation.item.retrieve`` event."""
        await self._connection.send(
            cast_event(
                _event("conversation.item.retrieve", item_id=item_id, event_id=event_id)
            )
        )

    async def truncate(
        self,
        *,
        audio_end_ms: int,
        content_index: int,
        item_id: str,
        event_id: str | Omit = omit,
    ) -> None:
        """Send the ``conversation.item.truncate`` event."""
        await self._connection.send(
            cast_event(
                _event(
                    "conversation.item.truncate",
                    audio_end_ms=audio_end_ms,
                    content_index=content_index,
                    item_id=item_id,
                    event_id=event_id,
                )
            )
        )


class AsyncRealtimeInputAudioBufferResource(BaseAsyncRealtimeConnectionResource):
    async def append(self, *, audio: str, event_id: str | Omit = omit) -> None:
        """Send the ``input_audio_buffer.append`` event."""
        await self._connection.send(
            cast_event(
                _event("input_audio_buffer.append", audio=audio, event_id=event_id)
            )
        )

    async def clear(self, *, event_id: str | Omit = omit) -> None:
        """Send the ``input_audio_buffer.clear`` event."""
        await self._connection.send(
            cast_event(_event("input_audio_buffer.clear", event_id=event_id))
        )

    async def commit(self, *, event_id: str | Omit = omit) -> None:
        """Send the ``input_audio_buffer.commit`` event."""
        await self._connection.send(
            cast_event(_event("input_audio_buffer.commit", event_id=event_id))
        )


class AsyncRealtimeOutputAudioBufferResource(BaseAsyncRealtimeConnectionResource):
    async def clear(self, *, event_id: str | Omit = omit) -> None:
        """Send the ``output_audio_buffer.clear`` event."""
        await self._connection.send(
            cast_event(_event("output_audio_buffer.clear", event_id=event_id))
        )


class AsyncRealtimeResponseResource(BaseAsyncRealtimeConnectionResource):
    async def cancel(
        self, *, event_id: str | Omit = omit, response_id: str | Omit = omit
    ) -> None:
        """Send the ``response.cancel`` event."""
        await self._connection.send(
            cast_event(
                _event("response.cancel", event_id=event_id, response_id=response_id)
            )
        )

    async def create(
        self,
        *,
        event_id: str | Omit = omit,
        response: response_create_event_param.RealtimeResponseCreateParamsParam
        | Omit = omit,
    ) -> None:
        """Send the ``response.create`` event."""
        await self._connection.send(
            cast_event(_event("response.create", event_id=event_id, response=response))
        )


class AsyncRealtimeSessionResource(BaseAsyncRealtimeConnectionResource):
    async def update(
        self,
        *,
        session: session_update_event_param.Session,
        event_id: str | Omit = omit,
    ) -> None:
        """Send the ``session.update`` event."""
        await self._connection.send(
            cast_event(_event("session.update", session=session, event_id=event_id))
        )


class AsyncRealtimeConnectionHelpers:
    """The helper groups as attributes of ``AsyncRealtimeConnection`` (``connection.conversation``, ...)."""

    @cached_property
    def conversation(self) -> AsyncRealtimeConversationResource:
        return AsyncRealtimeConversationResource(self)  # type: ignore[arg-type]

    @cached_property
    def input_audio_buffer(self) -> AsyncRealtimeInputAudioBufferResource:
        return AsyncRealtimeInputAudioBufferResource(self)  # type: ignore[arg-type]

    @cached_property
    def output_audio_buffer(self) -> AsyncRealtimeOutputAudioBufferResource:
        return AsyncRealtimeOutputAudioBufferResource(self)  # type: ignore[arg-type]

    @cached_property
    def response(self) -> AsyncRealtimeResponseResource:
        return AsyncRealtimeResponseResource(self)  # type: ignore[arg-type]

    @cached_property
    def session(self) -> AsyncRealtimeSessionResource:
        return AsyncRealtimeSessionResource(self)  # type: ignore[arg-type]


def cast_event(event: Dict[str, Any]) -> Any:
    return event
