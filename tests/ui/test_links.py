"""A link keeps the whole view: judgments, evidence rule, filters, target, top N (issue 11,
item 2). One session changes things; a second one opened from its URL must show the same
ranking (AppTest, no browser; the browser test does it through the address bar)."""

from tests.ui.apppages import open_page, ranking_table

PAIR = "judgment.export_priority.region.policy_fit"  # balanced.toml: region vs policy_fit = 1/3


def params_of(at):
    """The URL's query parameters as plain strings (lists in older Streamlit versions)."""
    return {k: (v if isinstance(v, str) else v[0]) for k, v in at.query_params.items()}


def reopened(at, path="ui/pages/ranking.py"):
    """A new session opened from ``at``'s link, on ``path``."""
    return open_page(path, **params_of(at))


def test_a_pairwise_edit_travels_in_the_link_and_reproduces_the_ranking():
    at = open_page("ui/pages/weights.py", country="IND")
    at.select_slider(key=PAIR).set_value("5").run()
    assert not at.exception, at.exception
    params = params_of(at)
    assert "region~policy_fit:5" in params["judgments"].split(",")
    assert "weights" not in params  # a judged node travels as judgments, not as weights
    at.switch_page("ui/pages/ranking.py").run()
    mine = ranking_table(at)
    theirs = reopened(at)
    assert ranking_table(theirs).equals(mine)
    assert not theirs.sidebar.warning
    assert reopened(at, "ui/pages/weights.py").select_slider(key=PAIR).value == "5"
    # and the edit really changed the ranking: the scenario's own differs
    assert not ranking_table(open_page("ui/pages/ranking.py", country="IND")).equals(mine)


def test_filters_and_the_evidence_rule_travel_in_the_link():
    at = open_page("ui/pages/ranking.py", country="VNM", top="20")
    at.multiselect(key="filter.fields").set_value([1, 3]).run()
    at.selectbox(key="evidence.min_source").set_value("official").run()
    at.checkbox(key="evidence.sourced_only").check().run()
    assert not at.exception, at.exception
    params = params_of(at)
    assert params["fields"] == "1,3"
    assert (params["source"], params["sourced"]) == ("official", "1")
    assert params["top"] == "20"
    mine = ranking_table(at)
    assert len(mine) == 20
    theirs = reopened(at)
    assert theirs.multiselect(key="filter.fields").value == [1, 3]
    assert theirs.selectbox(key="evidence.min_source").value == "official"
    assert ranking_table(theirs).equals(mine)


def test_clearing_the_changes_clears_the_link():
    at = open_page("ui/pages/ranking.py", fields="2", source="analysis", sourced="1")
    assert at.multiselect(key="filter.fields").value == [2]
    at.multiselect(key="filter.fields").set_value([]).run()
    at.selectbox(key="evidence.min_source").set_value("any").run()
    at.checkbox(key="evidence.sourced_only").uncheck().run()
    params = params_of(at)
    assert not {"fields", "source", "sourced"} & set(params)


def test_a_wrong_link_part_is_named_and_the_rest_applies():
    at = open_page("ui/pages/ranking.py", fields="2,99",
                   judgments="field_utilization~service_type_utilization:1/5")
    texts = [x.value for x in at.sidebar.text]
    assert "Unknown category number in link filter: fields = 99" in texts
    assert at.multiselect(key="filter.fields").value == []
    assert params_of(at)["judgments"] == "field_utilization~service_type_utilization:1/5"


def test_an_uploaded_scenario_travels_as_its_weights_and_judgments():
    """The receiver has no copy of an uploaded scenario: the link names the default one and
    carries every judgment that differs from it, so the ranking is the sender's."""
    from tests.ui.apppages import ROOT

    at = open_page("ui/pages/ranking.py", country="THA")
    toml = (ROOT / "criteria" / "scenarios" / "sme_first.toml").read_text(encoding="utf-8")
    toml = toml.replace('id = "sme_first"', 'id = "panel_2026"')
    at.sidebar.file_uploader(key="scenario-upload").set_value(
        ("panel.toml", toml.encode("utf-8"), "application/toml")
    ).run()
    assert not at.exception, at.exception
    params = params_of(at)
    assert params["scenario"] == "balanced"
    assert "judgments" in params
    mine = ranking_table(at)
    assert ranking_table(reopened(at)).equals(mine)
    assert ranking_table(open_page("ui/pages/ranking.py", country="THA", scenario="sme_first")
                         ).equals(mine)


def test_a_run_writes_the_link_in_one_message_and_an_unchanged_one_in_none(monkeypatch):
    """Each change of ``st.query_params`` is a message the browser answers with a render of
    the whole page; a page switch (which clears the link) used to write it key by key."""
    from streamlit.runtime.state.query_params import QueryParams

    sent = []
    original = QueryParams._send_query_param_msg

    def counted(self):
        sent.append(1)
        original(self)

    at = open_page("ui/pages/ranking.py", country="IND", top="20", expand=False)
    monkeypatch.setattr(QueryParams, "_send_query_param_msg", counted)
    at.query_params.clear()  # as a page switch in the browser does (AppTest's keeps them)
    at.switch_page("ui/pages/markets.py").run()
    assert not at.exception, at.exception
    assert len(sent) == 1
    assert params_of(at)["country"] == "IND"
    assert params_of(at)["top"] == "20"
    sent.clear()
    at.run()  # nothing changed: the link stays as it is
    assert sent == []
