"""The test-facing control API, shared by the in-process `Emulator` and by
`RemoteEmulator` (which drives an emulator in another process over HTTP)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import openai

JSON = dict[str, Any]


class Script:
    """Queues replies for one model (or any model); each call adds one reply.

    >>> emulator.script("gpt-4o").text("Hi!", chunks=["H", "i!"]).tool_call("get_weather", {"city": "Oslo"})
    """

    def __init__(self, owner: EmulatorControls, model: str | None) -> None:
        self._owner = owner
        self._model = model

    def text(self, text: str, *, chunks: list[str] | None = None) -> Script:
        reply: JSON = {"type": "text", "text": text}
        if chunks is not None:
            reply["chunks"] = list(chunks)
        return self._add(reply)

    def tool_call(
        self,
        name: str,
        arguments: JSON | str | None = None,
        *,
        call_id: str | None = None,
    ) -> Script:
        return self.tool_calls(
            [
                {
                    "name": name,
                    "arguments": arguments or {},
                    **({"id": call_id} if call_id else {}),
                }
            ]
        )

    def tool_calls(self, calls: list[JSON]) -> Script:
        return self._add({"type": "tool_calls", "calls": calls})

    def refusal(self, refusal: str) -> Script:
        return self._add({"type": "refusal", "refusal": refusal})

    def length_cut(self, text: str) -> Script:
        """A reply that stops at the token limit (finish_reason "length" / status "incomplete")."""
        return self._add({"type": "length", "text": text})

    def _add(self, reply: JSON) -> Script:
        self._owner.control("script", {"model": self._model, "replies": [reply]})
        return self


class Faults:
    """Injected failures; each is used up after `times` matching requests.

    `path` is an fnmatch pattern on the path below /v1, for example "/chat/completions".
    """

    def __init__(self, owner: EmulatorControls) -> None:
        self._owner = owner

    def http_error(
        self,
        status: int,
        *,
        times: int = 1,
        retry_after: float | None = None,
        retry_after_ms: int | None = None,
        path: str = "*",
        method: str | None = None,
        message: str | None = None,
        code: str | None = None,
    ) -> None:
        fault: JSON = {"kind": "http", "status": status, "times": times, "path": path}
        for key, value in (
            ("retry_after", retry_after),
            ("retry_after_ms", retry_after_ms),
            ("method", method),
            ("message", message),
            ("code", code),
        ):
            if value is not None:
                fault[key] = value
        self._owner.control("faults", fault)

    def drop_stream(
        self,
        *,
        after_events: int = 1,
        abrupt: bool = True,
        times: int = 1,
        path: str = "*",
    ) -> None:
        """End a streamed body after `after_events` events: abruptly (connection reset) or
        cleanly but without the stream's terminal event (`abrupt=False`)."""
        self._owner.control(
            "faults",
            {
                "kind": "drop",
                "after_events": after_events,
                "abrupt": abrupt,
                "times": times,
                "path": path,
            },
        )

    def slow_first_byte(
        self, seconds: float, *, times: int = 1, path: str = "*"
    ) -> None:
        self._owner.control(
            "faults", {"kind": "slow", "seconds": seconds, "times": times, "path": path}
        )

    def ws_close(
        self,
        code: int = 1011,
        *,
        after_events: int = 0,
        times: int = 1,
        path: str = "*",
    ) -> None:
        """Close the next WebSocket with `code` after it has sent `after_events` server events."""
        self._owner.control(
            "faults",
            {
                "kind": "ws_close",
                "code": code,
                "after_events": after_events,
                "times": times,
                "path": path,
            },
        )


class EmulatorControls:
    base_url: str
    api_key: str = "sk-emulator"

    def control(self, op: str, payload: JSON) -> JSON:
        """Run one control operation (script, faults, advance, reset, requests, webhooks, configure)."""
        raise NotImplementedError

    @property
    def url(self) -> str:
        """The server root (without /v1)."""
        return self.base_url.removesuffix("/v1")

    @property
    def websocket_base_url(self) -> str:
        return "ws" + self.base_url[len("http") :]

    def script(self, model: str | None = None) -> Script:
        return Script(self, model)

    @property
    def faults(self) -> Faults:
        return Faults(self)

    def advance(self, seconds: float) -> None:
        """Move the emulator's clock forward and run the time-driven jobs once."""
        self.control("advance", {"seconds": seconds})

    def reset(self) -> None:
        """Forget scripted replies, pending faults and the request log (stored objects stay)."""
        self.control("reset", {})

    @property
    def requests(self) -> list[JSON]:
        """The requests received so far (newest last): method, path, query, headers (credentials redacted), body."""
        return list(self.control("requests", {})["data"])

    @property
    def webhook_deliveries(self) -> list[JSON]:
        return list(self.control("webhooks", {})["data"])

    @property
    def webhook_secret(self) -> str:
        return str(self.control("webhooks", {})["secret"])

    def configure_webhooks(self, url: str | None, secret: str | None = None) -> None:
        payload: JSON = {"webhook_url": url}
        if secret:
            payload["webhook_secret"] = secret
        self.control("configure", payload)

    def client(self, **kwargs: Any) -> openai.OpenAI:
        """An `openai.OpenAI` pointed at this emulator (keyword arguments go to it)."""
        import openai

        kwargs.setdefault("api_key", self.api_key)
        kwargs.setdefault("base_url", self.base_url)
        return openai.OpenAI(**kwargs)

    def async_client(self, **kwargs: Any) -> openai.AsyncOpenAI:
        """An `openai.AsyncOpenAI` pointed at this emulator (keyword arguments go to it)."""
        import openai

        kwargs.setdefault("api_key", self.api_key)
        kwargs.setdefault("base_url", self.base_url)
        return openai.AsyncOpenAI(**kwargs)


class RemoteEmulator(EmulatorControls):
    """Controls for an emulator started elsewhere (`openai emulator --port 8080`)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        if not self.base_url.endswith("/v1"):
            self.base_url += "/v1"

    def control(self, op: str, payload: JSON) -> JSON:
        method = "GET" if op in ("requests", "webhooks") else "POST"
        data = None if method == "GET" else json.dumps(payload).encode()
        req = urllib.request.Request(
            f"{self.url}/_emulator/{op}",
            data=data,
            method=method,
            headers={"content-type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                answer: JSON = json.loads(resp.read())
                return answer
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")
            raise ValueError(
                f"emulator control `{op}` failed: HTTP {exc.code}: {detail}"
            ) from None
