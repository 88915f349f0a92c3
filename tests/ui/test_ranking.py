"""The ranking, pairwise-weights and comparison pages, driven with AppTest (no browser)."""

import json
import math
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.errors import AppTestError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the app's ui package sits next to app.py

from exportmcda.errors import ConfigError  # noqa: E402
from exportmcda.model.scenarios import rescale_weights  # noqa: E402
from tests.no_evidence import TIE_COUNTRY, TIE_SCENARIO  # noqa: E402
from tests.ui.apppages import (  # noqa: E402
    caption_texts,
    open_page,
    ranking_table,
    tables,
    weight_slider,
)

APP = str(ROOT / "app.py")
EXAMPLE = ROOT / "data" / "examples" / "small_database.csv"
CRITERIA = ["utilization", "track_record", "firm_capacity", "region", "policy_fit", "sme_support"]


def page(path, **params):
    return open_page(path, timeout=90, **params)


def top_weights(at):
    return {c: weight_slider(at, c).value for c in CRITERIA}


@pytest.fixture
def ranking():
    return page("ui/pages/ranking.py")


# ---- the pure rescaling ------------------------------------------------------------------


def test_rescale_keeps_proportions_and_sums_to_one():
    out = rescale_weights({"a": 0.5, "b": 0.3, "c": 0.2}, "a", 0.8)
    assert out == pytest.approx({"a": 0.8, "b": 0.12, "c": 0.08})
    assert math.isclose(sum(out.values()), 1.0)


def test_rescale_shares_equally_when_the_others_are_zero():
    assert rescale_weights({"a": 1.0, "b": 0.0, "c": 0.0}, "a", 0.4) == pytest.approx(
        {"a": 0.4, "b": 0.3, "c": 0.3}
    )


def test_rescale_clips_and_rejects_unknown():
    assert rescale_weights({"a": 0.5, "b": 0.5}, "b", 1.7) == {"a": 0.0, "b": 1.0}
    with pytest.raises(ConfigError) as info:  # was a bare KeyError
        rescale_weights({"a": 1.0}, "z", 0.3)
    assert info.value.code == "unknown_criterion"


# ---- ranking page ------------------------------------------------------------------------


def test_ranking_page_shows_notice_table_and_sources(ranking):
    assert ranking.title[0].value == "Ranking"
    assert any("Synthetic sample data" in w.value for w in ranking.warning)
    table = ranking_table(ranking)
    assert len(table) == 10
    # the rank columns, then the id the tie and cut-off notes name, then the rest
    assert list(table.columns) == [
        "Shared rank", "Technology ID", "Technology", "Company", "Technology field",
        "Service type", "Region", "Company size", "Score (TOPSIS closeness)",
    ]
    assert table.index[0] == "1"
    assert table["Technology ID"].str.fullmatch(r"T\d{4}").all()
    sources = next(t.value for t in tables(ranking) if t.value.index.name == "Source ID")
    assert {"Official", "News"} <= set(sources["Source type"])
    assert sources["Address (URL)"].str.startswith("http").all()
    assert math.isclose(sum(top_weights(ranking).values()), 1.0, abs_tol=1e-3)


def test_moving_a_weight_slider_reranks_and_keeps_the_sum(ranking):
    before = ranking_table(ranking)["Technology"].tolist()
    weight_slider(ranking, "firm_capacity").set_value(0.8).run()
    assert not ranking.exception
    weights = top_weights(ranking)
    assert weights["firm_capacity"] == pytest.approx(0.8)
    assert math.isclose(sum(weights.values()), 1.0, abs_tol=2e-3)
    # the others keep their proportions: utilization and policy fit were equal, stay equal
    assert weights["utilization"] == pytest.approx(weights["policy_fit"], abs=1e-3)
    after = ranking_table(ranking)["Technology"].tolist()
    assert after != before
    assert any("differ from the scenario" in i.value for i in ranking.info)
    # reset brings the scenario back
    ranking.button(key="reset-ranking").click().run()
    assert ranking_table(ranking)["Technology"].tolist() == before


def chart_specs(at):
    return [
        (json.loads(c.proto.spec), {d.name: d.data.data for d in c.proto.datasets})
        for c in at.get("vega_lite_chart")
    ]


