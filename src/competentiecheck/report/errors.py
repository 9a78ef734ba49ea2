"""The one error of the report wing."""

from __future__ import annotations

__all__ = ["RenderError"]


class RenderError(RuntimeError):
    """The report sources cannot be rendered as written (unknown key, missing include, ...)."""
