"""kg: build a knowledge graph of Chinese grassroots Party-building news."""
from __future__ import annotations

__version__ = "0.1.0"
