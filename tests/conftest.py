"""Shared fixtures: the seed article parsed once per session, and the shared corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import load_article, parse
from analysis.paths import SEED_PATH, SHARED_CORPORA


@pytest.fixture(scope="session")
def seed_article():
    return load_article(SEED_PATH)


@pytest.fixture(scope="session")
def seed_parsed(seed_article):
    return parse(seed_article)


def shared_corpus(*parts: str) -> Path:
    """Path to a shared research corpus, or skip the test with the reason."""
    path = SHARED_CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"research corpus {path} is absent (it lives in ../shared/corpora)")
    return path


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian Chromium driven by Playwright, or skip with the reason."""
    import shutil

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()
