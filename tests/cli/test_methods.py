"""Every ``--method`` on every decision command that offers it (rank, export, record/replay,
compare, shortlist), its default normalisation, and the refusals (sensitivity, brief)."""

import csv
import io
import json

import openpyxl
import pytest

from exportmcda.cli.main import main, run
from exportmcda.labels import t

METHODS = ("topsis", "vikor", "wsm", "promethee_ii", "spotis")
#: Each method's own normalisation, used when --normalization is not given.
DEFAULT_NORMALIZATION = {
    "topsis": "vector",
    "vikor": "none",
    "wsm": "minmax",
    "promethee_ii": None,
    "spotis": None,
}
#: The rank JSON contract's keys (tests/cli/test_decide.py), kept for every method.
RANK_KEYS = {
    "rank",
    "technology_id",
    "technology_name",
    "company_name",
    "score",
    "criteria",
    "company_id",
    "field",
    "service_type",
    "region",
    "company_size",
    "contributions",
    "d_plus",
    "d_minus",
    "policy_fit_sources",
    "shared_rank",
    "tied_with",
}
LOWER_IS_BETTER = {"vikor", "spotis"}


@pytest.fixture(scope="module")
def ranked():
    """``rank --format json --top 5`` for VNM, per method."""
    out = {}
    for method in METHODS:
        code, text = run(
            ["rank", "--country", "VNM", "--method", method, "--top", "5", "--format", "json"]
        )
        assert code == 0, method
        out[method] = json.loads(text)
    return out


@pytest.mark.parametrize("method", METHODS)
def test_rank_json_keeps_every_key_for_every_method(ranked, method):
    rows = ranked[method]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=method not in LOWER_IS_BETTER)
    for row in rows:
        assert set(row) == RANK_KEYS
        if method == "topsis":
            assert row["d_plus"] > 0
            assert row["d_minus"] > 0
        else:
            assert (row["d_plus"], row["d_minus"]) == (None, None)  # TOPSIS's distances
        if method == "vikor":
            assert row["contributions"] is None  # none defined: null, not a made-up number
        else:
            assert sum(row["contributions"].values()) == pytest.approx(row["score"], abs=1e-9)


def test_rank_notes_say_what_the_contributions_are(capsys):
    assert main(["rank", "--country", "VNM", "--method", "vikor", "--top", "1"]) == 0
    err = capsys.readouterr().err
    assert "Note: VIKOR has no per-criterion contributions" in err
    assert "method: VIKOR with no normalisation" in err
    assert (
        main(["rank", "--country", "VNM", "--method", "promethee_ii", "--top", "1", "--lang", "ko"])
        == 0
    )
    assert "기준별 가중 순흐름" in capsys.readouterr().err


def test_rank_table_with_the_default_topsis_is_unchanged(capsys):
    assert run(["rank", "--country", "VNM", "--top", "3", "--format", "json"]) == run(
        [
            "rank",
            "--country",
            "VNM",
            "--top",
            "3",
            "--format",
            "json",
            "--method",
            "topsis",
            "--normalization",
            "vector",
        ]
    )


def _shortlist_sheet(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb[wb.sheetnames[0]].iter_rows(values_only=True))
    header = next(k for k, row in enumerate(rows) if row and row[0] == t("col_rank", "en"))
    return rows[:header], rows[header], rows[header + 1 :]


@pytest.mark.parametrize("method", METHODS)
def test_export_xlsx_csv_and_record_replay_identical(tmp_path, method, ranked):
    xlsx, record = tmp_path / "s.xlsx", tmp_path / "r.json"
    assert (
        main(
            [
                "export",
                "--country",
                "VNM",
                "--method",
                method,
                "--top",
                "5",
                "--out",
                str(xlsx),
                "--record",
                str(record),
            ]
        )
        == 0
    )
    heading, header, body = _shortlist_sheet(xlsx)
    score_title = {
        "topsis": "Score (TOPSIS closeness)",
        "vikor": "Score (VIKOR Q, lower is better)",
        "wsm": "Score (weighted sum)",
        "promethee_ii": "Score (PROMETHEE II net flow)",
        "spotis": "Score (SPOTIS distance, lower is better)",
    }[method]
    assert score_title in header
    score = header.index(score_title)
    assert [row[score] for row in body] == pytest.approx(
        [r["score"] for r in ranked[method]], abs=1e-12
    )
    contribution_columns = [h for h in header if str(h).startswith("Contribution: ")]
    leaves = len(ranked[method][0]["criteria"])  # one column per criterion, or none
    assert len(contribution_columns) == (0 if method == "vikor" else leaves)
    said = " ".join(str(cell) for row in heading for cell in row if cell)
    if method == "vikor":
        assert "VIKOR has no per-criterion contributions" in said
    elif method != "topsis":
        assert "they add up to" in said
    # the record replays identical, and states the method and its own normalisation
    stored = json.loads(record.read_text("utf-8"))
    assert stored["method"] == method
    assert stored["normalization"] == DEFAULT_NORMALIZATION[method]
    assert stored["settings"]["normalization"] == DEFAULT_NORMALIZATION[method]
    code, out = run(["replay", str(record)])
    assert code == 0
    assert out.splitlines()[1].startswith("identical: the same 5 technologies")
    assert main(["verify", str(xlsx)]) == 0  # the workbook's shown cells match its record
    # CSV: the same rows, the note as a # line
    path = tmp_path / "s.csv"
    assert (
        main(["export", "--country", "VNM", "--method", method, "--top", "5", "--out", str(path)])
        == 0
    )
    text = path.read_text("utf-8-sig")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    table = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert [row["Technology ID"] for row in table] == [r["technology_id"] for r in ranked[method]]
    assert [float(row[score_title]) for row in table] == pytest.approx(
        [r["score"] for r in ranked[method]], abs=1e-12
    )
    if method == "vikor":
        assert "# VIKOR has no per-criterion contributions" in text


