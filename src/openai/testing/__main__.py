"""`python -m openai.testing [--host H] [--port P] ...`: the same as `openai emulator ...`."""

import sys

from ._cli import serve

sys.exit(serve(sys.argv[1:]))
