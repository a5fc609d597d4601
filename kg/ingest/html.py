"""Article text out of an HTML page saved as .txt, with the way back to the page.

Uses the standard library's ``html.parser`` only. Script, style and other
non-content elements are dropped; block elements become paragraph breaks;
``<h1>``-``<h3>`` become markdown headings (``# ``) so the cleaner treats them
as titles; entities are unescaped (the character points at its ``&``).
"""
from __future__ import annotations

import re
from array import array
from html import unescape
from html.parser import HTMLParser

from kg.ingest.mapped import Mapped

_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas",
                   "nav", "select", "button", "form"})
_BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header", "footer",
                    "aside", "blockquote", "pre", "hr", "dd", "dt", "dl", "figure", "figcaption", "main", "td",
                    "th", "center", "address"})
_HEADINGS = {"h1": "# ", "h2": "## ", "h3": "## ", "h4": "", "h5": "", "h6": ""}
_LOOKS_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title)\b|<(?:p|div|br|span|table)\b[^<>]*>",
                         re.I)


def looks_like_html(text: str) -> bool:
    """A page, not plain copy: a document tag up front, or several block tags."""
    head = text[:4096]
    if re.search(r"<(?:!doctype\s+html|html|body)\b", head, re.I):
        return True
    return len(_LOOKS_HTML.findall(text[:65536])) >= 5


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.texts: list[str] = []
        self.offs = array("q")
        self.skip = 0
        self.pending = ""  # break owed before the next text: "", "\n" or "\n\n" (+ heading mark)

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, s: str, at: int) -> None:
        self.texts.append(s)
        self.offs.extend([at] * len(s))

    def _break(self, s: str) -> None:
        """Owe a break; blocks in a row owe one break, not one each (HTML has no blank-line layout)."""
        if self.texts and len(s.rstrip("# ")) >= len(self.pending.rstrip("# ")):
            self.pending = s
        elif not self.texts and "#" in s:
            self.pending = s.lstrip("\n")

    def _text(self, s: str, at: int, copied: bool) -> None:
        if not s.strip():
            if "\n" not in s and not self.pending and self.texts:
                self._emit(" ", at)
            return
        if self.pending:
            self._emit(self.pending, at)
            self.pending = ""
        if copied:  # newlines inside a text node are just spaces in HTML
            self.texts.append(s.replace("\n", " ").replace("\r", " "))
            self.offs.extend(range(at, at + len(s)))
        else:
            self._emit(s, at)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif not self.skip:
            if tag in _HEADINGS:
                self._break("\n\n" + _HEADINGS[tag])
            elif tag in _BLOCK:
                self._break("\n" if tag == "br" else "\n\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if not self.skip and tag in _BLOCK:
            self._break("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif not self.skip and (tag in _BLOCK or tag in _HEADINGS):
            self._break("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skip or not data:
            return
        start = self._pos()
        copied = self.source.startswith(data, start)  # always, with convert_charrefs off
        self._text(data, start, copied)

    def handle_entityref(self, name: str) -> None:
        if not self.skip:
            self._text(unescape(f"&{name};"), self._pos(), False)

    def handle_charref(self, name: str) -> None:
        if not self.skip:
            self._text(unescape(f"&#{name};"), self._pos(), False)


def html_to_text(source: str) -> Mapped:
    """Visible article text of an HTML page; offsets index into ``source``."""
    parser = _Extractor(source)
    parser.feed(source)
    parser.close()
    return Mapped("".join(parser.texts), parser.offs)
