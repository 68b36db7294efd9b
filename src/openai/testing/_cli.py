"""`openai emulator [--host H] [--port P] [--state-dir DIR] [--webhook-url URL]`.

Kept tiny: argument parsing only; the server stack is imported when it runs.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "emulator":
        print(
            "usage: openai emulator [--host HOST] [--port PORT] [--state-dir DIR] [--webhook-url URL]",
            file=sys.stderr,
        )
        print(
            "(this package's command line offers the `emulator` subcommand)",
            file=sys.stderr,
        )
        return 2
    return serve(args[1:])


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="openai emulator",
        description="Serve an offline emulator of the OpenAI API.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument(
        "--state-dir",
        default=None,
        help="keep state in SQLite in this directory across restarts",
    )
    parser.add_argument(
        "--webhook-url", default=None, help="POST signed webhook events here"
    )
    parser.add_argument(
        "--webhook-secret", default=None, help="whsec_... secret used to sign webhooks"
    )
    parser.add_argument("--seed", default="emulator", help="seed for deterministic ids")
    parser.add_argument(
        "--no-auth", action="store_true", help="accept requests without an API key"
    )
    parser.add_argument("--log-level", default="warning")
    opts = parser.parse_args(argv)
    if not 0 <= opts.port <= 65535:
        parser.error(f"--port must be between 0 and 65535, got {opts.port}")

    import asyncio

    from ._server import bind_socket, make_server
    from ._state import Config

    config = Config(
        seed=opts.seed,
        state_dir=opts.state_dir,
        webhook_url=opts.webhook_url,
        webhook_secret=opts.webhook_secret,
        require_auth=not opts.no_auth,
    )
    try:
        sock = bind_socket(opts.host, opts.port)
    except OSError as exc:
        print(
            f"openai emulator: cannot listen on {opts.host}:{opts.port}: {exc}",
            file=sys.stderr,
        )
        return 1
    server, emulated = make_server(config, sock, log_level=opts.log_level)
    print(f"OpenAI emulator listening on {emulated.base_url}", flush=True)
    print(
        f"  export OPENAI_BASE_URL={emulated.base_url} OPENAI_API_KEY=sk-emulator",
        flush=True,
    )
    try:
        asyncio.run(server.serve(sockets=[sock]))
    except KeyboardInterrupt:
        pass
    finally:
        emulated.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
