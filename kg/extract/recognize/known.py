"""Names listed in ``known_names.tsv`` or shaped as ``name_patterns.tsv`` says, wherever the text writes them.

For names with no structural cue (a company known by its brand, a programme
never quoted, a body written in a fixed short form such as 团县委): each occurrence
is a candidate of the listed type, and the usual selection then weighs it against
what the other rules found there.
"""
from __future__ import annotations

from kg.extract.recognize.scan import Cand, Scan
from kg.extract.recognize.vocabulary import Vocabulary


def known_names(v: Vocabulary, scan: Scan) -> None:
    """A candidate for each occurrence of a known name, longest names first where they overlap."""
    pattern = v.lex.known_re
    if pattern is None:
        return
    for m in pattern.finditer(scan.text):
        name = m.group()
        scan.add(Cand(m.start(), m.end(), v.lex.known_names[name], name, "known-name"))


def pattern_names(v: Vocabulary, scan: Scan) -> None:
    """A candidate for each match of a name pattern (团[省市县区]委: a Youth League committee)."""
    for pattern, type_ in v.lex.name_res:
        for m in pattern.finditer(scan.text):
            if m.end() > m.start():
                scan.add(Cand(m.start(), m.end(), type_, m.group(), "name-pattern", strong=True, kind="body"))
