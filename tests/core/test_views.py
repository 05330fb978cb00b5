from __future__ import annotations

import pytest

from atctui.dataset import Dataset
from atctui.errors import QueryError
from atctui.views import exercises as exercises_view
from atctui.views import timeline
from atctui.views.matrix import participants


def keys(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.key for row in view.rows]


def test_timeline_is_in_date_order(dataset: Dataset) -> None:
    view = timeline(dataset)
    starts = [row.sort[0][0] for row in view.rows]
    assert starts == sorted(starts)
    c = dataset.content
    expected = len(c.meetings) + len(c.exercises) + len(c.programs) + len(c.events)
    expected += sum(1 for f in c.formats if f.since)
    expected += sum(1 for p in c.people for r in p.roles if r.start)
    assert view.total == len(view.rows) == expected == 70


def test_which_meetings_did_moldova_attend(dataset: Dataset) -> None:
    view = timeline(dataset, "participant:moldova kind:meeting")
    assert keys(view) == [
        "meeting:au-executives-2016",
        "meeting:x-2017",
        "meeting:xiii-2020",
        "meeting:xiv-2021",
        "meeting:authorized-representatives-2025-04",
        "meeting:authorized-representatives-2025-09",
    ]


def test_flags_mark_inference_and_contradiction(dataset: Dataset) -> None:
    rows = {row.key: row for row in timeline(dataset).rows}
    assert "*" in rows["meeting:xiii-2020"].cells[2]
    assert "!" in rows["meeting:xviii-2025"].cells[2]
    assert rows["meeting:xii-2019"].cells[2] == ""
    contradicted = keys(timeline(dataset, "has:contradiction"))
    for key in (
        "exercise:south-antiterror-2002",  # the MME dataset's place
        "exercise:anti-terror-2004",  # not on the Center's list
        "exercise:west-antiterror-2004",
        "meeting:xiii-2020",
        "exercise:caspian-antiterror-2021",
        "meeting:xviii-2025",
    ):
        assert key in contradicted
    for key in contradicted:  # each has a contradiction note, and only those
        kind, _, record_id = key.partition(":")
        assert any(n.kind == "contradiction" for n in dataset.notes_for(kind, record_id)), key
    assert "meeting:xii-2019" not in contradicted


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # An id, a number, a Roman numeral or a label names one meeting: XII is not in XIII.
        ("meeting:xii", ["meeting:xii-2019", "exercise:ararat-antiterror-2019"]),
        ("meeting:12", ["meeting:xii-2019", "exercise:ararat-antiterror-2019"]),
        ("meeting:XII-2019", ["meeting:xii-2019", "exercise:ararat-antiterror-2019"]),
        ('meeting:"xii 2019"', ["meeting:xii-2019", "exercise:ararat-antiterror-2019"]),
        ("meeting:x", ["meeting:x-2017"]),
        ("meeting:xiii", ["meeting:xiii-2020", "exercise:caspian-antiterror-2021"]),
        ('meeting:"XIII* 2020"', ["meeting:xiii-2020", "exercise:caspian-antiterror-2021"]),
        ("meeting:1", []),
        ("meeting:xii-20", []),
        # Other words are found in the title, inside words as free text is.
        ("kind:meeting meeting:heads", ["meeting:iii-2010", "meeting:iv-2011", "meeting:vi-2013",
                                        "meeting:x-2017",
                                        "meeting:xi-2018",
                                        "meeting:xii-2019", "meeting:xiii-2020",
                                        "meeting:xiv-2021", "meeting:xv-2022",
                                        "meeting:xvii-2024", "meeting:xviii-2025"]),
        ("kind:meeting meeting:chief", ["meeting:iii-2010", "meeting:xii-2019",
                                        "meeting:xiv-2021", "meeting:xv-2022",
                                        "meeting:xvii-2024"]),
        ("kind:meeting -meeting:xii", ["meeting:iii-2010", "meeting:iv-2011", "meeting:vi-2013",
                                       "meeting:sac-2013-bishkek", "meeting:viii-2015",
                                       "meeting:au-executives-2016",
                                       "meeting:sac-2016-minsk", "meeting:x-2017",
                                       "meeting:au-executives-2017", "meeting:sac-2017-dushanbe",
                                       "meeting:expert-consultations-vii", "meeting:sac-2017-baku",
                                       "meeting:xi-2018", "meeting:au-executives-2018",
                                       "meeting:xiii-2020", "meeting:xiv-2021", "meeting:xv-2022",
                                       "meeting:expert-consultations-xiv", "meeting:xvii-2024",
                                       "meeting:authorized-representatives-2025-04",
                                       "meeting:xviii-2025",
                                       "meeting:authorized-representatives-2025-09"]),
        # Two meetings of different formats carry the number XIV.
        ("meeting:xiv", ["meeting:xiv-2021", "meeting:expert-consultations-xiv"]),
        ("meeting:xv", ["meeting:xv-2022"]),
        # The VI's number is inferred; the VII is the regional expert consultations' own.
        ("meeting:vi", ["meeting:vi-2013"]),
        ("meeting:vii", ["meeting:expert-consultations-vii"]),
        ('meeting:"SAC May 2017"', ["meeting:sac-2017-dushanbe"]),
        ('meeting:"Assembly May 2017"', ["meeting:au-executives-2017"]),
        ("kind:meeting meeting:x year:2017", ["meeting:x-2017"]),
    ],
)  # fmt: skip
def test_meeting_names_one_meeting_exactly(
    dataset: Dataset, query: str, expected: list[str]
) -> None:
    assert keys(timeline(dataset, query)) == expected