@pytest.mark.parametrize("method", ["vikor", "spotis"])
def test_a_record_of_a_lower_is_better_method_replays_identical_from_the_record_command(
    tmp_path, method
):
    path = tmp_path / "d.json"
    assert main(["record", "--country", "VNM", "--method", method, "--out", str(path)]) == 0
    assert run(["replay", str(path)])[0] == 0


def test_compare_with_every_method_lists_each_targets_top():
    for method in ("vikor", "promethee_ii"):
        code, out = run(
            [
                "compare",
                "--countries",
                "VNM,IDN",
                "--method",
                method,
                "--top",
                "3",
                "--format",
                "json",
            ]
        )
        assert code == 0
        assert set(json.loads(out)["tops"]) == {"VNM", "IDN"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--method", "promethee_ii", "--normalization", "vector"],
            "--normalization vector does not apply to PROMETHEE II (it has no normalisation "
            "step); omit --normalization for the method's own",
        ),
        (
            ["--method", "spotis", "--normalization", "minmax"],
            "--normalization minmax does not apply to SPOTIS (it has no normalisation step)",
        ),
        (
            ["--normalization", "none"],
            "--normalization none does not apply to TOPSIS (it accepts vector, minmax, max, sum, "
            "linear)",
        ),
    ],
)
def test_an_explicit_normalization_a_method_cannot_take_is_refused(argv, message, capsys):
    assert main(["rank", "--country", "VNM", *argv]) == 1
    assert message in capsys.readouterr().err
    assert main(["export", "--country", "VNM", "--out", "never.csv", *argv, "--lang", "ko"]) == 1
    assert "잘못된 정규화 방식" in capsys.readouterr().err


@pytest.mark.parametrize("method", ["vikor", "wsm", "promethee_ii", "spotis"])
def test_sensitivity_with_another_method_is_refused_before_ranking(method, capsys):
    assert main(["sensitivity", "--country", "VNM", "--method", method, "--samples", "10"]) == 1
    err = capsys.readouterr().err
    assert (
        "robustness (one-at-a-time intervals, SMAA, rank reversal) is computed for TOPSIS "
        "rankings only" in err
    )
    assert "run it with --method topsis" in err
    assert main(["sensitivity", "--country", "VNM", "--method", method, "--lang", "ko"]) == 1
    assert "강건성은 TOPSIS 순위로만 계산(--method topsis 사용)" in capsys.readouterr().err


def test_a_brief_of_a_non_topsis_record_is_refused(tmp_path, capsys):
    record = tmp_path / "d.json"
    assert main(["record", "--country", "VNM", "--method", "wsm", "--out", str(record)]) == 0
    out = tmp_path / "b.html"
    assert main(["brief", str(record), "--out", str(out)]) == 1
    assert "record the decision with --method topsis for a briefing" in capsys.readouterr().err
    assert not out.exists()


def test_shortlist_rules_refuse_a_score_where_lower_is_better(capsys):
    # The solver maximises the total score: VIKOR's Q would give the worst technologies.
    argv = [
        "shortlist",
        "--country",
        "VNM",
        "--top",
        "5",
        "--min-sme-share",
        "1.0",
        "--no-costs",
        "--format",
        "json",
    ]
    assert main([*argv, "--method", "vikor"]) == 1
    assert "a VIKOR score is better when lower" in capsys.readouterr().err
    code, out = run([*argv, "--method", "wsm"])
    assert code == 0
    body = json.loads(out)
    ranks = [r["ranking_rank"] for r in body["shortlist"]]
    assert ranks == sorted(ranks)
    assert ranks[0] < 20  # the best SMEs of the weighted-sum ranking, not the worst
