"""Plain data records passed between pipeline stages.

The data flows one way: ``Article`` (ingest) -> ``Mention``/``Relation``/``Fact``
(extraction, per article) -> ``Node``/``Edge``/``Quantity`` in a ``KnowledgeBase``
(resolution) -> RDF graph -> exports. Stages exchange only these records, so
each stage can be tested, replaced or run in another process on its own.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

ENTITY_TYPES: tuple[str, ...] = (
    "Place",
    "PartyOrganisation",
    "Enterprise",
    "Programme",
    "Person",
    "Organisation",
)
RELATION_TYPES: tuple[str, ...] = ("locatedIn", "partyOrgOf", "memberOf", "leads", "implements")
# The statistical NER layers extraction can run (kg.nlp): LAC where it can, the model's own, or none.
NER_CHOICES: tuple[str, ...] = ("auto", "lac", "model", "rules")

# How a relation was obtained: stated in a sentence, implied by an entity's own
# name (a place chain or a place prefix), or added from the administrative gazetteer.
METHOD_TEXT = "text"
METHOD_NAME = "name"
METHOD_GAZETTEER = "gazetteer"


@dataclass
class Article:
    """One article after ingest: cleaned text plus the way back to the file."""

    id: str  # unique across a corpus: file stem, or "stem-N" when a file holds several
    source: str  # file name relative to the input root (posix separators)
    index: int  # position of the article within its file, from 0
    text: str  # cleaned text, title first when there is one
    offsets: Sequence[int]  # offsets[i] = character offset in the decoded file of text[i] (list or array)
    encoding: str  # encoding the file was decoded with, e.g. "utf-8", "utf-8-sig", "gb18030"
    title: str | None = None
    byline: list[str] = field(default_factory=list)  # reporter / author names from the byline
    match_text: str | None = None  # same length as text, simplified for matching (traditional input)
    date: str | None = None  # publication date the text shows, ISO: "2018-12-06", "2018-12" or "2018"
    outlet: str | None = None  # newspaper, site or agency the text names as its source

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of ``text`` to offsets in the decoded source file."""
        if not self.offsets:
            return start, end
        s = self.offsets[min(start, len(self.offsets) - 1)]
        e = self.offsets[min(max(end - 1, 0), len(self.offsets) - 1)] + 1
        return s, e


@dataclass
class Skipped:
    """A file that could not be processed, and why (shown in the closing summary)."""

    path: str
    reason: str


@dataclass
class Mention:
    """One recognised entity occurrence in an article."""

    start: int  # character offsets in Article.text
    end: int
    text: str  # surface form as written (spaces removed)
    label: str  # one of ENTITY_TYPES
    name: str  # canonical name proposed by the recogniser (e.g. quoted core + head noun)
    aliases: tuple[str, ...] = ()
    rule: str = ""  # id of the pattern/rule that produced it (for error analysis)
    sentence: int = -1  # index of the sentence in the article


@dataclass
class Entity:
    """An entity within one article (its mentions merged)."""

    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    code: str | None = None  # administrative code (places known to the gazetteer)
    level: str | None = None  # province / city / county (places known to the gazetteer)


@dataclass
class Relation:
    """A relation between two entities (by canonical name) with its support."""

    head: str
    rel: str
    tail: str
    evidence: str  # sentence (or stretch of it) that supports the relation
    method: str = METHOD_TEXT
    rule: str = ""
    head_type: str | None = None
    tail_type: str | None = None


@dataclass
class Fact:
    """An amount an article reports about one of its entities (组建党组织120个).

    ``value`` is the number as exact decimal text ("120", "92.6", "123450000":
    万/亿 multiplied out, Chinese numerals converted, money in 元), so it
    round-trips through JSON and becomes an ``xsd:decimal`` unchanged.
    """

    subject: str  # canonical name of the entity the amount is about
    subject_type: str  # its type (one of ENTITY_TYPES)
    measure: str  # the counted thing as the text words it (党组织, 成员企业, 资金)
    value: str  # decimal text, no exponent
    unit: str  # measure word or currency as written (个, 家, 名, 元, 亩, %)
    approx: bool = False  # 余/多/近/约/左右/以上 ...
    date: str | None = None  # the time the amount holds for, ISO (2023-12, 2024), when the text gives one
    evidence: str = ""  # the sentence that reports it
    start: int = -1  # the amount's character offsets in Article.text
    end: int = -1
    sentence: int = -1  # index of the sentence in the article
    rule: str = ""  # how the subject was chosen (for error analysis)


@dataclass
class Extraction:
    """What extraction found in one article."""

    article: Article
    entities: list[Entity]
    relations: list[Relation]
    sentences: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


@dataclass(frozen=True)
class Provenance:
    """Where a fact came from: an article and sentence, or the gazetteer."""

    method: str
    article: str | None = None  # Article.id
    evidence: str | None = None


@dataclass
class Node:
    """One real-world entity across the whole corpus."""

    key: str  # stable identity, e.g. "Place:370784" or "Enterprise:山东华宇建材有限公司"
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)  # Article.id values that mention it
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (article id, sentence)
    code: str | None = None
    level: str | None = None
    inferred: bool = False  # added from the gazetteer only (an ancestor no article names)


@dataclass
class Edge:
    head: str  # Node.key
    rel: str
    tail: str  # Node.key
    provenance: list[Provenance] = field(default_factory=list)


@dataclass
class Quantity:
    """A fact after resolution: its subject is a ``Node.key``, its source an article."""

    subject: str  # Node.key
    article: str  # Article.id
    fact: Fact


@dataclass
class KnowledgeBase:
    """The resolved corpus: what the graph and every export are built from."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)  # in (article, position) order
