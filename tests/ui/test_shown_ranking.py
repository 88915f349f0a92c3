"""When the Ranking page's downloads must be drawn again (ui.state.ShownRanking).

The downloads sit outside the weight fragment and read what it drew last; their file
names carry the scenario id, which a first weight move changes. The fragment asks for a
page run exactly when the buttons no longer fit what it shows.
"""

from __future__ import annotations

from types import SimpleNamespace

from ui.state import ShownRanking


def _drawn(scenario_id: str) -> SimpleNamespace:
    """A stand-in for a Selection: the holder reads only its scenario's id."""
    return SimpleNamespace(scenario=SimpleNamespace(id=scenario_id))


def test_a_page_run_never_asks_for_another() -> None:
    shown = ShownRanking()
    shown.page_run()
    shown.show(_drawn("balanced"), None)  # type: ignore[arg-type]
    assert not shown.stale()  # the buttons come after the fragment in this run
    shown.forget()
    assert not shown.stale()


def test_a_move_that_renames_the_files_asks_for_the_page() -> None:
    shown = ShownRanking()
    shown.page_run()
    shown.show(_drawn("balanced"), None)  # type: ignore[arg-type]
    shown.buttons_drawn()
    shown.show(_drawn("balanced"), None)  # a move that keeps the weights the scenario's
    assert not shown.stale()
    shown.show(_drawn("balanced-custom"), None)  # the first move: files renamed
    assert shown.stale()


def test_an_error_hides_the_buttons_and_a_ranking_brings_them_back() -> None:
    shown = ShownRanking()
    shown.page_run()
    shown.show(_drawn("balanced"), None)  # type: ignore[arg-type]
    shown.buttons_drawn()
    shown.forget()  # the fragment showed an error: buttons offered for nothing
    assert shown.stale()
    shown.page_run()
    shown.buttons_drawn()  # the page drew none
    assert not shown.stale()
    shown.show(_drawn("balanced-custom"), None)  # type: ignore[arg-type]
    assert shown.stale()
    assert shown.view is not None
    assert shown.view[0].scenario.id == "balanced-custom"
