"""The scale corpus: synthetic Arabic news articles, deterministic from a seed.

Why synthetic: the five bundled articles cannot show how a build scales, and real pages
cannot be shipped. Each article is assembled from sentence templates (meetings, military
actions, claims, background) filled with gazetteer actors and places, dated around a
publication date, and wrapped in the furniture of a scraped page (a headline ticker, share
buttons, a "مقالات ذات صلة" block) so that ingestion's cleaning does real work too.

Article ``i`` depends only on ``(seed, i)``, so the 1k corpus is the first thousand
articles of the 10k one. Articles are written as JSONL shards (one record a line, with
``id``, ``title``, ``publisher``, ``published`` and ``text``), which ``kg.ingest`` reads.

>>> paths = write_corpus(Path("/tmp/c"), 100, seed=7)        # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.gazetteer import Entry, load_gazetteer

__all__ = ["Cast", "SyntheticArticle", "article", "articles", "cast", "write_corpus"]

SHARD_SIZE = 1000
"""Articles per JSONL file: big enough to read fast, small enough to look at."""

_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
           "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
_LEVANT_MONTHS = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                  "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")
_WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
_PUBLISHERS = ("بوابة الأهرام", "اليوم السابع", "العرب اللندنية", "إيلاف", "بوابة الوسط",
               "المصري اليوم", "الشروق", "سكاي نيوز عربية", "الشرق الأوسط", "ليبيا المستقبل")
_TOPICS = ("تطورات الأوضاع الأمنية في ليبيا", "سبل مكافحة الإرهاب", "تأمين الحدود المشتركة",
           "التعاون العسكري بين البلدين", "إخراج المرتزقة والقوات الأجنبية",
           "دعم المؤسسة العسكرية", "مستجدات العملية السياسية", "ملف الهجرة غير الشرعية")
_CLAIMS = ("الجيش نجح في تطهير المنطقة من العناصر الإرهابية",
           "القوات لم تستهدف أي مواقع مدنية",
           "التنظيم يتلقى دعما من أطراف خارجية",
           "الحدود مؤمنة بالكامل ولا توجد أي اختراقات",
           "العملية ستستمر حتى القضاء على آخر إرهابي",
           "الاتفاق يشمل تدريب عناصر الجيش وتبادل المعلومات")
_HEADLINES = ("ارتفاع أسعار الذهب في السوق المحلية", "الأهلي يفوز على الزمالك في قمة الدوري",
              "الأرصاد تحذر من موجة حارة نهاية الأسبوع", "افتتاح معرض الكتاب بمشاركة واسعة",
              "وزير التعليم يعلن مواعيد الامتحانات", "البورصة تربح 12 مليار جنيه في ختام التعاملات",
              "مهرجان السينما يكرم نجوم الدراما", "انطلاق حملة قومية للتطعيم ضد شلل الأطفال")
_SHARE = ("شارك", "فيسبوك", "تويتر", "واتساب", "طباعة")


@dataclass(frozen=True)
class Cast:
    """The gazetteer entries that play each part in the templates."""

    egypt_people: tuple[Entry, ...]
    libya_people: tuple[Entry, ...]
    other_people: tuple[Entry, ...]
    organizations: tuple[Entry, ...]
    groups: tuple[Entry, ...]
    states: tuple[Entry, ...]
    libya_places: tuple[Entry, ...]
    egypt_places: tuple[Entry, ...]


@dataclass(frozen=True)
class SyntheticArticle:
    id: str
    title: str
    publisher: str
    published: str
    text: str

    def record(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "publisher": self.publisher,
                "published": self.published, "text": self.text}


@lru_cache(maxsize=1)
def cast() -> Cast:
    """Pick the template parts from the gazetteer (loaded once)."""
    entries = list(load_gazetteer().entries.values())

    def pick(kind: str, country: str | None = None, other: bool = False) -> tuple[Entry, ...]:
        out = [e for e in entries if e.type == kind]
        if country is not None:
            out = [e for e in out if (e.country == country) != other]
        return tuple(sorted(out, key=lambda e: e.id))

    return Cast(
        egypt_people=pick("Person", "state-egypt"),
        libya_people=pick("Person", "state-libya"),
        other_people=tuple(e for e in pick("Person", "state-egypt", other=True)
                           if e.country != "state-libya"),
        organizations=tuple(e for e in pick("Organization")
                            if e.country in ("state-egypt", "state-libya")),
        groups=pick("ArmedGroup"),
        states=pick("State"),
        libya_places=pick("Place", "state-libya"),
        egypt_places=pick("Place", "state-egypt"),
    )


def _name(rng: random.Random, e: Entry) -> str:
    """The entry's name or, one time in four, one of its aliases (as reporters vary it)."""
    return rng.choice(e.aliases_ar) if e.aliases_ar and rng.random() < 0.25 else e.name_ar


def _arabic_date(rng: random.Random, d: dt.date) -> str:
    if rng.random() < 0.5:
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {_MONTHS[d.month - 1]}/{_LEVANT_MONTHS[d.month - 1]} {d.year}"


