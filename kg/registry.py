"""Things found by name: the files of a package folder, and the entry points other packages declare.

Export formats (one module each in ``kg/exporters``) and named queries (one
``.rq`` file each in ``kg/resources/queries``) are both found by scanning their
folder, so adding one is adding a file. Export formats can also come from other
installed packages through an entry-point group, the way rdflib finds the
serializers of ``rdf.plugins.serializer``.
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

log = logging.getLogger(__name__)

T = TypeVar("T")


def scan_folder(folder: Traversable, suffix: str, load: Callable[[Traversable], tuple[str, T] | None]) -> dict[str, T]:
    """What ``load`` makes of each ``*suffix`` file of ``folder``, keyed by the name it gives, in name order.

    Private (``_x``) and hidden files are left out; ``load`` returns None for a file that is not one.
    """
    found: dict[str, T] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(suffix) and not entry.name.startswith(("_", ".")):
            item = load(entry)
            if item is not None:
                found[item[0]] = item[1]
    return dict(sorted(found.items()))


def add_entry_points(found: dict[str, T], group: str, accept: Callable[[object], T | None]) -> dict[str, T]:
    """``found`` plus the entry points of ``group`` that ``accept`` takes, in name order.

    A name ``found`` already has stays as it is (an installed package cannot replace one of
    kg's own); an entry point that fails to load or that ``accept`` refuses is left out with
    a warning, so one broken plug-in does not break the command.
    """
    out = dict(found)
    for ep in entry_points(group=group):
        if ep.name in out:
            log.warning("%s entry point %r (%s) ignored: kg has its own %r", group, ep.name, ep.value, ep.name)
            continue
        try:
            item = accept(ep.load())
        except Exception as exc:  # noqa: BLE001 - a third-party package's import error
            log.warning("%s entry point %r (%s) ignored: %s: %s", group, ep.name, ep.value, type(exc).__name__, exc)
            continue
        if item is None:
            log.warning("%s entry point %r (%s) ignored: not what the group expects", group, ep.name, ep.value)
            continue
        out[ep.name] = item
    return dict(sorted(out.items()))
