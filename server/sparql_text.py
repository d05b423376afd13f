"""What the endpoint needs to know about a query string before Oxigraph sees it.

Oxigraph parses and runs the query; Marsad only tokenises it (strings, IRIs and comments
are skipped correctly, so ``"SERVICE <x>"`` inside a literal is not a service call) to:

- find every ``SERVICE`` target, so that anything outside the allow-list is refused with
  a 400 before a single request leaves the server, and allowed targets are pointed at the
  relay route (``rewrite_services``): the only change ever made to a query's text;
- find ``LOAD`` in updates (refused: the endpoint must not fetch URLs for a client);
- add the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` to an update as
  ``USING`` clauses (pyoxigraph's ``Store.update`` has no dataset argument), refusing
  them when the update has its own ``USING`` or ``WITH`` (SPARQL 1.1 Protocol 2.2.3).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

__all__ = [
    "Token",
    "ServiceCall",
    "tokens",
    "service_calls",
    "rewrite_services",
    "has_keyword",
    "add_using",
    "DatasetConflict",
]

_PN_CHARS = r"A-Za-z0-9_\u00B7\u00C0-\uFFFF"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][{_PN_CHARS}]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][{_PN_CHARS}.-]*)?:
              (?:[{_PN_CHARS}:%\\-]|\.(?=[{_PN_CHARS}:%\\-]))*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str  # ws, comment, string, iri, var, pname, word, other
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ServiceCall:
    """One ``SERVICE`` clause: its resolved endpoint IRI (None for a variable) and where
    the target token sits in the query text."""

    iri: str | None
    target: str
    start: int
    end: int
    silent: bool


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of a SPARQL query or update (no whitespace, no comments)."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        yield Token(kind, m.group(), m.start(), m.end())


def _prologue_resolver(toks: list[Token]) -> Callable[[Token], str | None]:
    """Resolve an IRI or prefixed-name token with the PREFIX and BASE declarations seen
    before it (declarations may appear between update operations too)."""
    prefixes: dict[int, tuple[dict[str, str], str | None]] = {}
    current: dict[str, str] = {}
    base: str | None = None
    for i, t in enumerate(toks):
        if t.kind == "word" and t.text.upper() == "PREFIX" and i + 2 < len(toks):
            name, iri = toks[i + 1], toks[i + 2]
            if name.kind == "pname" and iri.kind == "iri":
                current = {
                    **current,
                    name.text[:-1] if name.text.endswith(":") else name.text: _join(
                        base, iri.text[1:-1]
                    ),
                }
        elif t.kind == "word" and t.text.upper() == "BASE" and i + 1 < len(toks):
            if toks[i + 1].kind == "iri":
                base = _join(base, toks[i + 1].text[1:-1])
        prefixes[i] = (current, base)

    index = {t.start: i for i, t in enumerate(toks)}

    def resolve(t: Token) -> str | None:
        decl, b = prefixes[index[t.start]]
        if t.kind == "iri":
            return _join(b, t.text[1:-1])
        if t.kind == "pname":
            prefix, _, local = t.text.partition(":")
            if prefix not in decl:
                return None
            return decl[prefix] + re.sub(r"\\(.)", r"\1", local)
        return None

    return resolve


def _join(base: str | None, iri: str) -> str:
    return urljoin(base, iri) if base else iri


def service_calls(text: str) -> list[ServiceCall]:
    """Every ``SERVICE`` clause of ``text`` with its endpoint resolved."""
    toks = list(tokens(text))
    resolve = _prologue_resolver(toks)
    calls = []
    for i, t in enumerate(toks):
        if t.kind != "word" or t.text.upper() != "SERVICE" or i + 1 >= len(toks):
            continue
        j, silent = i + 1, False
        if toks[j].kind == "word" and toks[j].text.upper() == "SILENT" and j + 1 < len(toks):
            j, silent = j + 1, True
        target = toks[j]
        iri = resolve(target) if target.kind in ("iri", "pname") else None
        calls.append(ServiceCall(iri, target.text, target.start, target.end, silent))
    return calls


def rewrite_services(text: str, calls: list[ServiceCall], to: Callable[[str], str]) -> str:
    """``text`` with each call's target replaced by ``<to(iri)>``; nothing else changes."""
    out, pos = [], 0
    for c in sorted(calls, key=lambda c: c.start):
        assert c.iri is not None
        out += [text[pos : c.start], f"<{to(c.iri)}>"]
        pos = c.end
    out.append(text[pos:])
    return "".join(out)


def has_keyword(text: str, keyword: str) -> bool:
    """True when ``keyword`` appears as a keyword (not in a string, IRI or name)."""
    kw = keyword.upper()
    return any(t.kind == "word" and t.text.upper() == kw for t in tokens(text))


class DatasetConflict(ValueError):
    """The protocol gave a dataset and the update has USING or WITH too."""


def add_using(update: str, default: list[str], named: list[str]) -> str:
    """``update`` with ``USING <g>`` / ``USING NAMED <g>`` before the ``WHERE`` of every
    ``DELETE``/``INSERT ... WHERE`` operation, as the protocol's using-graph-uri and
    using-named-graph-uri ask. Raises DatasetConflict when the update has USING or WITH."""
    if not default and not named:
        return update
    toks = list(tokens(update))
    depth = 0
    in_modify = False
    prev_word = ""
    inserts: list[int] = []
    for t in toks:
        if t.kind == "other" and t.text == "{":
            depth += 1
        elif t.kind == "other" and t.text == "}":
            depth -= 1
        elif depth == 0 and t.kind == "other" and t.text == ";":
            in_modify, prev_word = False, ""
        elif depth == 0 and t.kind == "word":
            w = t.text.upper()
            if w in ("USING", "WITH"):
                raise DatasetConflict(
                    f"the update has its own {w} clause and the request gives "
                    "using-graph-uri/using-named-graph-uri: give the dataset one way only"
                )
            if w in ("DELETE", "INSERT"):
                in_modify = True
            elif w == "DATA" and prev_word in ("DELETE", "INSERT"):
                in_modify = False
            elif w == "WHERE" and in_modify and prev_word != "DELETE":
                inserts.append(t.start)
                in_modify = False
            prev_word = w
    clause = "".join(f"USING <{g}> " for g in default) + "".join(
        f"USING NAMED <{g}> " for g in named
    )
    out, pos = [], 0
    for at in inserts:
        out += [update[pos:at], clause]
        pos = at
    out.append(update[pos:])
    return "".join(out)
