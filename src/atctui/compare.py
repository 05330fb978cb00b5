"""Compare two meetings (or exercises, or one of each): who joined, who left and who
stayed, per participant kind, and the agenda items only one of them has. A `View` like
the others, so the filter, sort, every export and the detail pane work on it unchanged.

"Unknown" stays apart from "absent": a participant not named in a partial list (or in no
list) is unknown at that meeting, and a change to or from unknown is "unknown", never
"joined" or "left".
"""

from __future__ import annotations

import difflib

from atctui.dataset import Dataset, Gathering, Presence, meeting_order
from atctui.detail import Section, citations_section, describe_cell
from atctui.model import KIND_LABELS, PARTICIPANT_KINDS
from atctui.query import Facts, Query, fold, matches, parse
from atctui.views.base import (
    KIND_SHORT,
    Column,
    Row,
    View,
    cached,
    gathering_columns,
    gathering_label,
    gathering_ref,
    meeting_fields,
    meeting_label,
    meeting_names,
    participant_names,
)

CHANGES = ("joined", "left", "unknown", "stayed", "observer")
ONLY = "only"  # an agenda item's status: "only X 2017"
LEGEND = (
    "● attended  ○ observer  · not in a complete list  ? unknown  ◆ on the agenda"
    f"  (filter: status:{', '.join((*CHANGES, ONLY))})"
)


class MeetingNotFound(ValueError):
    """A meeting reference that names no meeting, or several."""


def folded_names(meeting: Gathering, dataset: Dataset) -> set[str]:
    """Every way a user may name a meeting, folded: id, number, Roman numeral, label (an
    exercise: id, reference, label)."""
    return {fold(name) for name in meeting_names(meeting, dataset)}


def resolve_meeting(dataset: Dataset, text: str) -> Gathering:
    """The meeting (or exercise) that `text` names: 'xii-2019', 'XII', '12', 'XII 2019',
    'meeting:xii-2019', 'exercise:caspian-antiterror-2021', 'caspian-antiterror-2021'."""
    exact = dataset.meetings_by_id.get(text) or dataset.gatherings.get(text)
    if exact is not None:  # the app passes ids: no scan of every meeting's names
        return exact
    wanted = fold(" ".join(text.split()))
    found = [m for m in dataset.gatherings.values() if wanted in folded_names(m, dataset)]
    if len(found) == 1:
        return found[0]
    if found:
        ids = ", ".join(m.id for m in found)
        raise MeetingNotFound(f"'{text}' names {len(found)} meetings ({ids}): give an id")
    known = {name: m for m in dataset.gatherings.values() for name in folded_names(m, dataset)}
    # A suggestion only for a name of a name's length: comparing a pasted page of text
    # with every meeting's names would be far too slow.
    close = difflib.get_close_matches(wanted, list(known), n=1) if len(wanted) <= 80 else []
    hint = f" (did you mean '{known[close[0]].id}'?)" if close else ""
    listed = ", ".join(f"{meeting_label(m, dataset)} ({m.id})" for m in dataset.meetings[:12])
    more = ", …" if len(dataset.meetings) > 12 else ""
    raise MeetingNotFound(f"no meeting '{text}'{hint}; meetings: {listed}{more}")


def ordered(dataset: Dataset, first: str, second: str) -> tuple[Gathering, Gathering]:
    """Both meetings, earlier first: 'joined' and 'left' read forward in time."""
    a, b = resolve_meeting(dataset, first), resolve_meeting(dataset, second)
    if a is b:
        raise MeetingNotFound(f"'{first}' and '{second}' are the same meeting ({a.id})")
    return (a, b) if meeting_order(a) < meeting_order(b) else (b, a)


def change(before: Presence, after: Presence) -> str | None:
    """joined, left, stayed or unknown, as for taking part; an observer takes no part
    (as in the matrix's totals): ● then ○ is 'left', ○ then ● 'joined', and a participant
    that only observed is 'observer'. None when at neither."""
    took_part = Presence.ATTENDED
    before_ = Presence.ABSENT if before is Presence.OBSERVED else before
    after_ = Presence.ABSENT if after is Presence.OBSERVED else after
    if before_ is took_part and after_ is took_part:
        return "stayed"
    if before_ is Presence.ABSENT and after_ is took_part:
        return "joined"
    if before_ is took_part and after_ is Presence.ABSENT:
        return "left"
    if took_part in (before_, after_):
        return "unknown"
    if Presence.OBSERVED in (before, after):
        return "observer"
    return None


