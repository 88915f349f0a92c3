"""The Decisions page (ui/pages/decisions.py) driven with AppTest: save, list, replay."""

import pytest

from exportmcda.register.store import ENV_VAR, Register
from tests.ui.apppages import open_page, tables

HOSTILE = '<img src=x onerror=alert(1)> **bold** =HYPERLINK("x")'


@pytest.fixture
def register(tmp_path, monkeypatch):
    path = tmp_path / "register" / "decisions.sqlite"
    monkeypatch.setenv(ENV_VAR, str(path))
    return Register(path)


def _texts(at):
    return [x.value for x in at.text]


def test_empty_register_says_so_and_shows_the_notice(register):
    at = open_page("ui/pages/decisions.py", timeout=120)
    assert at.title[0].value == "Decisions"
    assert any("Synthetic sample data" in w.value for w in at.warning)
    assert [i.value for i in at.info] == ["No decision saved yet."]
    assert register.count() == 0  # reading an absent register creates nothing
    assert not register.path.exists()


def test_save_lists_and_replays_the_ranking_state(register):
    at = open_page("ui/pages/decisions.py", timeout=120, country="IND", top="5")
    at.text_input(key="decision-saved-by").input(HOSTILE)
    at.button[0].click().run()  # the form's submit button
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["Saved as decision 1."]
    saved = register.get(1)
    assert (saved.target, saved.top, saved.saved_by) == ("IND", 5, HOSTILE)
    record = saved.record()
    assert record.decided == saved.shortlist
    assert len(saved.shortlist) == 5
    # the list shows the hostile name as text, in a dataframe (never rendered as Markdown)
    listing = next(x.value for x in tables(at) if x.value.index.name == "ID")
    assert listing["Saved by"].tolist() == [HOSTILE]
    assert listing["Target"].tolist() == ["IND"]
    replay = next(b for b in at.button if b.key == "replay-1")
    replay.click().run()
    assert not at.exception, at.exception
    assert at.success[-1].value.startswith("identical: the same 5 technologies")
    assert any(x.startswith("Record: target IND, scenario balanced, top 5") for x in _texts(at))


def test_korean_page(register):
    at = open_page("ui/pages/decisions.py", timeout=120, lang="ko")
    assert at.title[0].value == "의사결정 기록"
    assert [i.value for i in at.info] == ["저장된 의사결정이 없습니다."]
