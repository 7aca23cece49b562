"""Shared fixtures: the CLI with captured consoles, golden-file updating, Hypothesis profiles."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from rich.console import Console

from zkprules.cli import main

ROOT = Path(__file__).resolve().parent.parent

# Profiles: "default" for everyday runs and CI, "patient" for a longer hunt
# (HYPOTHESIS_PROFILE=patient pytest tests/test_properties.py).
settings.register_profile(
    "default", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "patient", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output (review the diff before committing)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


CliResult = tuple[int, str, str]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run `zkprules ARGS` from the repository root; return (exit code, stdout, stderr)."""
    monkeypatch.chdir(ROOT)

    def run(*args: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        code = main(
            list(args),
            out=Console(file=out, width=120, color_system=None, highlight=False),
            err=Console(file=err, width=120, color_system=None, highlight=False),
        )
        return code, out.getvalue(), err.getvalue()

    return run
