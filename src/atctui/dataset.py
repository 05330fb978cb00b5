"""A merged, validated dataset with the indexes the views and queries need."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections import defaultdict
from collections.abc import Sequence
from enum import Enum
from typing import Any, NamedTuple

from atctui.model import (
    SECTIONS,
    Attendance,
    DatasetFile,
    Exercise,
    Meeting,
    Note,
    Participant,
    ParticipantList,
    Person,
    Source,
)


class Presence(Enum):
    """A cell of the participants matrix."""

    ATTENDED = "attended"
    OBSERVED = "observed"  # an observer, not a participant (an exercise's)
    ABSENT = "absent"  # not named in a list the source gives as complete
    UNKNOWN = "unknown"  # the source's list is partial, or it gives none

    @property
    def mark(self) -> str:
        """The character that shows it in a cell: ● attended, ○ observer, · absent,
        ? unknown."""
        return {"attended": "●", "observed": "○", "absent": "·", "unknown": "?"}[self.value]


class DataFile(NamedTuple):
    """A file a dataset was read from: its name as given (or found in a folder given), and
    the sha256 of the bytes that were read, in hex."""

    path: str
    sha256: str


def combined_sha256(files: Sequence[DataFile]) -> str:
    """The hash that names a dataset: one file's own sha256 (so that `sha256sum` checks
    it), or for several the sha256 of their hashes in order, one per line; names play
    no part, so the same data hashes the same wherever it lies."""
    if len(files) == 1:
        return files[0].sha256
    import hashlib

    return hashlib.sha256("".join(f"{f.sha256}\n" for f in files).encode()).hexdigest()


# What participants attend: the matrix's columns, what Compare compares.
Gathering = Meeting | Exercise


def meeting_order(meeting: Gathering) -> tuple[Any, ...]:
    """Meetings (and exercises) in date order, then by id: the Timeline's, the matrix's
    columns'; an undated exercise last."""
    if meeting.date is None:
        return ((dt.date.max, dt.date.max), meeting.id)
    return (meeting.date.sort_key(), meeting.id)


class Dataset:
    """The merged records and their indexes: by id, by reference, attendance by meeting,
    participant lists, notes by the record they are about, and the views' built rows."""

    def __init__(
        self, content: DatasetFile, paths: list[str], files: Sequence[DataFile] = ()
    ) -> None:
        self.content = content
        self.paths = paths  # as the user gave them; empty for the bundled data
        self.files = tuple(files)  # as read, with their hashes
        self.sha256 = combined_sha256(self.files) if self.files else ""
        self.sources: dict[str, Source] = {s.id: s for s in content.sources}
        self.participants: dict[str, Participant] = {p.id: p for p in content.participants}
        self.people: dict[str, Person] = {p.id: p for p in content.people}
        self.meetings: list[Meeting] = sorted(content.meetings, key=meeting_order)
        self.meetings_by_id: dict[str, Meeting] = {m.id: m for m in self.meetings}
        self.exercises: list[Exercise] = sorted(content.exercises, key=meeting_order)
        # Every record by reference ("meeting:x-2017"), for the detail pane and subsets.
        self.records: dict[str, Any] = {
            sys.intern(f"{singular}:{record.id}"): record  # rows' keys share these
            for section, singular in SECTIONS.items()
            for record in getattr(content, section)
        }
        # Meetings and exercises, which participants attend, by reference, in date order.
        self.gatherings: dict[str, Gathering] = {
            sys.intern(f"{kind}:{record.id}"): record
            for kind, records in (("meeting", self.meetings), ("exercise", self.exercises))
            for record in records
        }
        # By meeting or exercise, then participant: a small dict per meeting costs less than
        # a tuple key per attendance.
        self.attendance: dict[str, dict[str, Attendance]] = {}
        self.lists: dict[tuple[str, str], ParticipantList] = {}
        for ref, gathering in self.gatherings.items():
            self.attendance[ref] = {a.participant: a for a in gathering.attendances}
            for plist in gathering.lists:
                self.lists[(ref, plist.kind)] = plist
        # Built, unfiltered view rows, so that filtering never rebuilds them (views.py).
        self.view_cache: dict[str, Any] = {}
        self.notes_about: dict[str, list[Note]] = defaultdict(list)
        for note in content.notes:
            for ref in note.about:
                self.notes_about[ref].append(note)

    @functools.cached_property
    def meetings_of(self) -> dict[str, list[Meeting]]:
        """The meetings each participant attended, in meeting order: built when a
        participant's record is first shown (an entry for every attendance)."""
        meetings_of: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in self.meetings:
            for participant in self.attendance[f"meeting:{meeting.id}"]:
                meetings_of[participant].append(meeting)
        return meetings_of

    @functools.cached_property
    def exercises_of(self) -> dict[str, list[Exercise]]:
        """The exercises each participant took part in, in date order."""
        exercises_of: dict[str, list[Exercise]] = defaultdict(list)
        for exercise in self.exercises:
            for participant in self.attendance[f"exercise:{exercise.id}"]:
                exercises_of[participant].append(exercise)
        return exercises_of

    def presence(self, gathering: str, participant_id: str) -> Presence:
        """Whether the participant attended the meeting or exercise (by reference,
        "meeting:x-2017"); absent only when the source's list of the participant's kind is
        complete and does not name it (and it is not the organiser), unknown otherwise."""
        attendance = self.attendance.get(gathering, {}).get(participant_id)
        if attendance is not None:
            return Presence.OBSERVED if attendance.role == "observer" else Presence.ATTENDED
        kind = self.participants[participant_id].kind
        plist = self.lists.get((gathering, kind))
        if plist is not None and plist.complete and not self.organised(gathering, participant_id):
            return Presence.ABSENT
        return Presence.UNKNOWN

    def organised(self, gathering: str, participant_id: str) -> bool:
        """Whether the participant organised the meeting: never absent from it, even where
        the source's complete list of those taking part does not name it."""
        return getattr(self.gatherings.get(gathering), "organiser", None) == participant_id

    def notes_for(self, kind: str, record_id: str) -> list[Note]:
        """The notes about one record, given by its kind ('meeting') and id."""
        return self.notes_about.get(f"{kind}:{record_id}", [])

    def summary(self) -> str:
        """The counts of every kind of record, on one line: what `atctui validate` prints."""
        c = self.content
        contradictions = sum(1 for n in c.notes if n.kind == "contradiction")
        return (
            f"{len(c.meetings)} meetings, {len(c.exercises)} exercises, "
            f"{len(c.participants)} participants, {len(c.people)} people, "
            f"{len(c.programs)} programs, {len(c.formats)} formats, {len(c.events)} events, "
            f"{len(c.sources)} sources, {len(c.notes)} notes ({contradictions} contradictions)"
        )
