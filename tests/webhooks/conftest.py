from __future__ import annotations

from typing import Any

from openai.lib.webhooks import WebhooksMixin


def webhooks(client: Any) -> Any:
    """``client.webhooks`` once the generated resource exists, else the mixin bound by hand."""
    resource = getattr(client, "webhooks", None)
    if resource is not None and hasattr(resource, "unwrap"):
        return resource
    bound: Any = type("BoundWebhooks", (WebhooksMixin,), {})()
    bound._client = client
    return bound
