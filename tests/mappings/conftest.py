"""``--update-golden``: rewrite tests/mappings/<case>/expected.ttl from the current mapping.

Review the diff of expected.ttl like code before committing it.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the expected.ttl of every mapping golden case")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
