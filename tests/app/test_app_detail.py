"""The detail pane as a user reads it on screen: a matrix cell's notes, records' labels."""

from __future__ import annotations

from tests.helpers import SIZE, pane_text

from atctui.app.main import AtcApp
from atctui.dataset import Dataset

SCO_NOTE = "The 2017 report names the Shanghai Cooperation Organization"


async def test_moldovas_x_2017_cell_shows_no_note_about_sco_rats(dataset: Dataset) -> None:
    # Before: the note about SCO RATS at X 2017 was shown on Moldova's cell.
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        # Participants: Armenia, Azerbaijan, Belarus, Georgia, Kazakhstan, Kyrgyzstan, Moldova;
        # columns 0 name, 1 kind, 2 III 2010, 3 VI* 2013, 4 SAC Sep 2013, 5 Assembly May
        # 2016, 6 SAC May 2016, 7 X 2017.
        await pilot.press("2", *["down"] * 6, *["right"] * 9)
        await pilot.pause()
        screen = pane_text(app)
        assert "Moldova at the X 2017 meeting" in screen
        assert "“the Republic of Moldova”" in screen
        assert "Shanghai Cooperation" not in screen and "Notes" not in screen
        # SCO RATS's own cell there shows it, under its own title.
        await pilot.press("slash", *"rats", "wait:300", "enter")
        assert "at the X 2017 meeting" in pane_text(app)
        await pilot.press("enter", "end")  # into the pane, to its end
        await pilot.pause()
        screen = pane_text(app)
        assert "at this meeting Note: The 2017 report names the Shanghai Cooperation" in screen