@pytest.mark.parametrize(
    ("query", "columns"),
    [
        ("meeting:xii", ["XII 2019"]),
        ("meeting:x", ["X 2017"]),
        ("meeting:13", ["XIII* 2020"]),
        (
            "-meeting:xii",
            [
                "III 2010",
                "IV* 2011",
                "VI* 2013",
                "SAC Sep 2013",
                "VIII* 2015",
                "Assembly May 2016",
                "SAC May 2016",
                "X 2017",
                "Assembly May 2017",
                "SAC May 2017",
                "Experts VII 2017",
                "SAC Oct 2017",
                "XI 2018",
                "Assembly Sep 2018",
                "XIII* 2020",
                "XIV 2021",
                "XV* 2022",
                "Experts XIV 2024",
                "XVII 2024",
                "Reps Apr 2025",
                "XVIII 2025",
                "Reps Sep 2025",
            ],
        ),
        (
            "meeting:heads year:2019..2025",
            ["XII 2019", "XIII* 2020", "XIV 2021", "XV* 2022", "XVII 2024", "XVIII 2025"],
        ),
    ],
)
def test_meeting_chooses_the_matrix_columns_exactly(
    dataset: Dataset, query: str, columns: list[str]
) -> None:
    view = participants(dataset, query)
    assert [c.label for c in view.columns][2:-1] == columns
    assert len(view.rows) == len(dataset.participants)  # the rows are not filtered by it


@pytest.mark.parametrize(
    "value",
    ["intl", '"intl org"', "international_organization", "international", "INTL"],
)
def test_kind_takes_the_kind_as_the_column_shows_it(dataset: Dataset, value: str) -> None:
    """The Kind column shows "intl org": kind:intl found nothing before."""
    view = participants(dataset, f"kind:{value}")
    assert view.rows and {r.cells[1] for r in view.rows} == {"intl org"}


@pytest.mark.parametrize(
    ("value", "shown"),
    [("state", "state"), ('"CIS body"', "CIS body"), ("cis_body", "CIS body"),
     ("basic", "basic org"), ('"basic org"', "basic org"), ("member_state", "state")],
)  # fmt: skip
def test_kind_takes_every_short_form(dataset: Dataset, value: str, shown: str) -> None:
    view = participants(dataset, f"kind:{value}")
    assert view.rows and {r.cells[1] for r in view.rows} == {shown}


