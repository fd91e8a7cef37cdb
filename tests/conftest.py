"""The suite runs on PostgreSQL (see joud.settings.test). Its fixtures live in tests/fixtures/,
one module per concern, registered here for every test."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("tests.fixtures")

pytest_plugins = [
    "tests.fixtures.environment",
    "tests.fixtures.people",
    "tests.fixtures.signin",
    "tests.fixtures.giving",
    "tests.fixtures.cases",
]
