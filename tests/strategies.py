"""Hypothesis strategies: valid datasets, and datasets damaged in their structure."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


texts = st.text(min_size=1, max_size=30)


dates = st.sampled_from(["2019", "2019-09", "2019-02-19", "2019-02-19..2019-02-20", "2014..2016"])


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, Any]:
    source = {"id": "s", "kind": "source_text", "file": "a.txt"}
    cite = [{"source": "s", "quote": draw(texts)}]
    people = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    participants = [
        {"id": pid, "name": draw(texts), "kind": draw(st.sampled_from(["member_state", "cis_body"])),
         "aliases": draw(st.lists(texts, max_size=2)), "citations": cite}
        for pid in people
    ]  # fmt: skip
    meetings = []
    for mid in draw(st.lists(ids, max_size=3, unique=True)):
        attending = draw(st.lists(st.sampled_from(people), max_size=3, unique=True))
        meetings.append({
            "id": mid, "title": draw(texts), "date": draw(dates), "citations": cite,
            "attendances": [{"participant": p, "as_written": draw(texts), "citations": cite} for p in attending],
            "lists": [{"kind": "member_state", "complete": draw(st.booleans()), "citations": cite}],
        })  # fmt: skip
    return {"sources": [source], "participants": participants, "meetings": meetings}


scalars = st.one_of(
    st.text(max_size=10), st.integers(-5, 3000), st.booleans(), st.floats(allow_nan=False)
)


values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += paths(value, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(datasets())
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(data)))
        parent: Any = data
        for part in where[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if action == "delete":
            del parent[where[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(parent[where[-1]])
        else:
            parent[where[-1]] = draw(values)
    return data
