"""The records that flow down the pipe: ingest -> extract -> map -> validate -> load.

Every stage speaks these types and nothing else, so a stage can be replaced or tested
alone. Offsets are always character offsets into ``Article.original`` (the decoded text of
the input file, or for HTML the main text extracted from the page), so that
``article.original[e.start:e.end] == e.text`` holds for every piece of evidence.

Example::

    art = Article(id="a1", source_path="a1.txt", original="قال السيسي ...", ...)
    ev = Evidence(article_id="a1", sentence=0, start=0, end=10, text=art.original[0:10])
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["Person", "Organization", "State", "ArmedGroup", "Place"]
ENTITY_TYPES: tuple[EntityType, ...] = ("Person", "Organization", "State", "ArmedGroup", "Place")

ActionType = Literal[
    "airstrike", "ground_offensive", "armed_attack", "bombing", "execution",
    "military_training", "arms_supply", "logistic_support", "intelligence_sharing",
    "border_security",
]
ACTION_TYPES: tuple[ActionType, ...] = (
    "airstrike", "ground_offensive", "armed_attack", "bombing", "execution",
    "military_training", "arms_supply", "logistic_support", "intelligence_sharing",
    "border_security",
)
Status = Literal["occurred", "alleged", "offered", "planned"]
STATUSES: tuple[Status, ...] = ("occurred", "alleged", "offered", "planned")
Stance = Literal["asserts", "denies", "accuses"]
STANCES: tuple[Stance, ...] = ("asserts", "denies", "accuses")


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a precision of a year, a month or a day.

    ``PartialDate(2015, 2, 24).iso() == "2015-02-24"``; ``PartialDate(2014, 7).iso() ==
    "2014-07"``; the precision decides the XSD datatype (date, gYearMonth, gYear).
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")

    @property
    def precision(self) -> Literal["day", "month", "year"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def compatible(self, other: PartialDate) -> bool:
        """True when neither date contradicts the other at their shared precision."""
        if self.year != other.year:
            return False
        if self.month is None or other.month is None:
            return True
        if self.month != other.month:
            return False
        return self.day is None or other.day is None or self.day == other.day


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into ``Article.original``."""

    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """One sentence of the cleaned body; ``text == article.original[start:end]``."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass
class ArticleMeta:
    """What is known about an article besides its text.

    ``guessed`` names the fields read from the text by rules rather than given by a
    sidecar ``.meta.json`` or a JSONL record.
    """

    title: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    author: str | None = None
    url: str | None = None
    dateline_city: str | None = None
    language: str = "ar"
    guessed: set[str] = field(default_factory=set)


@dataclass
class Article:
    """One news article, cleaned, split and anchored to its original text."""

    id: str
    source_path: str
    original: str
    paragraphs: list[Span]
    sentences: list[Sentence]
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    encoding: str = "utf-8"

    @property
    def text(self) -> str:
        """The cleaned body: the kept paragraphs, separated by blank lines."""
        return "\n\n".join(self.original[p.start : p.end] for p in self.paragraphs)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the cleaned body and metadata: equal articles hash alike."""
        h = hashlib.sha256(self.text.encode("utf-8"))
        h.update(repr((self.meta.title, self.meta.publisher, self.meta.published)).encode())
        return h.hexdigest()


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class Evidence:
    """The text that supports an extracted item: a sentence or a piece of one."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EntityRef:
    """An actor or place, from the gazetteer (``key`` is its gazetteer id) or new.

    New entities found by cue rules have keys ``new:<Type>:<normalised name>`` so that the
    same name of the same type gets the same IRI in every article.
    """

    key: str
    type: EntityType
    label_ar: str
    label_en: str | None = None
    qid: str | None = None
    lat: float | None = None
    long: float | None = None
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None

    @property
    def is_new(self) -> bool:
        return self.key.startswith("new:")


@dataclass(frozen=True)
class Mention:
    """One place in the article where an entity is named (or meant, for titles)."""

    entity: EntityRef
    surface: str
    start: int
    end: int
    sentence: int
    rule: str
    confidence: float = 1.0


@dataclass
class Meeting:
    participants: list[EntityRef]
    evidence: list[Evidence]
    rule: str
    place: EntityRef | None = None
    date: PartialDate | None = None
    attendees: list[EntityRef] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    confidence: float = 0.8
    key: str | None = None  # cross-article event identity, set by event coreference


@dataclass
class MilitaryAction:
    type: ActionType
    status: Status
    evidence: list[Evidence]
    rule: str
    agents: list[EntityRef] = field(default_factory=list)
    targets: list[EntityRef] = field(default_factory=list)
    places: list[EntityRef] = field(default_factory=list)
    date: PartialDate | None = None
    casualties: int | None = None
    cameo: str | None = None
    confidence: float = 0.7
    key: str | None = None  # cross-article event identity, set by event coreference


@dataclass
class Claim:
    """A statement attributed to a source. Never a fact: events it reports keep their own
    status, and the claim points at them through ``about_events``."""

    stance: Stance
    text: str
    evidence: Evidence
    rule: str
    claimant: EntityRef | None = None
    anonymous_description: str | None = None
    inner_source: EntityRef | None = None
    about: list[EntityRef] = field(default_factory=list)
    about_events: list[int] = field(default_factory=list)  # indices into Extraction.actions
    about_meetings: list[int] = field(default_factory=list)  # indices into Extraction.meetings
    confidence: float = 0.8


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    actions: list[MilitaryAction] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
