"""Comparing two meetings: the pure view, its evidence, every export, and `atctui diff`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.helpers import run_cli

from atctui.compare import MeetingNotFound, compare, describe_compare, resolve_meeting
from atctui.dataset import Dataset
from atctui.detail import as_text
from atctui.export import render
from atctui.loading import load


def changes(dataset: Dataset, first: str, second: str, query: str = "") -> dict[str, str]:
    view = compare(dataset, first, second, query)
    return {r.key: r.cells[2] for r in view.rows if r.key.startswith("participant:")}


@pytest.mark.parametrize("name", ["xii-2019", "XII", "xii", "12", "XII 2019", " xii  2019 "])
def test_a_meeting_is_named_by_id_number_numeral_or_label(dataset: Dataset, name: str) -> None:
    assert resolve_meeting(dataset, name).id == "xii-2019"


def test_an_unknown_meeting_is_refused_with_a_suggestion(dataset: Dataset) -> None:
    with pytest.raises(MeetingNotFound, match=r"no meeting 'XIX' \(did you mean 'xi-2018'\?\)"):
        resolve_meeting(dataset, "XIX")
    # XIV numbers a meeting of heads and a regional expert consultation: an id is needed.
    with pytest.raises(MeetingNotFound, match=r"'XIV' names 2 meetings"):
        resolve_meeting(dataset, "XIV")
    with pytest.raises(MeetingNotFound, match="same meeting"):
        compare(dataset, "X", "10")


def test_x_and_xii_moldova_left_the_rest_of_the_states_stayed(dataset: Dataset) -> None:
    got = changes(dataset, "X", "XII")
    states = {k: v for k, v in got.items() if dataset.records[k].kind == "member_state"}
    assert states.pop("participant:moldova") == "left"
    assert set(states.values()) == {"stayed"} and len(states) == 9


def test_order_does_not_matter_the_earlier_meeting_comes_first(dataset: Dataset) -> None:
    assert changes(dataset, "XII", "X") == changes(dataset, "X", "XII")
    view = compare(dataset, "xii-2019", "x-2017")
    assert [c.label for c in view.columns[3:5]] == ["X 2017", "XII 2019"]


def test_unknown_is_kept_apart_from_absent(dataset: Dataset) -> None:
    # 2017 lists CIS bodies partially: those named only in 2019 did not "join".
    got = changes(dataset, "X", "XII")
    assert got["participant:interparliamentary-assembly"] == "unknown"
    # 2025 lists member states partially (9 stated, 8 named): Moldova is unknown there.
    assert changes(dataset, "X", "XVIII")["participant:moldova"] == "unknown"
    for key, what in got.items():
        pa = dataset.presence("meeting:x-2017", key.partition(":")[2])
        pb = dataset.presence("meeting:xii-2019", key.partition(":")[2])
        if what in ("joined", "left"):
            assert "unknown" not in (pa.value, pb.value)


# The change for each pair of presences (before, after): None for a row not shown.
CHANGE_OF = {
    ("attended", "attended"): "stayed",
    ("absent", "attended"): "joined",
    ("attended", "absent"): "left",
    ("unknown", "attended"): "unknown",
    ("attended", "unknown"): "unknown",
}
# An observer takes no part, as in the matrix's totals.
CHANGE_OF_OBSERVERS = {
    ("observed", "attended"): "joined",
    ("attended", "observed"): "left",
    ("observed", "observed"): "observer",
    ("observed", "absent"): "observer",
    ("absent", "observed"): "observer",
    ("observed", "unknown"): "observer",
    ("unknown", "observed"): "observer",
}


def test_every_change_agrees_with_the_matrix(dataset: Dataset) -> None:
    expected = CHANGE_OF
    meetings = [m.id for m in dataset.meetings]
    for i, a in enumerate(meetings):
        for b in meetings[i + 1 :]:
            got = changes(dataset, a, b)
            for pid in dataset.participants:
                pair = (
                    dataset.presence(f"meeting:{a}", pid).value,
                    dataset.presence(f"meeting:{b}", pid).value,
                )
                assert got.get(f"participant:{pid}") == expected.get(pair), (a, b, pid)


def test_topics_of_one_meeting_only(dataset: Dataset) -> None:
    view = compare(dataset, "X", "XII")
    topics = [r for r in view.rows if r.key.startswith("agenda:")]
    x_items = {i.text for i in dataset.meetings_by_id["x-2017"].agenda}
    only_x = {r.cells[0] for r in topics if r.cells[2] == "only X 2017"}
    assert only_x == x_items and all(r.cells[3] == "◆" for r in topics if r.cells[0] in only_x)
    assert {r.cells[2] for r in topics} == {"only X 2017", "only XII 2019"}


def test_filter_and_summary(dataset: Dataset) -> None:
    view = compare(dataset, "X", "XII", "status:left")
    assert [r.cells[0] for r in view.rows] == ["Moldova"]
    assert view.legend.splitlines()[0] == "Member states: 1 left"
    assert view.total > len(view.rows)
    cis = compare(dataset, "X", "XII", "kind:cis_body status:unknown")
    assert len(cis.rows) == 5


def test_meeting_selects_the_rows_of_one_meeting_exactly(dataset: Dataset) -> None:
    """XII against XIII: `meeting:xii` keeps who attended XII and the topics only XII has,
    not every row (xii was found inside xiii-2020)."""
    whole = compare(dataset, "XII", "XIII")
    for name, column in (("xii", 3), ("13", 4), ("xiii-2020", 4)):
        view = compare(dataset, "XII", "XIII", f"meeting:{name}")
        expected = [r.key for r in whole.rows if r.cells[column] in ("●", "◆")]
        assert [r.key for r in view.rows] == expected and 0 < len(expected) < len(whole.rows)


def test_detail_gives_the_evidence_of_both_meetings(dataset: Dataset) -> None:
    view = compare(dataset, "X", "XII")
    text = as_text(describe_compare(dataset, view, "participant:moldova"))
    assert "Moldova at the X 2017 meeting" in text and "“the Republic of Moldova”" in text
    assert "Not named: the source lists member states completely" in text
    assert "nine CIS member-states" in text
    topic = next(r for r in view.rows if r.key.startswith("agenda:"))
    assert topic.cells[0] in as_text(describe_compare(dataset, view, topic.key))


def test_exports_in_every_format(dataset: Dataset, tmp_path: Path) -> None:
    view = compare(dataset, "X", "XII")
    rows = list(csv.reader(io.StringIO(render(view, "csv"))))
    assert rows[0][1:] == ["Participant or agenda item", "Kind", "Change", "X 2017", "XII 2019"]
    assert ["participant:moldova", "Moldova", "state", "left", "●", "·"] in rows
    assert json.loads(render(view, "json"))["rows"]
    assert "| Moldova | state | left | ● | · |" in render(view, "markdown")
    # TOML: the records behind the rows, a valid dataset that gives the same comparison.
    code = run_cli("diff", "X", "XII", "-f", "toml", "-o", str(tmp_path / "sub.toml"))
    assert code.returncode == 0, code.stderr
    again = load([tmp_path / "sub.toml"])
    assert changes(again, "X", "XII") == changes(dataset, "X", "XII")


def test_cli_diff(tmp_path: Path) -> None:
    result = run_cli("diff", "X", "XII", "--query", "status:left")
    assert result.returncode == 0, result.stderr
    assert "│ Moldova" in result.stdout and "left" in result.stdout
    assert "1 of 32 rows" in result.stdout
    bad = run_cli("diff", "X", "XIX")
    assert bad.returncode == 1
    assert "atctui: no meeting 'XIX' (did you mean 'xi-2018'?)" in bad.stderr
    assert "Traceback" not in bad.stderr
    out = tmp_path / "diff.csv"
    assert run_cli("diff", "x-2017", "xviii-2025", "-f", "csv", "-o", str(out)).returncode == 0
    assert "participant:moldova,Moldova,state,unknown,●,?" in out.read_text(encoding="utf-8")


def test_an_observer_takes_no_part_in_compare_as_in_the_matrix(dataset: Dataset) -> None:
    """● then ○ is 'left' (the matrix counts the first and not the second), ○ then ● is
    'joined', and one that only observed is 'observer', never 'joined' or 'stayed'."""
    expected = CHANGE_OF | CHANGE_OF_OBSERVERS
    exercises = [f"exercise:{e.id}" for e in dataset.exercises if e.attendances]
    observed_pairs = 0
    for i, a in enumerate(exercises):
        for b in exercises[i + 1 :]:
            got = changes(dataset, a, b)
            for pid in dataset.participants:
                pair = (dataset.presence(a, pid).value, dataset.presence(b, pid).value)
                observed_pairs += "observed" in pair
                assert got.get(f"participant:{pid}") == expected.get(pair), (a, b, pid)
    assert observed_pairs > 0  # the record has observers to check this on
    armenia = changes(dataset, "ala-too-antiterror-2013", "zhetysu-antiterror-2014")
    assert armenia["participant:armenia"] == "left"
    assert armenia["participant:turkmenistan"] == "observer"


def test_a_whole_kind_is_not_found_inside_another(dataset: Dataset) -> None:
    """'kind:state' is the member states, not the agenda's statements; a part of a kind
    ('kind:stat', 'kind:intl') still finds it inside."""
    states = compare(dataset, "XII", "XIII", "kind:state")
    assert {r.cells[1] for r in states.rows} == {"state"}
    assert len(states.rows) == len(compare(dataset, "XII", "XIII", "kind:member_state").rows)
    part = compare(dataset, "XII", "XIII", "kind:stat")
    assert {r.cells[1] for r in part.rows} == {"state", "statement"}
    assert {r.cells[1] for r in compare(dataset, "XII", "XIII", "kind:statement").rows} == {
        "statement"
    }
