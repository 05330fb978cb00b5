"""The keys of the full record and of Russian: x chooses the matrix's columns, L names
records in Russian; both as a user presses them, the screen read back."""

from __future__ import annotations

import pytest
from tests.helpers import rows, type_filter

from atctui.app.main import AtcApp
from atctui.dataset import Dataset


@pytest.mark.parametrize("size", [(100, 30), (200, 50)])
async def test_x_cycles_the_matrix_columns_through_the_filter(
    dataset: Dataset, size: tuple[int, int]
) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "wait:100")
        panel = app.current_panel
        assert panel is not None
        kinds = {k.partition(":")[0] for k in panel.view.column_keys if k}
        assert kinds == {"meeting"}
        await pilot.press("x", "wait:200")
        assert panel.filter_input.value == "kind:exercise"
        assert {k.partition(":")[0] for k in panel.view.column_keys if k} == {"exercise"}
        await pilot.press("x", "wait:200")
        assert panel.filter_input.value == "kind:all"
        assert {k.partition(":")[0] for k in panel.view.column_keys if k} == {
            "meeting",
            "exercise",
        }
        await pilot.press("x", "wait:200")
        assert panel.filter_input.value == ""
        # Other terms are kept as typed.
        await type_filter(pilot, "moldova")
        await pilot.press("enter", "x", "wait:200")
        assert panel.filter_input.value == "moldova kind:exercise"
        assert [r[0] for r in rows(app)] == ["Moldova", "Participants per exercise"]


async def test_x_elsewhere_says_where_it_acts(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("x", "wait:100")  # the Timeline: x is not bound here
        assert app.current_panel is not None and app.current_panel.filter_input.value == ""


async def test_l_names_records_in_russian_and_back(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "wait:100")
        assert rows(app)[0][0] == "Armenia"
        await pilot.press("L", "wait:200")
        assert rows(app)[0][0] == "Армения"
        await pilot.press("3", "wait:200")  # every tab follows
        assert any(r[0].startswith("Юг-Антитеррор") for r in rows(app))
        await pilot.press("L", "wait:200")
        assert rows(app)[0][0] == "South-Antiterror"
        await pilot.press("2", "wait:100")
        assert rows(app)[0][0] == "Armenia"


async def test_the_language_setting_opens_the_app_in_russian(dataset: Dataset) -> None:
    from atctui.settings import Settings

    app = AtcApp(dataset, settings=Settings(language="ru"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "wait:100")
        assert rows(app)[0][0] == "Армения"
