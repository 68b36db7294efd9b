"""Internal utilities (bootstrap). The runtime work fills this package in."""

from ._transform import PropertyInfo as PropertyInfo
