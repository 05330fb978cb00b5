"""The fast reference check (`_Checker`) says a record is fine exactly when the located
walk finds nothing in it: both hold the same rules, so they are compared here on every
bad file of the corpus and on fuzzed datasets."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from tests.helpers import BAD
from tests.strategies import datasets, mutated

import atctui.loading.references as references
from atctui.errors import DataError
from atctui.loading import load

BAD_FILES = sorted(BAD.glob("*.toml"))


def problems(paths: list[Path], monkeypatch: pytest.MonkeyPatch, fast: bool) -> list[str]:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(references._Checker, "ok", lambda self, obj: False)
        try:
            load(paths)
        except DataError as exc:
            return [str(p) for p in exc.problems]
    return []


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_the_bad_corpus_gets_the_same_messages(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert problems([path], monkeypatch, True) == problems([path], monkeypatch, False)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=mutated() | datasets())
def test_fuzzed_datasets_get_the_same_messages(
    data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        assert problems([path], monkeypatch, True) == problems([path], monkeypatch, False)
