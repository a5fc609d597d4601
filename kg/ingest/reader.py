"""Files and folders to ``Article``s: decode, extract (HTML), clean, split, and report what failed.

One bad file never stops a corpus: ``read_corpus`` turns its ``IngestError``
into a ``Skipped`` entry and goes on. Files are read in sorted relative-path
order so the same input always gives the same articles.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from kg.ingest.clean import clean_units
from kg.ingest.encoding import decode_file
from kg.ingest.errors import IngestError
from kg.ingest.html import html_to_text, looks_like_html
from kg.ingest.mapped import Mapped
from kg.ingest.metadata import annotate
from kg.ingest.simplify import simplified
from kg.ingest.split import split_articles
from kg.model import Article, Skipped

DEFAULT_MAX_BYTES = 200 * 2**20  # files above this are skipped (a reason says so)
SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm")  # what a folder's files are read by (any case)


def _relative(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` with posix separators (just the name when it is not under it)."""
    if root is not None:
        for p, r in ((path, Path(root)), (path.absolute(), Path(root).absolute()),
                     (path.resolve(), Path(root).resolve())):
            try:
                return p.relative_to(r).as_posix()
            except ValueError:
                continue
    return path.name


def read_file(path: str | Path, root: str | Path | None = None, *, max_bytes: int | None = DEFAULT_MAX_BYTES,
              article_id: str | None = None) -> list[Article]:
    """The articles of one file. ``root`` makes ``Article.source`` relative to it (default: the file's
    folder); ``article_id`` replaces the file stem as the id base. Raises ``IngestError``."""
    path = Path(path)
    if path.is_dir():
        raise IngestError(str(path), "is a directory, not a file")
    text, encoding = decode_file(path, max_bytes)
    if not text.strip(" \t\r\n\x00\ufeff\u3000\xa0"):
        raise IngestError(str(path), "empty file" if not text else "no text (only whitespace or NUL bytes)")
    base = html_to_text(text) if looks_like_html(text) else Mapped.source(text)
    del text  # large files: keep one copy of the text at a time
    units = clean_units(base)
    del base
    pieces = split_articles(units)
    del units
    if not pieces:
        raise IngestError(str(path), "no article text left after cleaning")
    stem = article_id or path.stem
    source = _relative(path, Path(root) if root is not None else path.parent)
    articles = []
    for n in range(len(pieces)):
        p, pieces[n] = pieces[n], None  # type: ignore[call-overload]
        articles.append(Article(
            id=stem if len(pieces) == 1 else f"{stem}-{n}",
            source=source,
            index=n,
            text=p.text,
            offsets=p.m.offsets,  # array('q'): 8 bytes a character, not a list's 36
            encoding=encoding,
            title=p.title,
            byline=list(p.byline),
            match_text=simplified(p.text),
        ))
    return annotate(articles)


def clean_text(text: str) -> tuple[str, list[int]]:
    """The cleaning and splitting stages as text: every article laid out, articles separated by a
    blank line, and for each character of the result the index in ``text`` it came from."""
    pieces = split_articles(clean_units(text))
    out = Mapped.join((p.m for p in pieces), "\n\n")
    return out.text, list(out.offsets)


@dataclass(frozen=True)
class SourceFile:
    """One file of a corpus, as ``read_corpus`` and the build cache both name it."""

    path: Path
    root: Path  # the corpus folder (a lone file's folder): ``Article.source`` is relative to it
    rel: str  # path relative to ``root``, posix separators (``Article.source``, the cache's key)
    base: str  # article id base: the file stem, or its folder path when two files share the stem


def _visible_files(root: Path, exclude: Sequence[str | Path] = ()) -> list[tuple[str, Path]]:
    """Every file under ``root`` but hidden ones, those in hidden folders (.git, .kg) and those under an
    ``exclude`` folder (the build's own output), by relative posix path."""
    skip = [Path(x).resolve() for x in exclude]
    found = []
    for f in root.rglob("*"):
        rel = f.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not f.is_file():
            continue
        if skip and any(f.resolve().is_relative_to(x) for x in skip):
            continue
        found.append((rel.as_posix(), f))
    return sorted(found)