def compare(dataset: Dataset, first: str, second: str, query: Query | str = "") -> View:
    """The comparison of two meetings (any order: the earlier comes first)."""
    a, b = ordered(dataset, first, second)
    q = parse(query) if isinstance(query, str) else query
    rows: tuple[Row, ...] = cached(
        dataset, f"compare:{gathering_ref(a)}:{gathering_ref(b)}", lambda d: _rows(d, a, b)
    )
    kept = tuple(r for r in rows if matches(q, r.facts))
    columns = (
        Column("item", "Participant or agenda item", ratio=1),
        Column("kind", "Kind"),
        Column("change", "Change"),
        *gathering_columns((a, b), dataset),
    )
    return View(
        "compare",
        f"Compare {_labelled(a, dataset)} with {_labelled(b, dataset)}",
        columns,
        kept,
        q.text,
        len(rows),
        legend=f"{summary(kept)}\n{LEGEND}",
        column_keys=("", "", "", gathering_ref(a), gathering_ref(b)),
    )


def _labelled(meeting: Gathering, dataset: Dataset) -> str:
    """'XII 2019 (19–20 Feb 2019)'; 'X 2017' alone when the source gives only the year."""
    label = gathering_label(meeting, dataset)
    if meeting.date is None:
        return label
    when = meeting.date.human()
    return label if when == str(meeting.date.year) else f"{label} ({when})"


def summary(rows: tuple[Row, ...]) -> str:
    """'Member states: 1 joined, 2 left, 7 stayed · CIS bodies: …' over the shown rows."""
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        if row.key.startswith("participant:"):
            kind = row.sort[1]
            per = counts.setdefault(PARTICIPANT_KINDS[kind], {})
            per[row.cells[2]] = per.get(row.cells[2], 0) + 1
    parts = []
    for kind in PARTICIPANT_KINDS:
        if kind in counts:
            told = ", ".join(f"{counts[kind][c]} {c}" for c in CHANGES if c in counts[kind])
            parts.append(f"{KIND_LABELS[kind]}: {told}")
    return " · ".join(parts) or "No participant attended either meeting in these rows."


def _rows(dataset: Dataset, a: Gathering, b: Gathering) -> tuple[Row, ...]:
    order = {kind: i for i, kind in enumerate(PARTICIPANT_KINDS)}
    rank = {c: i for i, c in enumerate(CHANGES)}
    label_a, label_b = gathering_label(a, dataset), gathering_label(b, dataset)
    ref_a, ref_b = gathering_ref(a), gathering_ref(b)
    people = []
    for p in dataset.participants.values():
        before, after = dataset.presence(ref_a, p.id), dataset.presence(ref_b, p.id)
        what = change(before, after)
        if what is None:
            continue
        attended = [
            m for m, pr in ((a, before), (b, after)) if pr in (Presence.ATTENDED, Presence.OBSERVED)
        ]
        facts = Facts.of(
            [*participant_names(p), KIND_LABELS[p.kind]],
            participant=participant_names(p),
            kind=[p.kind, KIND_SHORT[p.kind], KIND_LABELS[p.kind], "participant"],
            status=what,
            **meeting_fields(dataset, *attended),  # `meeting:xii`: those who attended XII
        )
        cells = (p.name, KIND_SHORT[p.kind], what, before.mark, after.mark)
        sort = (p.name.casefold(), order[p.kind], rank[what], before.mark, after.mark)
        people.append(Row(f"participant:{p.id}", cells, sort, facts))
    people.sort(key=lambda r: (r.sort[1], r.sort[2], r.sort[0]))
    topics = []
    for meeting, other, label, mine in ((a, b, label_a, 0), (b, a, label_b, 1)):
        elsewhere = {fold(item.text) for item in getattr(other, "agenda", ())}
        for index, item in enumerate(getattr(meeting, "agenda", ())):
            if fold(item.text) in elsewhere:
                continue
            marks = ("◆", "") if mine == 0 else ("", "◆")
            what = f"{ONLY} {label}"
            facts = Facts.of(
                [item.text],
                kind=[item.kind, "agenda"],
                status=[ONLY, what],
                source=[c.source for c in item.citations],
                **meeting_fields(dataset, meeting),
            )
            cells = (item.text, item.kind, what, *marks)
            sort = (item.text.casefold(), len(order) + 1, len(rank) + mine, *marks)
            topics.append(Row(f"agenda:{meeting.id}:{index}", cells, sort, facts))
    return (*people, *topics)


def describe_compare(dataset: Dataset, view: View, key: str) -> list[Section]:
    """Evidence for a row: the participant at both meetings, or the agenda item's sources."""
    first, second = view.column_keys[3:5]
    kind, _, rest = key.partition(":")
    if kind == "participant":  # the notes about the participant alone shown once
        second_cell = describe_cell(dataset, rest, second, general_notes=False)
        return describe_cell(dataset, rest, first) + second_cell
    meeting_id, _, index = rest.partition(":")
    meeting = dataset.meetings_by_id[meeting_id]
    item = meeting.agenda[int(index)]
    head = Section(
        f"Agenda ({item.kind}) of the {meeting_label(meeting, dataset)} meeting only", [item.text]
    )
    return [head, citations_section(dataset, item.citations)]


def record_key(row_key: str) -> str:
    """The dataset record behind a comparison row (an agenda item's is its meeting)."""
    kind, _, rest = row_key.partition(":")
    return f"meeting:{rest.partition(':')[0]}" if kind == "agenda" else row_key
