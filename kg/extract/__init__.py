"""Extraction: an Article in, its mentions, meetings, military actions and claims out.

Each extractor is a module of its own; this package only runs them in order, because each
one reads what the previous ones found (claims point at the events they report).
"""

from __future__ import annotations

from kg.records import Article, Extraction

__all__ = ["extract"]


def extract(article: Article) -> Extraction:
    """Run every extractor on one article.

    >>> ex = extract(article)                 # doctest: +SKIP
    >>> [m.entity.label_ar for m in ex.mentions][:3]
    """
    from kg.extract.actions import extract_actions
    from kg.extract.claims import extract_claims
    from kg.extract.entities import extract_mentions
    from kg.extract.meetings import extract_meetings

    mentions = extract_mentions(article)
    meetings = extract_meetings(article, mentions)
    actions = extract_actions(article, mentions)
    claims = extract_claims(article, mentions, meetings, actions)
    return Extraction(article=article, mentions=mentions, meetings=meetings, actions=actions,
                      claims=claims)