def test_slider_move_changes_chart_data_not_chart_specs(ranking):
    """Both charts send their frame as a fixed-name dataset beside an unchanged spec.

    The browser then swaps the data in place instead of re-embedding the chart; Altair's
    placeholder dataset (one empty row, drawn as "undefined") must not be in the spec.
    """
    before = chart_specs(ranking)
    assert len(before) == 2
    for spec, data in before:
        assert spec["data"] == {"name": "frame"}
        assert "datasets" not in spec  # moved to the proto as Arrow
        assert "empty" not in json.dumps(spec)  # no placeholder row ("undefined")
        assert list(data) == ["frame"]
        assert data["frame"]  # Arrow bytes of the chart's frame
    weight_slider(ranking, "firm_capacity").set_value(0.6).run()
    after = chart_specs(ranking)
    assert len(after) == len(before)
    for (spec, data), (old_spec, old_data) in zip(after, before, strict=True):
        assert spec == old_spec
        assert data != old_data


def test_sub_criterion_slider_rescales_inside_its_node(ranking):
    weight_slider(ranking, "sales_class").set_value(0.6).run()
    assert not ranking.exception
    leaves = ["size_type", "capital_class", "sales_class", "history_class", "employees_class"]
    values = [weight_slider(ranking, leaf).value for leaf in leaves]
    assert values[2] == pytest.approx(0.6)
    assert math.isclose(sum(values), 1.0, abs_tol=2e-3)


def test_scenario_switch_changes_weights_and_ranking(ranking):
    before = top_weights(ranking)
    ranking.selectbox(key="_w.scenario").set_value("sme_first").run()
    assert not ranking.exception
    after = top_weights(ranking)
    assert after["sme_support"] > before["sme_support"] + 0.2
    assert ranking.query_params["scenario"] == "sme_first"


def test_filters_narrow_the_pool(ranking):
    ranking.multiselect(key="filter.company_sizes").set_value([1]).run()  # SMEs
    assert not ranking.exception
    table = ranking_table(ranking)
    assert set(table["Company size"]) == {"Small and medium-sized enterprise"}
    ranking.multiselect(key="filter.fields").set_value([1]).run()
    assert not ranking.exception
    fields = ranking_table(ranking)["Technology field"]
    assert fields.str.contains(fields.iloc[0].split(" · ")[0]).all()


def test_explain_shows_sentence_and_moves(ranking):
    ranking.selectbox(key="explain-technology").select_index(2).run()
    assert not ranking.exception
    assert any(t.value.startswith("Ranks 3rd of 1,044 for ASEAN") for t in ranking.text)
    moves = next(t.value for t in tables(ranking) if "Value needed to move up" in t.value.columns)
    assert len(moves) == 16  # one row per criterion leaf (with the track record)
    assert "not enough on its own" in set(moves["Value needed to move up"])


def test_an_open_explanation_follows_a_slider_move(ranking):
    """The explanation stays open across a weight move that changes the technology's rank
    (its label in the choice has no rank) and explains it at its new rank, the table's."""
    ranking.selectbox(key="explain-technology").set_value("T0113").run()
    sentences = [t.value for t in ranking.text if t.value.startswith("Ranks ")]
    assert [s[:14] for s in sentences] == ["Ranks 6th of 1"]
    weight_slider(ranking, "region").set_value(0.3).run()
    assert not ranking.exception
    assert ranking.selectbox(key="explain-technology").value == "T0113"
    table = ranking_table(ranking)
    assert table.loc[table["Technology ID"] == "T0113", "Shared rank"].tolist() == ["1"]
    sentences = [t.value for t in ranking.text if t.value.startswith("Ranks ")]
    assert len(sentences) == 1
    assert sentences[0].startswith("Ranks 1st of 1,044 for ASEAN")
    # a move that takes it out of the list closes its explanation
    weight_slider(ranking, "firm_capacity").set_value(0.9).run()
    assert "T0113" not in ranking_table(ranking)["Technology ID"].tolist()
    assert ranking.selectbox(key="explain-technology").value is None
    assert not [t for t in ranking.text if t.value.startswith("Ranks ")]


def test_download_buttons_are_present(ranking):
    labels = [b.label for b in ranking.get("download_button")]
    assert labels == ["Shortlist (Excel)", "Shortlist (CSV)", "Briefing (PDF)",
                      "Scenario file (TOML)"]