def is_article_file(rel: str, include: Sequence[str] = ()) -> bool:
    """Is this file of a folder read: a .txt or HTML page, or a match of an ``include`` glob
    (``*.md``, matched against the relative path and the name)?"""
    name = rel.rsplit("/", 1)[-1]
    return (Path(name).suffix.lower() in SUFFIXES
            or any(fnmatch(rel, glob) or fnmatch(name, glob) for glob in include))


def _kind(rel: str) -> str:
    return Path(rel).suffix.lower() or "no suffix"


def _not_read_reason(rel: str) -> str:
    suffix = Path(rel).suffix.lower()
    how = f"--include '*{suffix}'" if suffix else f"--include '{rel}'"
    return f"not an article file ({', '.join(SUFFIXES)}); {how} reads it as text"


def unread_files(path: str | Path, include: Sequence[str] = (), exclude: Sequence[str | Path] = ()) -> list[Skipped]:
    """The visible files of a folder that a build does not read, each with why: nothing is left out
    unsaid (hidden files and folders, and the ``exclude`` folders, excepted)."""
    path = Path(path)
    if not path.is_dir():
        return []
    return [Skipped(rel, _not_read_reason(rel)) for rel, _ in _visible_files(path, exclude)
            if not is_article_file(rel, include)]


def _bases(files: list[tuple[str, Path]]) -> list[str]:
    """Article-id bases, unique across the corpus: the stem; a stem two files share gets its folder
    path (x__news), and its suffix too when that is still shared (page_txt, page_html)."""
    stems = Counter(f.stem for _, f in files)
    paths = [rel if stems[f.stem] == 1 else rel.rsplit(".", 1)[0].replace("/", "__") for rel, f in files]
    shared = Counter(paths)
    return [f.stem if stems[f.stem] == 1 else p if shared[p] == 1 else f"{p}_{f.suffix.lstrip('.').lower()}"
            for (_, f), p in zip(files, paths, strict=True)]


def corpus_sources(path: str | Path, include: Sequence[str] = (),
                   exclude: Sequence[str | Path] = ()) -> tuple[list[SourceFile], list[Skipped]]:
    """The files of a folder (every .txt, .html and .htm, and what ``include`` globs match, recursively;
    nothing under an ``exclude`` folder) or the one file ``path`` names, in reading order with unique
    article-id bases; or, when there are none, why."""
    path = Path(path)
    if not path.exists():
        return [], [Skipped(str(path), "no such file or folder")]
    if not path.is_dir():
        root, files = path.parent, [(path.name, path)]
    else:
        root, visible = path, _visible_files(path, exclude)
        files = [(rel, f) for rel, f in visible if is_article_file(rel, include)]
        if not files:
            why = f"no article files ({', '.join(SUFFIXES)}) in this folder"
            others = Counter(_kind(rel) for rel, _ in visible)
            if others:
                most = max(sorted(others), key=lambda k: others[k])
                why += f"; --include '*{most}' reads its {most} files as text" if most.startswith(".") else ""
            return [], [Skipped(str(path), why)]
    return [SourceFile(f, root, rel, base) for (rel, f), base in zip(files, _bases(files), strict=True)], []


def read_source(source: SourceFile, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> list[Article] | Skipped:
    """The articles of one corpus file, or why it was skipped: one bad file never stops a corpus."""
    try:
        return read_file(source.path, source.root, max_bytes=max_bytes, article_id=source.base)
    except IngestError as exc:
        return Skipped(source.rel, exc.reason)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the corpus
        return Skipped(source.rel, f"could not be processed ({type(exc).__name__}: {exc})")


def read_corpus(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES, include: Sequence[str] = (),
                exclude: Sequence[str | Path] = ()) -> tuple[list[Article], list[Skipped]]:
    """Articles of a folder (see ``corpus_sources``) or of one file, and the files skipped with why."""
    sources, skipped = corpus_sources(path, include, exclude)
    articles: list[Article] = []
    for source in sources:
        read = read_source(source, max_bytes=max_bytes)
        if isinstance(read, Skipped):
            skipped.append(read)
        else:
            articles.extend(read)
    return articles, skipped
