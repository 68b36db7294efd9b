"""WebSocket connections: ``client.realtime.connect``, ``client.beta.realtime.connect`` and
``client.responses.connect``.

The public classes live in :mod:`.realtime`, :mod:`.beta` and :mod:`.responses` and are
re-exported at their official paths (``openai.resources.realtime.realtime``, ...).
Nothing here imports ``websockets`` until a connection opens.
"""
