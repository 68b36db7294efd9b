"""Receive OpenAI webhooks with Flask, verifying each delivery's signature.

    pip install openai flask
    OPENAI_WEBHOOK_SECRET=whsec_... python examples/webhook_receiver.py

Then point the webhook endpoint of your OpenAI project at http://<host>:8000/webhook.
"""

from __future__ import annotations

from typing import Any, Optional

from flask import Flask, request

from openai import InvalidWebhookSignatureError, OpenAI


def create_app(client: Optional[OpenAI] = None) -> Flask:
    app = Flask(__name__)
    # the webhook secret comes from OPENAI_WEBHOOK_SECRET unless the client is given one
    openai_client = client if client is not None else OpenAI()

    @app.route("/webhook", methods=["POST"])
    def webhook() -> Any:
        body = request.get_data(as_text=True)  # the raw body: do not parse it before verifying
        try:
            event = openai_client.webhooks.unwrap(body, request.headers)
        except InvalidWebhookSignatureError as error:
            app.logger.warning("rejected webhook: %s", error)
            return "Invalid signature", 400

        if event.type == "response.completed":
            app.logger.info("response %s completed", event.data.id)
        elif event.type == "response.failed":
            app.logger.info("response %s failed", event.data.id)
        else:
            app.logger.info("unhandled event type %s", event.type)
        return {"received": event.type}

    return app


if __name__ == "__main__":
    create_app().run(port=8000)
