"""Output formats shared by every command (exportmcda.cli.output), typed out in full."""

import io
import json

import numpy as np
import pandas as pd

from exportmcda.cli.output import FORMATS, emit, records, write_json

ROWS = [
    {"name": "서울", "n": np.int64(1234), "share": 0.5},
    {"name": "Busan", "n": 5, "share": 0.00012},
]
TOTAL = {"name": "Total", "n": 1239, "share": None}


def _emit(fmt, rows=ROWS, **kwargs):
    out = io.StringIO()
    emit(rows, fmt, out, **kwargs)
    return out.getvalue()


def test_the_three_formats():
    assert FORMATS == ("table", "json", "csv")


def test_table_aligns_numbers_right_and_korean_as_double_width(capsys):
    text = _emit("table", total=TOTAL, notes=["n is companies"], headers={"name": "Region"})
    assert text == (
        "Region  n      share\n"
        "------  -----  -------\n"
        "서울    1,234      0.5\n"
        "Busan       5  0.00012\n"
        "------  -----  -------\n"
        "Total   1,239\n"
        "Note: n is companies\n"
    )
    assert capsys.readouterr().err == ""


def test_json_is_one_object_per_row_without_the_total(capsys):
    text = _emit("json", total=TOTAL, notes=["n is companies"], headers={"name": "Region"})
    assert json.loads(text) == [
        {"name": "서울", "n": 1234, "share": 0.5},
        {"name": "Busan", "n": 5, "share": 0.00012},
    ]
    assert '"서울"' in text  # UTF-8 text, not \uc11c\uc6b8
    assert capsys.readouterr().err == "Note: n is companies\n"


def test_csv_keeps_the_contract_names_and_no_total(capsys):
    text = _emit("csv", total=TOTAL, notes=["n is companies"], headers={"name": "Region"})
    assert text == "name,n,share\n서울,1234,0.5\nBusan,5,0.00012\n"
    assert capsys.readouterr().err == "Note: n is companies\n"


def test_missing_values_and_nested_cells():
    row = [{"a": float("nan"), "b": pd.NA, "c": {"k": "값"}, "d": [1, 2], "e": True, "f": -3.25}]
    assert _emit("csv", row) == 'a,b,c,d,e,f\n,,"{""k"": ""값""}","[1, 2]",True,-3.25\n'
    assert json.loads(_emit("json", row)) == [
        {"a": None, "b": None, "c": {"k": "값"}, "d": [1, 2], "e": True, "f": -3.25}
    ]
    assert _emit("table", row) == (
        "a  b  c            d       e     f\n"
        "-  -  -----------  ------  ----  -----\n"
        '      {"k": "값"}  [1, 2]  True  -3.25\n'
    )


def test_records_make_numpy_and_missing_values_plain():
    (row,) = records([{"i": np.int64(3), "x": np.float64(0.25), "nan": np.nan, "na": pd.NA}])
    assert row == {"i": 3, "x": 0.25, "nan": None, "na": None}
    assert type(row["i"]) is int
    assert type(row["x"]) is float


def test_write_json_turns_nested_nan_into_null():
    out = io.StringIO()
    write_json({"a": [1.0, float("nan")], 2: {"b": np.float64(np.nan)}}, out)
    assert json.loads(out.getvalue()) == {"a": [1.0, None], "2": {"b": None}}
    assert out.getvalue().endswith("}\n")



def test_csv_neutralises_text_a_spreadsheet_would_run_and_json_keeps_it():
    """Issue 13: CSV output is opened in spreadsheets (the same rule as the CSV export)."""
    row = [{"name": '=HYPERLINK("x")', "company": "@SUM(1)", "note": "line\n=1", "score": -0.5,
            "plain": "Smart Pole"}]
    assert _emit("csv", row) == (
        "name,company,note,score,plain\n"
        '"\'=HYPERLINK(""x"")",\'@SUM(1),"line\n=1",-0.5,Smart Pole\n'
    )
    assert '"name": "=HYPERLINK(\\"x\\")"' in _emit("json", row)