def test_korean_switch_translates_the_ranking_page(ranking):
    ranking.sidebar.radio[0].set_value("한국어").run()
    assert not ranking.exception
    assert ranking.title[0].value == "수출 기술 순위"
    assert any("합성 샘플 데이터" in w.value for w in ranking.warning)
    table = ranking_table(ranking)
    assert list(table.columns)[:4] == ["공동 순위", "기술 ID", "기술", "기업"]
    assert weight_slider(ranking, "utilization").label == "국내 활용도"
    assert set(table["기업 규모"]) <= {"중소기업", "중견기업", "대기업", "공공기관", "비영리법인"}
    notes = next(x.value for x in ranking.text if x.value.startswith("• "))
    assert "값이 없는 기술 14개" in notes  # capital class, named by its Korean label
    assert "동점 규칙" in notes  # the tie rule, in Korean
    assert "without a value" not in notes
    assert "capital_class" not in notes


def test_url_reproduces_the_view():
    at = page("ui/pages/ranking.py", lang="ko", country="IND", scenario="sme_first", top="5",
              weights="utilization:0.4,track_record:0.1,firm_capacity:0.1,region:0.1,"
              "policy_fit:0.2,sme_support:0.1")
    assert at.selectbox(key="_w.country").value == "IND"
    assert at.selectbox(key="_w.scenario").value == "sme_first"
    assert len(ranking_table(at)) == 5
    assert weight_slider(at, "utilization").value == pytest.approx(0.4)


def test_hostile_names_render_as_text():
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("Smart Crosswalk Sensor", '"=HYPERLINK(""x"")"').replace(
        "Hanbit Mobility Co.", "<script>alert(1)</script>"
    )
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.sidebar.file_uploader[0].set_value(("evil.csv", text.encode("utf-8"), "text/csv")).run()
    at.switch_page("ui/pages/ranking.py").run()
    assert not at.exception
    table = ranking_table(at)
    assert '=HYPERLINK("x")' in set(table["Technology"])
    assert "<script>alert(1)</script>" in set(table["Company"])
    markdown = " ".join(m.value for m in at.markdown)
    assert "<script>" not in markdown
    assert "HYPERLINK" not in markdown


def test_scenario_upload_is_chosen_and_a_broken_one_is_refused():
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("ui/pages/ranking.py").run()
    toml = (ROOT / "criteria" / "scenarios" / "sme_first.toml").read_text(encoding="utf-8")
    toml = toml.replace('id = "sme_first"', 'id = "panel_2026"').replace(
        'label_en = "SME first"', 'label_en = "Panel 2026"'
    )
    at.sidebar.file_uploader(key="scenario-upload").set_value(
        ("panel.toml", toml.encode("utf-8"), "application/toml")
    ).run()
    assert not at.exception
    assert at.selectbox(key="_w.scenario").value == "panel_2026"
    at2 = AppTest.from_file(APP, default_timeout=90)
    at2.run()
    at2.sidebar.file_uploader(key="scenario-upload").set_value(
        ("bad.toml", b"[judgments.nowhere]\n'a vs b' = '3'\n", "application/toml")
    ).run()
    assert not at2.exception
    assert at2.sidebar.error


# ---- pairwise page -----------------------------------------------------------------------


def test_pairwise_editor_shows_cr_and_warns_when_inconsistent():
    at = page("ui/pages/weights.py")
    assert at.title[0].value == "Pairwise weights (AHP)"
    crs = [m.value for m in at.metric if m.label == "Consistency ratio (CR)"]
    assert crs[0] == "0.000"  # the balanced judgments are consistent
    node = "export_priority"
    # Saaty's 17 values in words, from the first criterion's end (9) to the second's (1/9)
    options = at.select_slider(key=f"judgment.{node}.utilization.firm_capacity").options
    assert len(options) == 17
    assert options[0] == "Domestic utilization: extremely more important (9)"
    assert options[2] == "Domestic utilization: very strongly more important (7)"
    assert options[7] == "Domestic utilization: slightly more important (2)"
    assert options[8] == "equally important (1)"
    assert options[12] == "Firm capacity: strongly more important (5)"
    assert options[16] == "Firm capacity: extremely more important (9)"
    # utilization ≫ firm capacity, firm capacity ≫ region, but region ≫ utilization
    at.select_slider(key=f"judgment.{node}.utilization.firm_capacity").set_value("9").run()
    at.select_slider(key=f"judgment.{node}.firm_capacity.region").set_value("9").run()
    at.select_slider(key=f"judgment.{node}.utilization.region").set_value("1/9").run()
    assert not at.exception
    cr = float(next(m.value for m in at.metric if m.label == "Consistency ratio (CR)"))
    assert cr > 0.1
    assert any("Inconsistent judgments" in w.value for w in at.warning)
    advice = next(t.value for t in tables(at) if t.value.index.name == "Judgment to revisit")
    assert len(advice) >= 1
    # the ranking page follows the judgments (the weights come from AHP now)
    local = next(t.value for t in tables(at) if t.value.index.name == "Criterion")
    shown = float(local.loc["Domestic utilization", "Weight"])
    at.switch_page("ui/pages/ranking.py").run()
    assert not at.exception
    assert weight_slider(at, "utilization").value == pytest.approx(shown, abs=1e-3)
    assert shown != pytest.approx(3 / 11, abs=5e-4)  # not the balanced scenario's weight


