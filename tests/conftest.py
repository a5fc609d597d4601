"""Shared test set-up: the hand-made fixtures under tests/fixtures are importable."""
from __future__ import annotations

import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
for sub in ("graph", "query"):
    if str(FIXTURES / sub) not in sys.path:
        sys.path.insert(0, str(FIXTURES / sub))