def test_every_kind_and_status_shown_filters_to_its_rows(dataset: Dataset) -> None:
    """Whatever a Kind, Status or Change column shows, `kind:` or `status:` with that text
    keeps the rows that show it (the Timeline's "since" rows were kind "format")."""
    from atctui.compare import compare
    from atctui.query import quoted

    views = [timeline(dataset), exercises_view(dataset), participants(dataset),
             compare(dataset, "X", "XII")]  # fmt: skip
    for view in views:
        for field, column in (("kind", "kind"), ("status", "status"), ("status", "change")):
            index = next((i for i, c in enumerate(view.columns) if c.key == column), None)
            if index is None:
                continue
            for shown in {r.cells[index] for r in view.rows}:
                query = f"{field}:{quoted(shown)}"
                kept = {r.key for r in _rebuilt(dataset, view.name, query).rows}
                showing = {r.key for r in view.rows if r.cells[index] == shown}
                assert showing <= kept, (view.name, query)
    assert len(timeline(dataset, "kind:meeting").rows) == 23
    assert len(timeline(dataset, "kind:since").rows) == 5


def _rebuilt(dataset: Dataset, name: str, query: str):  # type: ignore[no-untyped-def]
    from atctui.compare import compare
    from atctui.views import build

    return compare(dataset, "X", "XII", query) if name == "compare" else build(name, dataset, query)


def test_matrix_cells_and_totals(dataset: Dataset) -> None:
    view = participants(dataset)
    labels = [c.label for c in view.columns]
    assert labels == [
        "Participant", "Kind",
        "III 2010", "IV* 2011", "VI* 2013", "SAC Sep 2013", "VIII* 2015", "Assembly May 2016",
        "SAC May 2016", "X 2017", "Assembly May 2017", "SAC May 2017", "Experts VII 2017",
        "SAC Oct 2017", "XI 2018", "Assembly Sep 2018", "XII 2019", "XIII* 2020", "XIV 2021",
        "XV* 2022", "Experts XIV 2024", "XVII 2024", "Reps Apr 2025", "XVIII 2025",
        "Reps Sep 2025", "Total",
    ]  # fmt: skip
    moldova = next(r for r in view.rows if r.key == "participant:moldova")
    assert moldova.cells[2:] == (
        "?", "?", "?", "?", "?", "●", "?", "●", "?", "?", "?", "?", "?", "·", "·", "●", "●",
        "?", "?", "?", "●", "?", "●", "6",
    )  # fmt: skip
    assert view.footer_row is not None
    assert view.footer_row[2:25] == (
        "9", "1", "10", "0", "0", "15", "0", "16", "2", "0", "1", "1", "0", "19", "20", "12", "9",
        "1", "1", "0", "10", "28", "13",
    )  # fmt: skip


def test_matrix_filters_rows_and_columns(dataset: Dataset) -> None:
    view = participants(dataset, "kind:cis_body year:2019")
    assert [c.label for c in view.columns][2:] == ["XII 2019", "Total"]
    assert len(view.rows) == 16
    assert all(r.cells[1] == "CIS body" for r in view.rows)
    attended = [r.cells[0] for r in view.rows if r.cells[2] == "●"]
    assert len(attended) == 9


def test_exercise_in_tajikistan(dataset: Dataset) -> None:
    view = exercises_view(dataset, "host:tajikistan")
    assert [(r.cells[0], r.cells[1]) for r in view.rows] == [
        ("South-Antiterror", "15–20 Apr 2002"),  # dates from the MME dataset
        ("Anti-Terror 2004", "9–25 Mar 2004"),
        ("Norak-Antiterror-2009", "17–19 Apr 2009"),
        ("Dushanbe-Antiterror", "23 May–1 Jun 2017"),
        ("Commonwealth-Antiterror - 2025", "7–24 Oct 2025"),
    ]
    planned = exercises_view(dataset, "status:planned")
    assert [(r.cells[0], r.cells[2]) for r in planned.rows] == [
        ("CIS-SCO joint exercise", "Belarus")
    ]


def test_sorting_and_reverse(dataset: Dataset) -> None:
    view = exercises_view(dataset).sorted_by(0)
    assert next(r.cells[0] for r in view.rows) == "Ala-Too-Antiterror"
    reverse = view.sorted_by(0, reverse=True)
    assert next(r.cells[0] for r in reverse.rows) == "Zhetysu-Antiterror"
    by_stages = exercises_view(dataset).sorted_by(4, reverse=True)
    assert by_stages.rows[0].cells[4] != "" and by_stages.rows[-1].cells[4] == ""


def test_bad_query_raises_query_error(dataset: Dataset) -> None:
    with pytest.raises(QueryError):
        timeline(dataset, "cty:moscow")


