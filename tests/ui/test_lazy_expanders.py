"""Expanders whose content is built only while open (``ui.components.lazy_expander``).

A closed expander sends nothing to the browser (what made page switches slow: issue 11,
item 10); opening one shows its content, and it stays open while the user works in it,
even when what they do changes what the expander would open with.
"""

from tests.ui.apppages import (
    lazy_expanders,
    open_expanders,
    open_page,
    select_tab,
    weight_slider,
)

SUB_UTILIZATION = ["field_utilization", "service_type_utilization"]


def test_closed_expanders_send_nothing_and_opening_one_shows_its_content():
    at = open_page("ui/pages/ranking.py", expand=False)
    assert lazy_expanders(at) == {
        "open.filters": False, "open.sources": False, "open.rules": False,
        "open.numbers.weights": False, "open.sub.utilization": False,
        "open.sub.track_record": False, "open.sub.firm_capacity": False,
        "open.numbers.contrib": False, "open.provenance": False,
    }
    # only the top-level weights' sliders; no filter, rule or evidence widget
    assert [s.key.partition("#")[0] for s in at.slider] == [
        "weight.utilization", "weight.sme_support", "weight.track_record", "weight.firm_capacity",
        "weight.region", "weight.policy_fit",
    ]
    assert len(at.multiselect) == 0
    assert len(at.dataframe) == 1  # the ranking itself
    at.session_state["open.sub.utilization"] = True
    at.run()
    assert not at.exception
    assert [weight_slider(at, leaf).value for leaf in SUB_UTILIZATION] == [0.6667, 0.3333]
    assert lazy_expanders(at)["open.sub.track_record"] is False


def test_an_open_sub_criterion_expander_stays_open_when_its_slider_moves():
    at = open_page("ui/pages/ranking.py", expand=False)
    at.session_state["open.sub.utilization"] = True
    at.run()
    weight_slider(at, "field_utilization").set_value(0.8).run()
    assert not at.exception
    assert lazy_expanders(at)["open.sub.utilization"] is True
    assert weight_slider(at, "service_type_utilization").value == 0.2


def test_the_sources_expander_stays_open_when_the_evidence_rule_is_set_and_undone():
    at = open_page("ui/pages/ranking.py", country="IND", expand=False)
    assert lazy_expanders(at)["open.sources"] is False
    at.session_state["open.sources"] = True
    at.run()
    at.selectbox(key="evidence.min_source").set_value("official").run()
    assert lazy_expanders(at)["open.sources"] is True
    at.selectbox(key="evidence.min_source").set_value("any").run()
    assert not at.exception
    assert lazy_expanders(at)["open.sources"] is True


def test_a_link_with_rules_filters_or_an_evidence_rule_opens_their_expanders():
    at = open_page(
        "ui/pages/ranking.py", country="IND", expand=False, rules="max_per_company=1",
        fields="1", source="official",
    )
    shown = lazy_expanders(at)
    assert (shown["open.rules"], shown["open.filters"], shown["open.sources"]) == (
        True, True, True,
    )
    assert shown["open.provenance"] is False


def test_the_rules_expander_stays_open_when_its_rules_are_cleared():
    at = open_page("ui/pages/ranking.py", country="IND", rules="max_per_company=1")
    next(b for b in at.button if b.key == "rules.clear").click().run()
    assert lazy_expanders(at)["open.rules"] is True
    # the way back is still within reach
    assert any(b.key == "rules.reset" for b in at.button)


def test_the_analysts_expander_builds_its_charts_only_when_opened():
    at = open_page("ui/pages/sensitivity.py", expand=False)
    assert lazy_expanders(at) == {"open.analysts": False}
    assert not _kendall_tables(at)  # the methods' Kendall τ: in the analysts' expander
    open_expanders(at)
    assert lazy_expanders(at) == {
        "open.analysts": True, "open.numbers.acceptability": True,
        "open.numbers.tornado": True, "open.numbers.gradient": True,
    }
    assert len(_kendall_tables(at)) == 1


def _kendall_tables(at):
    return [t for t in at.table if "TOPSIS" in t.value.columns]


def test_the_pairwise_page_builds_the_chosen_tab_only_and_keeps_judgments_across_tabs():
    at = open_page("ui/pages/weights.py")
    assert [tab.label for tab in at.tabs] == [
        "Top-level criteria", "Domestic utilization", "Track record", "Firm capacity",
    ]
    # six top-level criteria: 15 pairs, and no other tab's question
    assert len(at.select_slider) == 15
    assert {s.key.split(".")[1] for s in at.select_slider} == {"export_priority"}
    pair = "judgment.export_priority.utilization.track_record"
    at.select_slider(key=pair).set_value("5").run()
    select_tab(at, "weights", 3)  # Firm capacity: five sub-criteria, 10 pairs
    assert len(at.select_slider) == 10
    assert {s.key.split(".")[1] for s in at.select_slider} == {"firm_capacity"}
    select_tab(at, "weights", 0)
    assert at.select_slider(key=pair).value == "5"
    assert "utilization~track_record:5" in at.query_params["judgments"]
