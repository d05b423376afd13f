"""The gazetteer: actors and places with Arabic aliases, Wikidata links and dated offices.

Data lives in ``kg/gazetteer/data/*.tsv`` (see notes/GAZETTEER_FORMAT.md); this package
reads it once (``load_gazetteer``) and offers the Arabic-aware phrase matching that the
entity extractor builds on.
"""

from kg.gazetteer.loader import DATA_DIR, load_gazetteer, read_gazetteer
from kg.gazetteer.matching import PhraseIndex, PhraseMatch, Token, tokenize, tokenize_article
from kg.gazetteer.model import Entry, Gazetteer, Office, date_range

__all__ = [
    "DATA_DIR", "Entry", "Gazetteer", "Office", "PhraseIndex", "PhraseMatch", "Token",
    "date_range", "load_gazetteer", "read_gazetteer", "tokenize", "tokenize_article",
]
