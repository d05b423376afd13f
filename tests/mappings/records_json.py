"""Read a golden case's ``record.json`` into an ``Extraction`` (for tests only).

The JSON mirrors ``kg.records`` field by field, with two conveniences that keep cases
short and honest: an evidence's or mention's ``text`` is taken from the article when
omitted (so it always equals ``original[start:end]``), and sentences are given as
``[start, end]`` pairs. Dates are ``[year, month?, day?]``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.records import (
    Article,
    ArticleMeta,
    Claim,
    EntityRef,
    Evidence,
    Extraction,
    Meeting,
    Mention,
    MilitaryAction,
    PartialDate,
    Sentence,
    Span,
)

__all__ = ["load_case", "load_extraction"]


def _date(value: list[int] | None) -> PartialDate | None:
    return PartialDate(*value) if value else None


def _ref(d: dict[str, Any] | None) -> EntityRef | None:
    return EntityRef(**d) if d else None


def _refs(items: list[dict[str, Any]] | None) -> list[EntityRef]:
    return [EntityRef(**d) for d in items or []]


def load_case(path: Path) -> tuple[Extraction, dict[str, Any] | None]:
    """The extraction of a case file and its optional ``build`` description."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return _extraction(data), data.get("build")


def load_extraction(path: Path) -> Extraction:
    """The extraction described by the JSON file at ``path``."""
    return load_case(path)[0]


def _extraction(data: dict[str, Any]) -> Extraction:
    a = data["article"]
    original: str = a["original"]
    sentences = [Sentence(i, s, e, original[s:e]) for i, (s, e) in enumerate(a["sentences"])]
    meta = dict(a.get("meta", {}))
    meta["published"] = _date(meta.get("published"))
    article = Article(id=a["id"], source_path=a["source_path"], original=original,
                      paragraphs=[Span(0, len(original))], sentences=sentences,
                      meta=ArticleMeta(**meta))

    def evidence(d: dict[str, Any]) -> Evidence:
        start, end = d["start"], d["end"]
        return Evidence(article.id, d["sentence"], start, end, d.get("text", original[start:end]))

    mentions = [Mention(entity=EntityRef(**m["entity"]),
                        surface=m.get("surface", original[m["start"]:m["end"]]),
                        start=m["start"], end=m["end"], sentence=m["sentence"], rule=m["rule"],
                        confidence=m.get("confidence", 1.0))
                for m in data.get("mentions", [])]
    meetings = [Meeting(participants=_refs(m["participants"]),
                        evidence=[evidence(e) for e in m["evidence"]], rule=m["rule"],
                        place=_ref(m.get("place")), date=_date(m.get("date")),
                        attendees=_refs(m.get("attendees")), topics=m.get("topics", []),
                        confidence=m.get("confidence", 0.8), key=m.get("key"))
                for m in data.get("meetings", [])]
    actions = [MilitaryAction(type=x["type"], status=x["status"],
                              evidence=[evidence(e) for e in x["evidence"]], rule=x["rule"],
                              agents=_refs(x.get("agents")), targets=_refs(x.get("targets")),
                              places=_refs(x.get("places")), date=_date(x.get("date")),
                              casualties=x.get("casualties"), cameo=x.get("cameo"),
                              confidence=x.get("confidence", 0.7), key=x.get("key"))
               for x in data.get("actions", [])]
    claims = [Claim(stance=c["stance"], text=c["text"], evidence=evidence(c["evidence"]),
                    rule=c["rule"], claimant=_ref(c.get("claimant")),
                    anonymous_description=c.get("anonymous_description"),
                    inner_source=_ref(c.get("inner_source")), about=_refs(c.get("about")),
                    about_events=c.get("about_events", []),
                    about_meetings=c.get("about_meetings", []),
                    confidence=c.get("confidence", 0.8))
              for c in data.get("claims", [])]
    return Extraction(article, mentions, meetings, actions, claims)
