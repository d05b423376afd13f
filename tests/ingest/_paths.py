"""Where the ingestion tests find their fixtures and the bundled articles."""

from pathlib import Path

FIXTURES = Path(__file__).with_name("fixtures")
ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"
