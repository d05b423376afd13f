"""Ingestion under fuzzing: whatever bytes a file holds, ``ingest()`` never raises, never
hangs, reports every bad file (or JSONL line) as an ``IngestError`` naming it, and still
yields the good articles of the same batch.

Bounded so the whole file runs in seconds: few examples each, a hypothesis deadline, and a
hard per-example wall-clock limit (SIGALRM) so a hang fails the test instead of the suite.
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import ingest
from kg.records import Article

PER_EXAMPLE_SECONDS = 10
FUZZ = settings(
    max_examples=int(os.environ.get("MARSAD_FUZZ_EXAMPLES", "15")),
    deadline=PER_EXAMPLE_SECONDS * 1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("MARSAD_FUZZ_EXAMPLES") is None,
)

# A good article written for these tests: it must come out whatever sits beside it.
GOOD = (
    "أعلنت وزارة الدفاع في القاهرة يوم الأحد أن وحدات من القوات الجوية نفذت تدريبا مشتركا "
    "مع قوات من الجيش الليبي قرب الحدود الغربية.\n\n"
    "وقال متحدث باسم الوزارة إن التدريب استمر ثلاثة أيام وشمل عمليات تأمين للمنافذ البرية.\n"
)
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(
    list(" \n.،؟!0123456789٠١٢٣٤٥٦٧٨٩")
)


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail (TimeoutError) rather than hang when one example runs past ``seconds``."""

    def on_alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"ingest() ran past {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run_batch(files: dict[str, bytes]) -> tuple[list[Article], list[IngestError], Path]:
    """Write ``files`` beside one good article, ingest the folder, split the results."""
    root = Path(tempfile.mkdtemp(prefix="marsad-fuzz-"))
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        (root / name).write_bytes(data)
    articles: list[Article] = []
    errors: list[IngestError] = []
    with time_limit(PER_EXAMPLE_SECONDS):
        for item in ingest([root]):
            (errors if isinstance(item, IngestError) else articles).append(item)
    return articles, errors, root


def check_batch(files: dict[str, bytes]) -> None:
    """The invariants every batch must keep, whatever the fuzzed files hold."""
    articles, errors, root = run_batch(files)
    good = [a for a in articles if Path(a.source_path).name == "good.txt"]
    assert len(good) == 1, "the good article beside fuzzed files was lost"
    assert good[0].original == GOOD
    fuzzed = {str(root / name) for name in files}
    for err in errors:
        assert err.path, "an IngestError without a path"
        # a JSONL line is reported as path:LINE; a sidecar by its own path
        assert any(err.path == f or err.path.startswith(f + ":") for f in fuzzed), err
        assert err.reason
    # every fuzzed file came out as an article or was reported; none vanished silently
    seen = {Path(a.source_path.split(":")[0]).name for a in articles}
    seen |= {Path(e.path.split(":")[0]).name.replace(".meta.json", ".txt") for e in errors}
    for name, data in files.items():
        if name in seen or name.endswith(".meta.json"):
            continue
        if name.endswith(".jsonl") and not data.decode("utf-8", "replace").strip():
            continue  # only blank lines: no records, nothing to report
        # otherwise it must be a duplicate of an article already yielded (same content)
        alone = Path(tempfile.mkdtemp(prefix="marsad-fuzz-alone-"))
        (alone / name).write_bytes(data)
        with time_limit(PER_EXAMPLE_SECONDS):
            again = [i for i in ingest([alone]) if isinstance(i, Article)]
        assert again and {a.content_hash for a in again} <= {a.content_hash for a in articles}, (
            f"{name} neither yielded nor reported"
        )
    for a in articles:
        assert a.original, "an article with no text"
        for p in a.paragraphs:
            assert 0 <= p.start <= p.end <= len(a.original)


@FUZZ
@given(st.binary(min_size=1, max_size=4096))
def test_random_bytes_as_text_html_and_jsonl(data: bytes) -> None:
    check_batch({"noise.txt": data, "noise.html": data, "noise.jsonl": data})


@FUZZ
@given(st.text(ARABIC, min_size=1, max_size=3000))
def test_random_arabic_text(text: str) -> None:
    check_batch(
        {"arabic.txt": text.encode("utf-8"), "arabic-1256.txt": text.encode("cp1256", "replace")}
    )


@settings(FUZZ, max_examples=min(FUZZ.max_examples, 5))  # each example is large
@given(st.integers(min_value=10_000, max_value=200_000), st.sampled_from(["ب", "x", "<", " "]))
def test_enormous_single_line(length: int, ch: str) -> None:
    line = (ch * length).encode("utf-8")
    record = json.dumps({"text": "قال " + ch * length}, ensure_ascii=False).encode("utf-8")
    check_batch({"line.txt": line, "line.html": b"<html><body><p>" + line, "line.jsonl": record})


@FUZZ
@given(st.integers(min_value=100, max_value=10_000), st.sampled_from(["div", "p", "span", "table"]))
def test_deeply_nested_html(depth: int, tag: str) -> None:
    body = f"<{tag}>" * depth + "نص قصير داخل عناصر متداخلة." + f"</{tag}>" * (depth // 2)
    page = f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"
    check_batch({"nested.html": page.encode("utf-8")})


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "utf-8",
                "cp1256",
                "utf-16",
                "utf-16-le",
                "latin-1",
                "iso-8859-6",
                "bad",
            ]
        ),
        min_size=1,
        max_size=4,
    ),
    st.text(ARABIC, min_size=20, max_size=400),
)
def test_invalid_utf8_and_mixed_encodings(encodings: list[str], text: str) -> None:
    parts = []
    for enc in encodings:
        if enc == "bad":
            parts.append(b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x90\x28")
        else:
            parts.append(text.encode(enc, "replace"))
    data = b"".join(parts)
    meta = b"<meta charset='utf-8'>" if "utf-8" in encodings else b"<meta charset='nope'>"
    check_batch(
        {
            "mixed.txt": data,
            "mixed.html": b"<html><head>"
            + meta
            + b"</head><body><p>"
            + data
            + b"</p></body></html>",
        }
    )


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(ARABIC, max_size=50),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=10) | st.integers() | st.none(),
        "text": st.text(ARABIC, max_size=300) | JSON_VALUES,
        "html": st.text(max_size=300) | JSON_VALUES,
        "title": st.text(ARABIC, max_size=30) | JSON_VALUES,
        "published": st.text(max_size=20) | JSON_VALUES,
        "publisher": st.text(max_size=20) | JSON_VALUES,
    },
)
LINES = st.one_of(
    RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8")),
    JSON_VALUES.map(lambda v: json.dumps(v).encode("utf-8")),
    st.binary(max_size=200).filter(lambda b: b"\n" not in b),
    st.just(b""),
)


@FUZZ
@given(st.lists(LINES, min_size=1, max_size=12))
def test_jsonl_with_random_lines(lines: list[bytes]) -> None:
    check_batch({"batch.jsonl": b"\n".join(lines)})


@FUZZ
@given(st.binary(max_size=300) | JSON_VALUES.map(lambda v: json.dumps(v).encode("utf-8")))
def test_random_sidecar(data: bytes) -> None:
    check_batch(
        {"side.txt": GOOD.replace("القاهرة", "الإسكندرية").encode("utf-8"), "side.meta.json": data}
    )
