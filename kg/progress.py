"""The progress display of a build, on stderr, and only when stderr is a terminal.

One bar counts the stages of the build and names the one running (loading the
pipeline, reading, extracting, resolution, graph, each output, validation), so a
long build never sits silent; while extracting, a second bar counts articles
(``kg.executors``). Piped or redirected
output, and ``kg build --quiet``, show nothing.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, TextIO


def on_terminal(stream: TextIO | None = None) -> bool:
    """Is ``stream`` (default: stderr) a terminal a bar can redraw?"""
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # replaced by an object without isatty, or closed
        return False


class Stages:
    """One bar over the named stages of a build: ``begin(name)`` ends the stage before and starts this one."""

    def __init__(self, names: Sequence[str], enabled: bool = True) -> None:
        self.names = list(names)
        self.enabled = enabled and on_terminal()
        self._bar: Any = None

    def begin(self, name: str) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=len(self.names), desc=name, unit="stage", file=sys.stderr, leave=False,
                             bar_format="{desc}: {n_fmt}/{total_fmt} |{bar}| {elapsed}")
        else:
            self._bar.update(1)
            self._bar.set_description_str(name)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.update(1)
            self._bar.close()
            self._bar = None