def _sentences(rng: random.Random, c: Cast, day: dt.date) -> list[str]:
    """A body of 6-14 sentences mixing the patterns the extractors look for."""
    eg, ly = rng.choice(c.egypt_people), rng.choice(c.libya_people)
    place = rng.choice(c.libya_places + c.egypt_places)
    lplace = rng.choice(c.libya_places)
    group = rng.choice(c.groups)
    org = rng.choice(c.organizations)
    state = rng.choice(c.states)
    weekday = _WEEKDAYS[day.weekday()]
    earlier = day - dt.timedelta(days=rng.randint(2, 40))
    n = rng.randint(2, 60)
    pool = [
        f"استقبل {_name(rng, eg)}، {weekday}، {_name(rng, ly)} في {_name(rng, place)}، "
        f"لبحث {rng.choice(_TOPICS)}.",
        f"والتقى {_name(rng, ly)} {_name(rng, eg)} في {_name(rng, place)} يوم "
        f"{_arabic_date(rng, earlier)}، بحضور {_name(rng, rng.choice(c.egypt_people))}.",
        f"وعقد {_name(rng, eg)} اجتماعا مع وفد من {_name(rng, org)} لمناقشة "
        f"{rng.choice(_TOPICS)}.",
        f"وشنت طائرات حربية غارات جوية على مواقع لتنظيم {_name(rng, group)} في "
        f"{_name(rng, lplace)}، ما أسفر عن مقتل {n} عنصرا.",
        f"وهاجم مسلحون من {_name(rng, group)} نقطة أمنية في {_name(rng, lplace)} "
        f"{weekday} الماضي.",
        f"وأعلن {_name(rng, org)} أن قواته بدأت عملية عسكرية لتحرير {_name(rng, lplace)} من "
        f"عناصر {_name(rng, group)}.",
        f"واتفق الجانبان على تبادل المعلومات الاستخباراتية وتدريب عناصر الجيش الليبي "
        f"في {_name(rng, rng.choice(c.egypt_places))}.",
        f"وقال {_name(rng, rng.choice(c.egypt_people + c.libya_people))} إن "
        f"{rng.choice(_CLAIMS)}.",
        f"ونفى {_name(rng, org)} ما تردد عن {rng.choice(_CLAIMS)}.",
        f"واتهمت {_name(rng, state)} {_name(rng, group)} بالوقوف وراء الهجوم.",
        f"وأفادت مصادر أمنية بأن {rng.choice(_CLAIMS)}.",
        f"وكان تفجير بسيارة مفخخة قد استهدف مقرا أمنيا في {_name(rng, lplace)} في "
        f"{_arabic_date(rng, earlier)}.",
        f"وتشهد {_name(rng, rng.choice(c.libya_places))} توترا أمنيا منذ "
        f"{rng.choice(('أشهر', 'أسابيع', 'سنوات'))}.",
        f"وأكد {_name(rng, rng.choice(c.other_people or c.egypt_people))} دعم بلاده "
        f"لجهود {_name(rng, state)} في مكافحة الإرهاب.",
    ]
    return rng.sample(pool, rng.randint(6, min(14, len(pool))))


def article(seed: int, index: int) -> SyntheticArticle:
    """Article number ``index`` of the corpus of ``seed`` (independent of corpus size)."""
    rng = random.Random(seed * 1_000_003 + index)
    c = cast()
    day = dt.date(2014, 6, 1) + dt.timedelta(days=rng.randint(0, 11 * 365))
    eg, ly = rng.choice(c.egypt_people), rng.choice(c.libya_people)
    title = rng.choice((
        f"{_name(rng, eg)} يبحث مع {_name(rng, ly)} {rng.choice(_TOPICS)}",
        f"غارات على مواقع {_name(rng, rng.choice(c.groups))} في "
        f"{_name(rng, rng.choice(c.libya_places))}",
        f"{_name(rng, rng.choice(c.states))} تدعو إلى {rng.choice(_TOPICS)}",
    ))
    body = _sentences(rng, c, day)
    paras = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
    city = rng.choice(("القاهرة", "طرابلس", "بنغازي", "تونس"))
    dateline = f"{city} - {_WEEKDAYS[day.weekday()]} {day.year}/{day.month:02d}/{day.day:02d}"
    ticker = "    ".join(rng.sample(_HEADLINES, 4))
    related = rng.sample(_HEADLINES, 3)
    lines = [ticker, "", title, "", dateline, "", *paras, "",
             " | ".join(rng.sample(_SHARE, 3)), "مقالات ذات صلة", *related]
    return SyntheticArticle(
        id=f"syn{seed}-{index:06d}",
        title=title,
        publisher=rng.choice(_PUBLISHERS),
        published=day.isoformat(),
        text="\n".join(lines) + "\n",
    )


def articles(n: int, seed: int = 1) -> Iterator[SyntheticArticle]:
    for i in range(n):
        yield article(seed, i)


def write_corpus(out_dir: Path, n: int, seed: int = 1) -> list[Path]:
    """Write ``n`` articles as JSONL shards under ``out_dir``; returns the shard paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for start in range(0, n, SHARD_SIZE):
        path = out_dir / f"shard-{start // SHARD_SIZE:04d}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(start, min(n, start + SHARD_SIZE)):
                f.write(json.dumps(article(seed, i).record(), ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def sample_text(seed: int = 1, indices: Sequence[int] = (0,)) -> str:
    """A few articles' text, to eyeball the templates."""
    return "\n\n-----\n\n".join(article(seed, i).text for i in indices)