def test_a_participants_record_lists_the_meetings_it_attended(dataset: Dataset) -> None:
    from atctui.detail import describe
    from atctui.views import meeting_label

    sections = {s.title: s.lines for s in describe(dataset, "participant:moldova")}
    attended = [m for m in dataset.meetings if "moldova" in dataset.attendance[f"meeting:{m.id}"]]
    assert len(attended) >= 2  # Moldova is in some meetings' lists and not in others
    assert sections["Meetings attended"] == [", ".join(meeting_label(m, dataset) for m in attended)]


def test_meetings_of_two_formats_in_one_month_do_not_read_alike(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A format's short name heads its meetings' labels: two unnumbered meetings of one
    month, or two meetings of one number, keep apart; the format without one (the main
    series) keeps 'XII 2019'."""
    import tomli_w

    from atctui.compare import resolve_meeting
    from atctui.loading import load
    from atctui.views import meeting_label

    cite = [{"source": "s", "quote": "q"}]
    fmt = {"citations": cite}
    meeting = {"title": "t", "citations": cite}
    data = {
        "sources": [{"id": "s", "kind": "source_text", "file": "a.txt"}],
        "formats": [
            {"id": "heads", "name": "Heads", **fmt},
            {"id": "assembly", "name": "Assembly of executives", **fmt},
            {"id": "council", "name": "Scientific council", "short": "SAC", **fmt},
            {"id": "experts", "name": "Expert consultations", "short": "Experts", **fmt},
        ],
        "meetings": [
            {"id": "a", "series": "assembly", "date": "2017-05-31..2017-06-01", **meeting},
            {"id": "c", "series": "council", "date": "2017-05-31..2017-06-01", **meeting},
            {"id": "h", "series": "heads", "number": 7, "date": "2014", **meeting},
            {"id": "e", "series": "experts", "number": 7, "date": "2017-10-05", **meeting},
        ],
    }
    path = tmp_path / "formats.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    dataset = load([path])
    labels = {m.id: meeting_label(m, dataset) for m in dataset.meetings}
    assert labels == {
        "a": "May 2017",
        "c": "SAC May 2017",
        "h": "VII 2014",
        "e": "Experts VII 2017",
    }
    assert len(set(labels.values())) == len(labels)
    assert [c.label for c in participants(dataset).columns[2:-1]] == [
        "VII 2014", "May 2017", "SAC May 2017", "Experts VII 2017",
    ]  # fmt: skip
    assert resolve_meeting(dataset, "SAC May 2017").id == "c"
    assert resolve_meeting(dataset, "May 2017").id == "a"
    assert keys(timeline(dataset, 'meeting:"Experts VII 2017"')) == ["meeting:e"]


def test_a_view_shown_unfiltered_folds_nothing_until_a_query_needs_it() -> None:
    """Rows are built without their facts (the first screen shows them unfiltered); the
    first query makes each row's facts once, and copies of a row (sorted, columns picked,
    named in Russian) share them."""
    from atctui.loading import load
    from atctui.query import Facts
    from atctui.views import build
    from atctui.viewstate import ViewState

    fresh = load()  # its own cache of views, untouched by other tests
    unfiltered = build("timeline", fresh, "")
    assert unfiltered.rows and not any(isinstance(r.made_facts, Facts) for r in unfiltered.rows)
    state = ViewState.of_view("timeline")
    state.hidden = frozenset({"place"})
    picked = state.build(fresh)  # a copy of each row, a column left out
    first = picked.rows[0]
    assert not isinstance(first.made_facts, Facts)
    made = first.facts
    # Made through the copy, kept by the row it copies: the same object, not made again.
    original = next(r for r in unfiltered.rows if r.key == first.key)
    assert original.facts is made
    moldova = build("timeline", fresh, "participant:moldova")  # every row matched once
    assert len(moldova.rows) == 14
    assert all(isinstance(r.made_facts, Facts) for r in unfiltered.rows)


def test_a_formats_short_name_chooses_and_names_its_meetings(dataset: Dataset) -> None:
    """'SAC', as the labels show it, works in series:, and the Timeline leads a meeting's
    title with the label the matrix heads its column with."""
    rows = [r for r in timeline(dataset, "series:sac").rows if r.key.startswith("meeting:")]
    assert len(rows) == 4
    assert all(r.cells[3].startswith("SAC ") for r in rows)
    assert {r.cells[3].split(":")[0] for r in rows} == {
        "SAC Sep 2013", "SAC May 2016", "SAC May 2017", "SAC Oct 2017"
    }  # fmt: skip


def test_an_exports_notes_name_their_row_by_its_title_not_its_date(dataset: Dataset) -> None:
    from atctui.export import to_text
    from atctui.provenance import evidence_of

    view = timeline(dataset, "year:2016")
    text = to_text(view, width=100, evidence=evidence_of(dataset, view))
    notes = text[text.index("Notes (") :]
    assert "! Cyber-Antiterror (held): Place of the get-together" in notes
    assert "! 31 May 2016" not in notes


def test_an_organiser_is_never_absent_from_its_own_meeting(dataset: Dataset) -> None:
    """A complete list of those taking part that does not name the organiser leaves it
    unknown there, said why, not absent ('·' read as "did not attend its own meeting")."""
    from atctui.dataset import Presence
    from atctui.detail import describe_cell

    organised = [(m.id, m.organiser) for m in dataset.meetings if m.organiser]
    assert organised
    for mid, organiser in organised:
        assert dataset.presence(f"meeting:{mid}", organiser) is not Presence.ABSENT, mid
    lines = [
        line
        for section in describe_cell(dataset, "cis-atc", "meeting:xii-2019")
        for line in section.lines
    ]
    assert any(line.startswith("Unknown: the organiser of this meeting") for line in lines)


def test_ala_too_2013_is_dated_by_the_programme_that_reviews_it_marked_uncertain(
    dataset: Dataset,
) -> None:
    """New-user report 5, F11: the programme the app quoted says «с 4 по 13 сентября»;
    that the exercise it reviews is Ala-Too-Antiterror-2013 is an identification."""
    e = next(x for x in dataset.exercises if x.id == "ala-too-antiterror-2013")
    assert e.date is not None and e.date.human() == "4–13 Sep 2013"
    (date,) = [i for i in e.inferred if i.field == "date"]
    assert date.uncertain and "Ala-Too" in date.reason
    assert any(c.quote and "с 4 по 13 сентября" in c.quote for c in e.citations)


def test_an_announced_meeting_is_planned_not_held(dataset: Dataset) -> None:
    """VIII 2015: a page says the consultations 'will take place on June 18'; none found
    says they were held. The Timeline says '(planned)', status:planned finds it, its
    chart mark is hollow, and its number and series are marked uncertain."""
    from atctui.views.chart import timeline_chart

    (row,) = [r for r in timeline(dataset, "meeting:viii").rows]
    assert row.cells[3].startswith("VIII* 2015: ") and row.cells[3].endswith("(planned)")
    assert "*" in row.cells[2] and "?" in row.cells[2]
    planned = {r.key for r in timeline(dataset, "status:planned kind:meeting").rows}
    assert planned == {"meeting:viii-2015"}
    assert "meeting:viii-2015" not in {r.key for r in timeline(dataset, "status:held").rows}
    m = dataset.meetings_by_id["viii-2015"]
    assert m.status == "planned" and {"number", "series", "status"} <= m.inferred_fields()
    (cited,) = m.citations
    assert dataset.sources[cited.source].url and "will take place on June 18" in (cited.quote or "")
    chart = timeline_chart(dataset, timeline(dataset, "kind:meeting"))
    (mark,) = [k for lane in chart.lanes for k in lane.marks if k.key == "meeting:viii-2015"]
    assert mark.hollow


def test_iv_2011_is_recorded_with_its_identification_marked_uncertain(dataset: Dataset) -> None:
    """The page calls it a meeting of the heads of the CIS special services, in Odintsovo,
    where the Center's head spoke; its number, series and date are inferred, each said why."""
    m = dataset.meetings_by_id["iv-2011"]
    uncertain = {i.field for i in m.inferred if i.uncertain}
    assert {"number", "series"} <= uncertain and "date" in m.inferred_fields()
    assert m.city == "Odintsovo (Moscow Region)" and m.date.human() == "21 Feb 2011"
    quotes = " ".join(c.quote or "" for c in m.citations)
    assert "совещание руководителей спецслужб СНГ" in quotes and "21 февраля 2011" in quotes
    assert all(dataset.sources[c.source].url for c in m.citations)
