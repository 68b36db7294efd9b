"""The platform headers (``X-Stainless-*``) the official client sends; proxies and the
API see them today, so a drop-in sends them too. Computed once per process."""

from __future__ import annotations

import sys
from typing import Dict, Optional

from ._version import __version__

_cached: Optional[Dict[str, str]] = None


def _os_name() -> str:
    import platform

    system = platform.system().lower()
    if sys.platform == "ios" or system == "ios":
        return "iOS"
    if hasattr(sys, "getandroidapilevel") or system == "android":
        return "Android"
    names = {"darwin": "MacOS", "windows": "Windows", "linux": "Linux", "freebsd": "FreeBSD", "openbsd": "OpenBSD"}
    if system in names:
        return names[system]
    return f"Other:{system}" if system else "Unknown"


def _arch() -> str:
    import platform

    machine = platform.machine().lower()
    if machine in ("arm64", "aarch64"):
        return "arm64"
    if machine in ("x86_64", "amd64"):
        return "x64"
    if machine in ("i386", "i686", "x86", "x32"):
        return "x32"
    if machine.startswith("arm"):
        return "arm"
    return f"other:{machine}" if machine else "unknown"


def platform_headers() -> Dict[str, str]:
    """``X-Stainless-Lang``, ``-Package-Version``, ``-OS``, ``-Arch``, ``-Runtime``, ``-Runtime-Version``."""
    global _cached
    if _cached is None:
        import platform

        _cached = {
            "X-Stainless-Lang": "python",
            "X-Stainless-Package-Version": __version__,
            "X-Stainless-OS": _os_name(),
            "X-Stainless-Arch": _arch(),
            "X-Stainless-Runtime": platform.python_implementation(),
            "X-Stainless-Runtime-Version": platform.python_version(),
        }
    return dict(_cached)
