"""The OpenAI Python client (bootstrap). The runtime work replaces this with the lazy export map."""

from ._version import __title__ as __title__, __version__ as __version__
