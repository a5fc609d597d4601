"""Relations stated by the words between two entities of one sentence (``relation_patterns.jsonl``).

Each pattern names the types it links, a regular expression for the text
between them (and optionally right after the second), the relation and which
side is its head: 某公司位于某县 -> 某公司 locatedIn 某县.
"""
from __future__ import annotations

from kg.extract.relations.context import Context


def pattern_rules(ctx: Context) -> None:
    cands = sorted(ctx.outermost + ctx.referring, key=lambda c: c.start)
    text = ctx.text
    for i, left in enumerate(cands):
        for right in cands[i + 1 : i + 6]:
            if right.start < left.end:
                continue
            if ctx.sentence_end.search(text, left.end, right.start):
                break
            between = text[left.end : right.start]
            for rule in ctx.vocab.patterns:
                if left.type not in rule.left or right.type not in rule.right:
                    continue
                if not rule.between.search(between):
                    continue
                if rule.after is not None and not rule.after.match(text, right.end):
                    continue
                head, tail = (right, left) if rule.reverse else (left, right)
                ctx.add(ctx.real(head), rule.rel, ctx.real(tail), right.start, rule.id)
