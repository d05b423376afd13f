"""Every kind of input file, and every kind of bad one: reported, never raised."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest import ingest
from kg.records import Article, PartialDate

from ._paths import FIXTURES

ARTICLE = (
    "دوريات مشتركة على الحدود\n\n"
    "قالت وزارة الداخلية إن دوريات مشتركة بدأت العمل على الحدود الجنوبية لمنع تهريب الوقود. "
    "وأضافت أن الدوريات ستعمل ليلا ونهارا حتى نهاية العام.\n"
)


def run(*paths: Path, **kwargs: object) -> tuple[list[Article], list[IngestError]]:
    items = list(ingest(list(paths), **kwargs))  # type: ignore[arg-type]
    assert all(isinstance(i, (Article, IngestError)) for i in items)
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, IngestError)],
    )


def one_error(path: Path, **kwargs: object) -> IngestError:
    articles, errors = run(path, **kwargs)
    assert not articles and len(errors) == 1
    return errors[0]


# --------------------------------------------------------------------------- encodings


def test_utf8_text_file(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    [article], [] = run(tmp_path / "a1.txt")
    assert article.id == "a1" and article.encoding == "utf-8"
    assert article.meta.title == "دوريات مشتركة على الحدود"
    assert len(article.sentences) == 2


def test_utf8_with_bom_drops_the_bom_from_the_text() -> None:
    [article], [] = run(FIXTURES / "bom.txt")
    assert article.encoding == "utf-8-sig"
    assert not article.original.startswith("\ufeff")


def test_windows_1256_is_detected() -> None:
    [article], [] = run(FIXTURES / "windows1256.txt")
    assert article.encoding == "cp1256"
    assert article.sentences[0].text.startswith("قالت وزارة الداخلية")
    assert "\r\n" in article.original  # kept as read: offsets point into the decoded file


def test_an_explicit_encoding_is_used(tmp_path: Path) -> None:
    path = tmp_path / "iso.txt"
    path.write_bytes(ARTICLE.encode("iso-8859-6"))
    [article], [] = run(path, encoding="iso-8859-6")
    assert article.encoding == "iso-8859-6"
    assert article.meta.title == "دوريات مشتركة على الحدود"


def test_a_wrong_explicit_encoding_is_reported() -> None:
    error = one_error(FIXTURES / "windows1256.txt", encoding="utf-8")
    assert "undecodable bytes" in error.reason and "windows1256.txt" in error.path


def test_an_unknown_encoding_name_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert "unknown encoding" in one_error(tmp_path / "a.txt", encoding="no-such-codec").reason


def test_utf8_with_a_few_broken_bytes_is_reported_not_guessed(tmp_path: Path) -> None:
    data = ARTICLE.encode("utf-8")
    cut = data.index("الحدود".encode()) + 1  # inside a two-byte letter
    path = tmp_path / "broken.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    error = one_error(path)
    assert "undecodable bytes at byte" in error.reason


# --------------------------------------------------------------------------- bad input


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert one_error(tmp_path / "empty.txt").reason == "empty file"


def test_white_space_only_file(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text(" \n\u00a0\n", encoding="utf-8")
    assert "empty" in one_error(tmp_path / "blank.txt").reason


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in one_error(tmp_path / "image.txt").reason


def test_huge_file_is_refused_from_its_size_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written or read
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("file was read"))
    started = time.perf_counter()
    error = one_error(path)
    assert "over the" in error.reason and "limit" in error.reason
    assert time.perf_counter() - started < 2


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert "limit" in one_error(tmp_path / "a.txt", max_bytes=100).reason
    assert run(tmp_path / "a.txt", max_bytes=10_000)[0]


def test_non_arabic_text_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(
        "The army said on Monday that it had completed a joint exercise with Libyan units.",
        encoding="utf-8",
    )
    assert "not Arabic" in one_error(tmp_path / "en.txt").reason


def test_missing_path_and_unknown_suffix(tmp_path: Path) -> None:
    assert "no such file" in one_error(tmp_path / "nothing.txt").reason
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    assert "unsupported file type" in one_error(tmp_path / "a.pdf").reason


def test_a_page_of_nothing_but_chrome_is_reported(tmp_path: Path) -> None:
    (tmp_path / "chrome.txt").write_text("شارك\nطباعة\n&\n3\n", encoding="utf-8")
    assert one_error(tmp_path / "chrome.txt").reason.startswith("no article text")


def test_a_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02")
    articles, errors = run(tmp_path)
    assert [a.id for a in articles] == ["b_good"]
    assert sorted(Path(e.path).name for e in errors) == ["a_empty.txt", "c_binary.txt"]


# --------------------------------------------------------------------------- HTML


def test_html_page_gives_main_text_and_page_metadata() -> None:
    [article], [] = run(FIXTURES / "page.html")
    assert article.id == "page"
    assert article.meta.title == "القوات المصرية تختتم تدريبا مشتركا مع وحدات ليبية"
    assert article.meta.publisher == "اليوم السابع"
    assert article.meta.published == PartialDate(2021, 3, 18)
    assert {"title", "publisher", "published"} <= article.meta.guessed
    texts = [s.text for s in article.sentences]
    assert texts[0].startswith("اختتمت القوات المسلحة المصرية")
    assert texts[-1].endswith("بمشاركة القوات الجوية والبحرية.")
    assert not any("الأكثر قراءة" in t or "جميع الحقوق" in t or "الرئيسية" in t for t in texts)
    for s in article.sentences:
        assert article.original[s.start : s.end] == s.text


def test_broken_html_is_reported() -> None:
    error = one_error(FIXTURES / "broken.html")
    assert error.path.endswith("broken.html")


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "page.html", tmp_path / "saved.txt")
    [article], [] = run(tmp_path / "saved.txt")
    assert "<p>" not in article.original
    assert article.meta.publisher == "اليوم السابع"


def test_html_in_windows_1256_with_a_charset_declaration(tmp_path: Path) -> None:
    html = (
        (FIXTURES / "page.html")
        .read_text(encoding="utf-8")
        .replace('charset="utf-8"', 'charset="windows-1256"')
    )
    (tmp_path / "old.html").write_bytes(html.replace("©", "(c)").encode("cp1256"))
    [article], [] = run(tmp_path / "old.html")
    assert article.sentences[0].text.startswith("اختتمت القوات المسلحة المصرية")


# --------------------------------------------------------------------------- JSONL


def test_jsonl_gives_one_article_per_line_and_reports_bad_lines_with_their_number() -> None:
    articles, errors = run(FIXTURES / "batch.jsonl")
    assert [a.id for a in articles] == ["rec-a", "batch-3", "rec-d"]
    by_line = {e.path.rsplit(":", 1)[1]: e.reason for e in errors}
    assert set(by_line) == {"4", "6", "7"}
    assert by_line["4"].startswith("malformed JSON")
    assert "not Arabic" in by_line["6"]
    assert "JSON object" in by_line["7"]
    first = articles[0]
    assert first.source_path.endswith("batch.jsonl:1")
    assert first.meta.title == "مصر ترفض التدخل الأجنبي في ليبيا"
    assert first.meta.publisher == "الأهرام" and first.meta.published == PartialDate(2020, 7, 20)
    assert first.meta.guessed == set()
    assert articles[2].meta.title == "اجتماع أمني في القاهرة"  # from the record's HTML


def test_jsonl_record_fields_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    lines = [
        {"id": "x1", "text": ARTICLE, "title": ["not", "a", "string"]},
        {"id": "x2"},
        {"id": "x3", "text": ARTICLE, "published": "منذ زمن"},
        {"id": "x4", "text": ARTICLE, "language": "en"},
        {"id": "has/slash", "text": ARTICLE + "."},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    articles, errors = run(path)
    assert not articles
    reasons = [e.reason for e in errors]
    assert "field 'title' must be a string" in reasons[0]
    assert "no 'text' or 'html'" in reasons[1]
    assert "not a date" in reasons[2]
    assert "language is 'en'" in reasons[3]
    assert "article id" in reasons[4]


def test_jsonl_line_over_the_size_limit_is_skipped_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    big = json.dumps({"id": "big", "text": "ا" * 5000})
    good = json.dumps({"id": "good", "text": ARTICLE}, ensure_ascii=False)
    path.write_text(big + "\n" + good + "\n", encoding="utf-8")
    articles, errors = run(path, max_bytes=len(good.encode()) + 10)
    assert [a.id for a in articles] == ["good"]
    assert errors[0].path.endswith("c.jsonl:1") and "limit" in errors[0].reason


# --------------------------------------------------------------------------- sidecars


def test_sidecar_fields_override_guesses_and_the_sidecar_is_no_article() -> None:
    articles, errors = run(FIXTURES / "with_sidecar.txt", FIXTURES / "with_sidecar.meta.json")
    assert not errors and len(articles) == 1
    meta = articles[0].meta
    assert meta.title == "الجيش الليبي يزيل ألغاما من طريق رئيسي"
    assert meta.publisher == "بوابة الوسط"
    assert meta.published == PartialDate(2019, 6, 12)
    assert meta.url == "https://example.org/a/1" and meta.author == "مراسل الوسط"
    assert meta.guessed == set()
    assert articles[0].sentences[0].text.startswith("قال المتحدث باسم الجيش الليبي")


def test_a_malformed_sidecar_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": "x",', encoding="utf-8")
    error = one_error(tmp_path / "a.txt")
    assert "a.meta.json" in error.path and "malformed sidecar" in error.reason


def test_a_sidecar_can_set_the_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"id": "story-17"}', encoding="utf-8")
    [article], [] = run(tmp_path / "a.txt")
    assert article.id == "story-17"


# --------------------------------------------------------------------------- folders, identity


def test_folders_recurse_and_skip_sidecars_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    shutil.copy(FIXTURES / "with_sidecar.txt", tmp_path / "sub" / "with_sidecar.txt")
    shutil.copy(FIXTURES / "with_sidecar.meta.json", tmp_path / "sub" / "with_sidecar.meta.json")
    shutil.copy(FIXTURES / "page.html", tmp_path / "sub" / "deeper" / "page.html")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    articles, errors = run(tmp_path)
    assert not errors
    assert sorted(a.id for a in articles) == ["page", "with_sidecar"]


def test_the_same_article_twice_is_one_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("cp1256"))
    articles, errors = run(tmp_path)
    assert [a.id for a in articles] == ["a"] and not errors


def test_two_different_articles_with_one_id_are_an_error_for_the_second(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "same.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "y" / "same.txt").write_text(
        ARTICLE + "\nوأكدت الوزارة أن الوضع هادئ.\n", encoding="utf-8"
    )
    articles, errors = run(tmp_path)
    assert len(articles) == 1 and len(errors) == 1
    assert "already used" in errors[0].reason


def test_content_hash_is_stable_across_runs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    first = run(tmp_path / "a.txt")[0][0].content_hash
    assert run(tmp_path / "a.txt")[0][0].content_hash == first


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "._a.txt").write_bytes(b"\x00\x05\x16\x07")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    articles, errors = run(tmp_path)
    assert [a.id for a in articles] == ["a"] and not errors


def test_a_jsonl_sidecar_gives_defaults_that_records_override(tmp_path: Path) -> None:
    records = [
        {"id": "r1", "text": ARTICLE},
        {
            "id": "r2",
            "text": ARTICLE + "\nوأكدت الوزارة أن الوضع هادئ تماما.",
            "publisher": "الأهرام",
        },
    ]
    (tmp_path / "feed.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    (tmp_path / "feed.meta.json").write_text(
        '{"publisher": "الشروق", "id": "ignored"}', encoding="utf-8"
    )
    articles, errors = run(tmp_path)
    assert not errors
    assert [(a.id, a.meta.publisher) for a in articles] == [("r1", "الشروق"), ("r2", "الأهرام")]
