"""Name search over labels and aliases, for autocompletion (``/api/search?q=``).

Labels are folded with ``kg.text.arabic.normalize`` (hamza, taa marbuta, alef maqsura,
diacritics, digits...) so ``عبدالفتاح`` finds ``عبد الفتّاح``. A query matches a label when
it is a prefix of the folded label or of the label from any word on, so ``السيسي`` and
``عبد الفت`` both find ``عبد الفتاح السيسي``. The index is built from the store on first use
and rebuilt when the served generation changes.
"""

from __future__ import annotations

import asyncio
import bisect
import json
from dataclasses import dataclass

from kg.text.arabic import normalize
from server.catalogue import load_rq
from server.workers import QueryJob, WorkerPool

__all__ = ["SearchIndex", "Hit"]


@dataclass(frozen=True)
class _Label:
    iri: str
    text: str
    lang: str
    alt: bool
    folded: str


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str
    label_ar: str | None
    label_en: str | None
    matched: str
    score: int


class SearchIndex:
    """Sorted folded keys (each label from each word start) searched with bisect."""

    def __init__(self, pool: WorkerPool, timeout: float) -> None:
        self.pool = pool
        self.timeout = timeout
        self._labels: list[_Label] = []
        self._keys: list[tuple[str, int, int]] = []  # (folded key, label index, word pos)
        self._by_iri: dict[str, list[int]] = {}
        self._generation: str | None = None
        self._lock = asyncio.Lock()

    async def ensure(self) -> None:
        async with self._lock:
            self.pool.refresh()
            if self._generation == self.pool.generation:
                return
            generation = self.pool.generation
            _, body = await self.pool.run_to_bytes(QueryJob(load_rq("labels")), self.timeout)
            self._build(json.loads(body))
            self._generation = generation

    def _build(self, results: dict[str, object]) -> None:
        labels: list[_Label] = []
        for b in results["results"]["bindings"]:  # type: ignore[index]
            lab = b["label"]
            labels.append(
                _Label(
                    b["s"]["value"],
                    lab["value"],
                    lab.get("xml:lang", ""),
                    b["alt"]["value"] == "true",
                    normalize(lab["value"]),
                )
            )
        keys: list[tuple[str, int, int]] = []
        by_iri: dict[str, list[int]] = {}
        for i, lab in enumerate(labels):
            by_iri.setdefault(lab.iri, []).append(i)
            starts = [0] + [k + 1 for k, ch in enumerate(lab.folded) if ch == " "]
            for pos in starts:
                if pos < len(lab.folded):
                    keys.append((lab.folded[pos:], i, pos))
        keys.sort()
        self._labels, self._keys, self._by_iri = labels, keys, by_iri

    def _best(self, iri: str, lang: str) -> str | None:
        cands = [
            self._labels[i]
            for i in self._by_iri.get(iri, [])
            if self._labels[i].lang.lower().startswith(lang)
        ]
        cands.sort(key=lambda lab: (lab.alt, len(lab.text)))
        return cands[0].text if cands else None

    async def search(self, q: str, limit: int = 10) -> list[Hit]:
        await self.ensure()
        needle = normalize(q).strip()
        if not needle:
            return []
        best: dict[str, tuple[int, int, _Label]] = {}
        i = bisect.bisect_left(self._keys, (needle, -1, -1))
        while i < len(self._keys) and self._keys[i][0].startswith(needle):
            _, li, pos = self._keys[i]
            lab = self._labels[li]
            score = (0 if lab.folded == needle else 1 if pos == 0 else 2) + (1 if lab.alt else 0)
            prev = best.get(lab.iri)
            if prev is None or (score, len(lab.text)) < (prev[0], prev[1]):
                best[lab.iri] = (score, len(lab.text), lab)
            i += 1
        ranked = sorted(best.values(), key=lambda t: (t[0], t[1], t[2].iri))[:limit]
        return [
            Hit(
                lab.iri,
                self._best(lab.iri, "ar") or self._best(lab.iri, "en") or lab.text,
                self._best(lab.iri, "ar"),
                self._best(lab.iri, "en"),
                lab.text,
                score,
            )
            for score, _, lab in ranked
        ]
