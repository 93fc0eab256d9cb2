"""Domain errors. The library raises these; the CLI turns each into one clear line."""

from __future__ import annotations

__all__ = ["InputError", "KgError", "SkippedFile"]


class KgError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""


class InputError(KgError):
    """The inputs as a whole cannot be used (a missing path, a folder with no articles)."""


class SkippedFile(KgError):
    """One input file cannot be read; the build skips it and goes on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