def test_pairwise_judgments_read_in_korean_with_both_names_shown():
    at = page("ui/pages/weights.py", lang="ko")
    node = "export_priority"
    control = at.select_slider(key=f"judgment.{node}.utilization.firm_capacity")
    assert control.options[0] == "국내 활용도: 극히 더 중요(9)"
    assert control.options[8] == "동등하게 중요(1)"
    assert control.options[11] == "기업 역량: 약간~강하게 더 중요(4)"
    assert control.label == "국내 활용도 대 기업 역량"  # the collapsed label screen readers say
    # the two criteria named at the two ends of every control, visible without focus
    shown = [m.value for m in at.markdown]
    assert "**국내 활용도**" in shown
    assert "**기업 역량**" in shown


# ---- comparison page ---------------------------------------------------------------------


def test_compare_page_shows_two_targets_and_the_overlap():
    at = page("ui/pages/compare.py")
    assert [h.value for h in at.subheader][:2] == ["ASEAN member states", "India"]
    overlap = next(t.value for t in tables(at) if list(t.value.columns) == [
        "ASEAN member states", "India"] and t.value.index[0] == "ASEAN member states")
    assert overlap.iloc[0, 0] == "10"
    assert int(overlap.iloc[0, 1]) == int(overlap.iloc[1, 0])
    strong = next(t.value for t in tables(at) if "Rank in India" in t.value.columns)
    assert len(strong) == int(overlap.iloc[0, 1])
    assert list(strong.columns)[:2] == ["Technology ID", "Company"]
    assert strong["Technology ID"].str.fullmatch(r"T\d{4}").all()
    at.multiselect(key="_w.compare").set_value(["ASEAN", "IND", "MIDDLE_EAST"]).run()
    assert not at.exception
    assert "Middle East targets" in [h.value for h in at.subheader]



def _no_evidence(no_evidence_csv):
    """The upload of the sample without evidence (tests/no_evidence.py): ties for Saudi
    Arabia under market_fit_first."""
    return ("technologies.csv", no_evidence_csv.read_bytes())


def test_ranking_table_has_integer_ranks_and_shows_ties_as_equals(no_evidence_csv):
    at = page("ui/pages/ranking.py", upload=_no_evidence(no_evidence_csv), country=TIE_COUNTRY,
              scenario=TIE_SCENARIO, top="10")
    table = ranking_table(at)
    assert table.index.tolist() == [str(k) for k in range(1, 11)]  # no "6.5"
    assert table["Shared rank"].tolist() == ["1", "2", "3", "4", "5", "=6", "=6", "8", "9",
                                             "=10"]
    captions = [c for c in caption_texts(at)]
    assert any(c.startswith("ties: scores equal to within 1e-12") for c in captions)
    assert any("the top 10 keeps T0906 and leaves out T0909" in c for c in captions)
    # the ids the note names are in the table, at the shared rank 10
    assert table["Technology ID"].tolist()[9:] == ["T0906"]
    assert "T0909" not in set(table["Technology ID"])


def test_korean_ranking_table_names_the_shared_rank_and_the_cut_off(no_evidence_csv):
    at = page("ui/pages/ranking.py", upload=_no_evidence(no_evidence_csv), lang="ko",
              country=TIE_COUNTRY, scenario=TIE_SCENARIO, top="10")
    table = ranking_table(at)
    assert table["공동 순위"].tolist()[5:] == ["=6", "=6", "8", "9", "=10"]
    assert any("T0909" in c and "제외" in c for c in caption_texts(at))


