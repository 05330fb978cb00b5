"""Fuzzing: valid datasets, mutated; loading raises nothing but DataError."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path
from typing import Any

import toml_rs
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.strategies import datasets, mutated

from atctui.errors import DataError, QueryError
from atctui.loading import load
from atctui.loading.toml import loads as parse_toml
from atctui.query import parse
from atctui.views import VIEWS, build


def load_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        path.write_text(text, encoding="utf-8")
        try:
            dataset = load([path])
        except DataError as exc:
            assert exc.problems and all(str(p) for p in exc.problems)
            return
        for view in VIEWS:  # what loads, builds
            build(view, dataset)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_valid_datasets_load(data: dict[str, Any]) -> None:
    load_text(tomli_w.dumps(data))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_datasets_load_or_raise_data_error(data: dict[str, Any]) -> None:
    load_text(tomli_w.dumps(data))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(), st.integers(0, 10_000), st.text(max_size=5))
def test_text_damage_loads_or_raises_data_error(data: dict[str, Any], at: int, insert: str) -> None:
    text = tomli_w.dumps(data)
    at %= len(text) + 1
    load_text(text[:at] + insert + text[at:])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_query_parsing_raises_only_query_error(text: str) -> None:
    try:
        parse(text)
    except QueryError:
        pass


def _tomllib_or_error(text: str) -> Any:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return "rejected"


TOML_SNIPPETS = st.sampled_from(
    ['"', "'", "=", "[", "]", "{", "}", ",", "\n", "\\", "#", ".", "1979-05-27", "0x1F",
     "1e5", "inf", "true", "'''", '"""', "a.b = 1\n", "[[x]]\n", "\\u00e9", "\t", " = "]
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(), st.integers(0, 10_000), st.text(max_size=4) | TOML_SNIPPETS)
def test_fast_parser_agrees_with_tomllib(data: dict[str, Any], at: int, insert: str) -> None:
    """The fast path (toml-rs) accepts exactly what tomllib accepts, with the same values;
    a difference would let a file load that `tomllib` users could not read."""
    text = tomli_w.dumps(data)
    at %= len(text) + 1
    damaged = text[:at] + insert + text[at:]
    try:
        fast: Any = toml_rs.loads(damaged, toml_version="1.0.0")
    except toml_rs.TOMLDecodeError:
        fast = "rejected"
    assert fast == _tomllib_or_error(damaged)
    if fast != "rejected":
        assert parse_toml(damaged) == fast
