"""Persons: bylines and credits (``credits``), names after a post or title (书记某某, 主任医师某某) and
before a speech verb (某某说), and the statistical tagger's names (``tagged_persons``).

A name is a surname from ``surnames.txt`` and one or two more characters
(``person_names``); the segmenter's person tag (nr), the word after it (a speech
verb, a stop) or the tagger's PER span decides how long it is. The kind of a post
in ``roles.tsv`` says how sure it is: after a post (leads, memberOf) a name may
end at a stop; after a title that only marks a person (none) the name must also
be a person word of the segmenter, a PER span of the tagger, or say something.
"""
from __future__ import annotations

from kg.extract import segment
from kg.extract.recognize import credits, tagged_persons
from kg.extract.recognize.person_names import Found, dictionary_word, name_shaped
from kg.extract.recognize.scan import Scan, occurrences
from kg.extract.recognize.vocabulary import Vocabulary


def persons(v: Vocabulary, scan: Scan, byline: tuple[str, ...] | list[str] = ()) -> None:
    """Every person name of the document, added to ``scan`` in the order the rules found them."""
    found = Found()
    credits.credits(v, scan, found, tuple(byline))
    posts(v, scan, found)
    speakers(v, scan, found)
    if scan.ner:
        found = tagged_persons.reconcile(v, scan, found)
    for c in found:
        scan.add(c)


def posts(v: Vocabulary, scan: Scan, found: Found) -> None:
    """Names right after a post or title of ``roles.tsv`` (党委书记王小明, 主任医师李红)."""
    lex, text = v.lex, scan.text
    tagged = {(s.start, s.end) for s in scan.ner if s.label == "PER"}
    for role in sorted(lex.roles, key=lambda r: (-len(r), r)):
        kind = lex.roles[role]
        if kind == "credit":
            continue
        for at, pos in occurrences(text, (role,)):
            # 居民楼, 群众路线: the post is the start of a longer word
            if segment.is_word(text[at : pos + 1]) or segment.is_word(text[at : pos + 2]):
                continue
            hit = name_at(v, text, pos)
            if hit is None:
                continue
            name, how = hit
            if kind == "none" and not _title_name(name, how, (pos, pos + len(name)) in tagged):
                continue
            found.add(pos, pos + len(name), name, f"role:{role}")


def _title_name(name: str, how: str, tagged: bool) -> bool:
    """After a title that only marks a person (村民, 主任医师) a name needs more than a stop after it:
    a speech verb, the tagger's PER span, or the segmenter's person word that does not open with a
    common word (幸福感 is read as a person word; 幸福 is a word)."""
    return how == "verb" or tagged or (how == "nr" and not dictionary_word(name[:2]))


def speakers(v: Vocabulary, scan: Scan, found: Found) -> None:
    """Names right before a speech verb (王小明说, 张红介绍) that the segmenter reads as a person."""
    text = scan.text
    for verb in sorted(v.lex.speech_verbs, key=lambda w: (-len(w), w)):
        for a, _ in occurrences(text, (verb,)):
            for size in (3, 2):
                cand = text[a - size : a] if a - size >= 0 else ""
                if len(cand) == size and looks_like_name(v, cand, text, a - size):
                    if not found.covers(a - size):
                        found.add(a - size, a, cand, f"speech:{verb}")
                    break


def looks_like_name(v: Vocabulary, cand: str, text: str, start: int) -> bool:
    """True when ``cand`` at ``start`` is a surname and given name the segmenter tags as a person."""
    if not name_shaped(v.lex, cand):
        return False
    window = text[max(0, start - 4) : start + len(cand) + 2]
    off = start - max(0, start - 4)
    pos = 0
    for w, f in segment.words(window):
        if pos == off and w == cand and f.startswith("nr"):
            return True
        pos += len(w)
    return False


def name_at(v: Vocabulary, text: str, pos: int) -> tuple[str, str] | None:
    """The person's name starting at ``pos`` (after a post such as 书记) and what marks its end:
    "nr" (the segmenter's person word), "verb" (a speech verb follows) or "stop" (a list mark,
    punctuation or a verb follows a three-character name); None when no name starts there."""
    lex = v.lex
    if text[pos : pos + 1] not in lex.surnames and text[pos : pos + 2] not in lex.surnames:
        return None
    words = segment.words(text[pos : pos + 8])
    if words and words[0][1].startswith("nr") and name_shaped(lex, words[0][0]):
        return _given_rest(v, words), "nr"
    # the surname cut off as a word of its own before a person word (石 + 红梅)
    if len(words) > 1 and words[0][0] in lex.surnames and len(words[1][0]) == 2 and words[1][1].startswith("nr"):
        name = words[0][0] + words[1][0]
        if name_shaped(lex, name):
            return name, "nr"
    for size in (3, 2):
        cand = text[pos : pos + size]
        if len(cand) < size or not _bare_name(v, cand):
            continue
        rest = text[pos + size : pos + size + 3]
        if any(rest.startswith(w) for w in lex.speech_verbs):
            return cand, "verb"
        if size == 3 and (rest[:1] in v.list_stops or _verb_after(v, text, pos)):
            return cand, "stop"
    return None


def _bare_name(v: Vocabulary, cand: str) -> bool:
    """True when ``cand``, which the segmenter does not tag as a person, may still be a name: name-shaped,
    holding no post or non-name word (向记者, 和主任) and not opening with a common word (高兴地)."""
    return (name_shaped(v.lex, cand) and not dictionary_word(cand) and not _holds_word(v, cand)
            and not (len(cand) == 3 and dictionary_word(cand[:2])))


def _verb_after(v: Vocabulary, text: str, pos: int) -> bool:
    """True when the segmenter ends a word three characters after ``pos`` and reads a verb, adverb or
    preposition there (部长某某某当选, 书记某某某在会上): the end of a three-character name."""
    off, after = 0, None
    for w, f in segment.words(text[pos : pos + 6]):
        if off == 3:
            after = f
        off += len(w)
    return after in v.lex.pos["name_followers"]


def _given_rest(v: Vocabulary, words: tuple[tuple[str, str], ...]) -> str:
    """The segmenter's two-character person word, with the bound character it left after it (某某 + 栋):
    a given name's last character is often not a word of its own."""
    name = words[0][0]
    if len(name) == 2 and len(words) > 1 and len(words[1][0]) == 1 and words[1][1] in v.lex.pos["given_name_rest"]:
        return name + words[1][0]
    return name


def _holds_word(v: Vocabulary, cand: str) -> bool:
    """True when ``cand`` holds a post or a non-name word (和主任, 任组长): not a name."""
    lex = v.lex
    return any(w in cand for w in lex.non_person) or any(r in cand for r in lex.roles)
