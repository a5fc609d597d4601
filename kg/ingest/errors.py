"""The one error the ingest stage raises."""
from __future__ import annotations

from kg.exceptions import KgError


class IngestError(KgError):
    """A file that cannot be turned into articles; ``reason`` is one line a user can act on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason
