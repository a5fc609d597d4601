"""The licence pyproject.toml declares is the one in LICENSE."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_license_file_matches_pyproject() -> None:
    declared = re.search(r'^license = \{ text = "([^"]+)" \}', (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
                         re.M)
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert declared and declared.group(1) == "MIT"
    assert text.startswith("MIT License\n") and "Permission is hereby granted" in text
