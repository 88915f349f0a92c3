"""The ``markets`` and ``matrix`` commands: JSON contracts, formats, errors."""

import csv
import io
import json

from exportmcda.cli.main import run


def test_markets_json_contract_for_a_technology():
    code, text = run(["markets", "--technology", "T0004", "--format", "json"])
    assert code == 0
    rows = json.loads(text)
    assert len(rows) == 16
    assert [r["rank"] for r in rows] == list(range(1, 17))
    for row in rows:
        assert set(row) >= {"rank", "country", "score", "criteria", "contributions", "sources"}
        assert set(row["criteria"]) == set(row["contributions"])
        assert 0 <= row["score"] <= 1
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    # T0004 is exported to MMR and SAU (sample): both credit "already exported here"
    exported = {r["country"] for r in rows if r["criteria"]["exported_here"] == 1}
    assert exported == {"MMR", "SAU"}
    assert {r["normalization"] for r in rows} == {"minmax"}


def test_markets_for_one_country_reports_nothing_to_compare(capsys):
    code, text = run(["markets", "--technology", "T0004", "--countries", "IND",
                      "--format", "json"])
    assert code == 0
    (row,) = json.loads(text)
    assert row["score"] == 1.0
    err = capsys.readouterr().err
    assert "only 1 country ranked: nothing to compare" in err
    assert "E-Government Development Index" in err


def test_markets_for_a_field_and_a_country_list():
    code, text = run(["markets", "--field", "Traffic", "--countries", "ind, vnm,SAU",
                      "--scenario", "market_fit_first", "--format", "json"])
    assert code == 0
    rows = json.loads(text)
    assert sorted(r["country"] for r in rows) == ["IND", "SAU", "VNM"]
    code, text = run(["markets", "--field", "Traffic", "--countries", "IND,VNM"])
    assert code == 0
    assert "reason" in text.splitlines()[0]
    code, text = run(["markets", "--technology", "T0004", "--countries", "IND,VNM",
                      "--format", "csv"])
    assert code == 0
    assert next(csv.reader(io.StringIO(text)))[:3] == ["rank", "shared_rank", "country"]


def test_markets_usage_and_input_errors():
    assert run(["markets"])[0] == 2
    assert run(["markets", "--technology", "T0004", "--field", "Traffic"])[0] == 2
    assert run(["markets", "--technology", "T9999"])[0] == 1
    assert run(["markets", "--technology", "T0004", "--countries", "IND,XXX"])[0] == 1
    assert run(["markets", "--field", "Nothing"])[0] == 1


def test_matrix_json_contract():
    code, text = run(["matrix", "--top", "3", "--countries", "IND,VNM,SAU", "--format", "json"])
    assert code == 0
    data = json.loads(text)
    assert set(data) >= {"rows", "countries", "cells"}
    assert data["countries"] == ["IND", "VNM", "SAU"]
    assert data["normalization"] == "minmax"
    assert len(data["rows"]) == 3
    assert len(data["cells"]) == 9
    for cell in data["cells"]:
        assert set(cell) >= {"row", "country", "score", "rank_in_row", "rank_in_country"}
        assert 1 <= cell["rank_in_row"] <= 3
        assert 1 <= cell["rank_in_country"] <= 21


def test_matrix_by_technology_csv_and_table():
    code, text = run(["matrix", "--by", "technology", "--top", "2", "--countries", "IND,VNM",
                      "--format", "csv"])
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4
    assert {r["country"] for r in rows} == {"IND", "VNM"}
    code, text = run(["matrix", "--countries", "IND,VNM", "--demand-weight", "0"])
    assert code == 0
    assert text.splitlines()[0].split() == ["row", "IND", "VNM"]
    assert run(["matrix", "--countries", "IND,NOPE"])[0] == 1
    assert run(["matrix", "--demand-weight", "2", "--countries", "IND,VNM"])[0] == 1