def test_compare_tables_share_ranks_and_name_the_cut_off(no_evidence_csv):
    # ASEAN and Saudi Arabia under market_fit_first, top 10
    at = page("ui/pages/compare.py", upload=_no_evidence(no_evidence_csv),
              compare=f"ASEAN,{TIE_COUNTRY}", scenario=TIE_SCENARIO)
    tied = [t.value for t in tables(at) if "Shared rank" in t.value.columns][1]
    assert tied.index.tolist() == [str(k) for k in range(1, 11)]
    assert tied["Shared rank"].tolist()[5:] == ["=6", "=6", "8", "9", "=10"]
    assert list(tied.columns) == ["Shared rank", "Technology ID", "Technology",
                                  "Score (TOPSIS closeness)"]
    assert tied["Technology ID"].tolist()[5:] == ["T0135", "T0735", "T0470", "T0490", "T0906"]
    assert any("leaves out T0909" in c for c in caption_texts(at))


def test_the_sample_ranking_has_no_ties():
    # the sample's evidence separates every technology: no shared rank, no cut-off note
    at = page("ui/pages/ranking.py", country="IND", top="10")
    table = ranking_table(at)
    assert table["Shared rank"].tolist() == [str(k) for k in range(1, 11)]
    assert not any("leaves out" in c for c in caption_texts(at))


LEFT_OUT_EN = ("Left out: the database lacks the columns this criterion is computed from. "
               "Its weight is shared among the other criteria in proportion to theirs.")
LEFT_OUT_KO = ("제외됨: 데이터베이스에 이 기준을 계산할 열이 없습니다. 이 기준의 가중치는 "
               "나머지 기준에 가중치 비율대로 나뉩니다.")
TRACK_LEAVES = ("domestic_use", "overseas_references", "export_markets", "certifications",
                "patents", "maturity")


def weights_used(at):
    """The weights chart's numbers table: criterion -> weight as shown (3 decimals)."""
    frame = next(t.value for t in tables(at) if t.value.index.name in ("Criterion", "기준")
                 and len(t.value.columns) == 2)
    return dict(zip(frame.index, frame.iloc[:, 0], strict=True))


def test_without_evidence_the_track_record_slider_is_disabled_and_explained(no_evidence_csv):
    at = page("ui/pages/ranking.py", upload=_no_evidence(no_evidence_csv), country="IND")
    track = weight_slider(at, "track_record")
    assert track.disabled
    assert track.value == pytest.approx(0.2143)  # the scenario's 3/14, shown but not counted
    assert all(not weight_slider(at, c).disabled for c in CRITERIA
               if c != "track_record")
    assert all(weight_slider(at, leaf).disabled for leaf in TRACK_LEAVES)
    assert not weight_slider(at, "sales_class").disabled
    captions = [c for c in caption_texts(at)]
    assert captions.count(LEFT_OUT_EN) == 2  # under the slider, atop its sub-criteria
    # the chart shows the weights the ranking used: 3/14 shared, 3:3:3:1:1 of the rest
    assert weights_used(at) == {
        "Domestic utilization": "0.273", "Track record": "0.000", "Firm capacity": "0.273",
        "Regional base": "0.091", "Target-country policy fit": "0.273",
        "SME export pathway": "0.091",
    }
    # the other sliders still work; the track record's stated weight rescales with them
    before = ranking_table(at)["Technology ID"].tolist()
    weight_slider(at, "firm_capacity").set_value(0.5).run()
    assert not at.exception
    assert weight_slider(at, "firm_capacity").value == pytest.approx(0.5)
    track = weight_slider(at, "track_record")
    assert track.disabled
    assert track.value == pytest.approx(3 / 14 * 0.5 / (11 / 14), abs=1e-4)
    used = weights_used(at)
    assert used["Track record"] == "0.000"
    assert used["Firm capacity"] == f"{0.5 / (1 - track.value):.3f}"  # 0.579
    assert ranking_table(at)["Technology ID"].tolist() != before
    with pytest.raises(AppTestError, match="disabled"):  # as in a browser: it cannot move
        track.set_value(0.5)


def test_korean_left_out_caption(no_evidence_csv):
    at = page("ui/pages/ranking.py", upload=_no_evidence(no_evidence_csv), lang="ko",
              country="IND")
    assert weight_slider(at, "track_record").disabled
    assert weight_slider(at, "track_record").label == "기술 실적"
    captions = [c for c in caption_texts(at)]
    assert captions.count(LEFT_OUT_KO) == 2
    assert LEFT_OUT_EN not in captions
    assert weights_used(at)[weight_slider(at, "track_record").label] == "0.000"


def test_the_sample_has_no_left_out_slider(ranking):
    assert not any(at_slider.disabled for at_slider in ranking.slider)
    assert LEFT_OUT_EN not in [c for c in caption_texts(ranking)]
    assert weights_used(ranking)["Track record"] == f"{3 / 14:.3f}"
