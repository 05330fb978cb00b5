"""Typing a Russian query in the filter bar: the rows it keeps, read off the table."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import SIZE, rows, type_filter
from tests.russian import russian_dataset

from atctui.app.main import AtcApp
from atctui.loading import load


async def test_a_cyrillic_query_typed_in_the_filter_bar(tmp_path: Path) -> None:
    app = AtcApp(load([russian_dataset(tmp_path)]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await type_filter(pilot, "Каспий")
        # «Каспий» in Cyrillic and written Kaspiy; not «на Каспии» (й is not и).
        assert sorted(r[0] for r in rows(app)) == [
            "Kaspiy-Antiterror-2023",
            "Каспий-Антитеррор-2021",
        ]
        await pilot.press("escape", "escape")  # to the table, then clear
        await type_filter(pilot, "host:Молдова")
        assert sorted(r[0] for r in rows(app)) == ["Islands-2016", "Moldova-2017"]
        await pilot.press("escape", "escape")
        await type_filter(pilot, "Kaspij")
        assert sorted(r[0] for r in rows(app)) == ["Sea-Antiterror-2018", "Каспий-Антитеррор-2021"]
        await pilot.press("n")
        assert app.current_panel is not None
