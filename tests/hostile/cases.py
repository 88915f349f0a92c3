"""The hostile inputs of issue 13, generated: one place for the tests and the report.

``tests/hostile/test_*.py`` build their inputs with these generators and assert each
behaviour in detail; ``bench/hostile_report.py`` runs the whole :func:`catalogue` through the
command line and the fuzz :data:`FUZZ_TARGETS` through the library, and prints the summary
the issue asks for. A :class:`Case` says what a careful tool does with its input: accept it
exactly (every value and row as written) or refuse it with a message naming the file and,
where one cell is at fault, its row and column (or the scenario key).
"""

from __future__ import annotations

import functools
import io
import random
import string
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import openpyxl
import pandas as pd
from hypothesis import strategies as st

from exportmcda.data.validate import MAX_CELL_CHARS
from tests.markdown_names import TECHNOLOGIES, markdown_csv

# ---- databases -------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _interchange() -> pd.DataFrame:
    from exportmcda.data.io import load_sample, to_interchange

    return to_interchange(load_sample())


def sample_frame(rows: int | None = 30, *, korean: bool = True) -> pd.DataFrame:
    """The first ``rows`` rows of the sample in the interchange format (a fresh copy);
    ``korean=False`` drops the ``*_ko`` columns (a file with no Korean text at all)."""
    frame = _interchange().copy() if rows is None else _interchange().head(rows).copy()
    if not korean:
        frame = frame[[c for c in frame.columns if not c.endswith("_ko")]].copy()
    return frame


def sample_csv(
    value: str | None = None,
    *,
    column: str = "technology_name",
    key: str = "technology_id",
    rows: int = 30,
    encoding: str = "utf-8",
    korean: bool = True,
) -> bytes:
    """:func:`sample_frame` as CSV, with ``column`` set to ``value`` on every row of the
    first technology (``key="company_id"``: of the first company). Rows of the first
    technology are spreadsheet row 2 onwards."""
    frame = sample_frame(rows, korean=korean)
    if value is not None:
        first = frame[key] == frame[key].iloc[0]
        frame.loc[first, column] = value
    return frame.to_csv(index=False).encode(encoding)


def korean_cp949_csv() -> bytes:
    """A genuine CP949 file: Korean company and technology names only."""
    frame = sample_frame(korean=False)
    frame["company_name"] = frame["company_id"] + " 서울스마트(주)"
    frame["technology_name"] = "지능형 교통 신호 제어"
    return frame.to_csv(index=False).encode("cp949")


def mixed_encoding_csv() -> bytes:
    """A CP949 Korean file whose spreadsheet row 6 was saved as Windows-1252."""
    frame = sample_frame(korean=False)
    frame["company_name"] = "서울스마트(주)"
    lines = frame.to_csv(index=False).splitlines(keepends=True)
    bad = lines[5].replace("서울스마트(주)", "Kim’s Kiosk")
    return (b"".join(line.encode("cp949") for line in lines[:5]) + bad.encode("cp1252")
            + b"".join(line.encode("cp949") for line in lines[6:]))


def late_nul_csv() -> tuple[bytes, int]:
    """The whole sample with a NUL after the first 64 KiB; the spreadsheet row it is on."""
    data = sample_frame(None).to_csv(index=False).encode("utf-8")
    lines = data.split(b"\n")
    cut = next(k for k in range(len(lines)) if sum(map(len, lines[:k])) + k > 70_000)
    lines[cut] = lines[cut].replace(b",", b",\x00", 1)
    return b"\n".join(lines), cut + 1


def header_control_csv() -> bytes:
    """Five sample rows with a bell in a header (``notes\\x07``) and in an extra column."""
    frame = sample_frame(5)
    frame["notes\x07"] = "fine"
    frame["memo"] = "bell\x07"
    return frame.to_csv(index=False).encode("utf-8")


def two_column_csv(rows: int) -> bytes:
    """A table of ``rows`` rows and two columns, none of the database's."""
    return ("a,b\n" + "".join(f"{i},{7 * i}\n" for i in range(rows))).encode("ascii")


def xlsx_with_entities() -> bytes:
    """A workbook whose sheet declares an XML entity and uses it in a cell."""
    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    book.active.append(["x", "y"])
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", b'<!DOCTYPE w [<!ENTITY e "boom">]><worksheet',
                                    1).replace(b"<t>x</t>", b"<t>&e;</t>")
            target.writestr(info, data)
    return out.getvalue()


def zip_bomb_xlsx() -> bytes:
    """A workbook-named zip whose sheet inflates ~1000:1 (16 MiB of zeros), as bombs do."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (16 * 1024 * 1024))
    return out.getvalue()


def zip_not_a_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return out.getvalue()


HOSTILE_FILE_NAME = ("in,=cmd|' C calc'!A0", "x\n=HYPERLINK(1).csv")
"""A folder and a file name that try to start a line and a cell of a CSV export."""


def hostile_file_name(folder: Path) -> Path:
    """The sample database, saved under :data:`HOSTILE_FILE_NAME` inside ``folder``."""
    parent = folder / HOSTILE_FILE_NAME[0]
    parent.mkdir(exist_ok=True)
    path = parent / HOSTILE_FILE_NAME[1]
    path.write_bytes(sample_frame(None).to_csv(index=False).encode("utf-8"))
    return path


CONTROL_CHARACTERS = ("\x07", "\x0b", "\x1b", "\x0c", "\x1f", "\ufffe")
"""Characters no export can write (C0 controls but tab/LF/CR, and U+FFFE)."""

WINDOWS_1252_NAMES = ("Kim’s Kiosk", "“Smart” – bus", "Kim’s", "Café Ölçü", "naïve—done")
"""Names whose Windows-1252 bytes must never load as Korean."""

FORMULA_NAMES = ('=HYPERLINK("http://example.org","x")', "+cmd|' /C calc'!A0", "-2+3",
                 "@SUM(A1:A2)", "\t=1+1", "=1+1")
"""Names a spreadsheet would run (OWASP CSV injection): kept as text, never live."""

# ---- scenario, weights and matrix files --------------------------------------------------

CRITERIA = ("utilization", "track_record", "firm_capacity", "region", "policy_fit",
            "sme_support")
"""The top-level criteria (children of ``export_priority``)."""

WRONG_TYPES = {
    'judgments = "x"': "judgments",
    "weights = 5": "weights",
    "directions = 3": "directions",
    "method = 5": "method",
    "label_en = {x = 1}": "label_en",
    "[weights.export_priority]\nregion = {a = 1}": "weights.export_priority.region",
    "[weights]\nexport_priority = 0.5": "weights.export_priority",
    '[judgments.export_priority]\n"region vs policy_fit" = [1, 2]':
        "judgments.export_priority.region vs policy_fit",
    '[judgments]\nexport_priority = "3"': "judgments.export_priority",
    '[directions]\nregion = 1': "directions.region",
}
"""Scenario texts with a value of the wrong type, and the key each must be refused at."""

_WEIGHTS = "[weights.export_priority]\nregion = 1\n"
TYPOS = (
    ("[weight.export_priority]\nregion = 1\n", "weight", "did you mean 'weights'?"),
    ('[judgement.export_priority]\n"region vs policy_fit" = 3\n', "judgement",
     "did you mean 'judgments'?"),
    ('labl_en = "x"\n' + _WEIGHTS, "labl_en", "did you mean 'label_en'?"),
    ('[evidence]\nmin_sorce = "official"\n' + _WEIGHTS, "evidence.min_sorce",
     "did you mean 'min_source'?"),
)
"""Scenario texts with a misspelt key: (text, the key, the suggestion)."""

EMPTY_SCENARIOS = ("", "# nothing\n", 'id = "x"\n', "[judgments]\n")
"""Scenario texts that weigh nothing (must not mean equal weights)."""

RUMOUR_EVIDENCE = '[evidence]\nmin_source = "rumour"\n' + _WEIGHTS
"""A scenario whose evidence rule names no source type."""

TOML_OVERFLOW = (
    '[judgments.export_priority]\n"region vs policy_fit" = 1e309\n',
    '[judgments.export_priority]\n"region vs policy_fit" = "1e309"\n',
    "[weights.export_priority]\nregion = 1e309\npolicy_fit = 1\n",
    '[weights.export_priority]\nregion = "1e309"\npolicy_fit = 1\n',
)
"""Scenario judgments and weights beyond a float."""

TOML_SUM_OVERFLOW = "[weights.export_priority]\nregion = 1e308\npolicy_fit = 1e308\n"


def weights_csv_text(values: Mapping[str, str], extra: str = "") -> str:
    """A weights CSV (``criterion,weight``) with ``values`` in order, then ``extra`` lines."""
    return "criterion,weight\n" + "".join(f"{k},{v}\n" for k, v in values.items()) + extra


# ---- the catalogue -----------------------------------------------------------------------

Expect = Literal["accept", "refuse"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """One hostile input and what a careful tool does with it.

    ``make`` returns the file's bytes (``None``: the case needs no file, or writes its own
    with ``place``); in ``argv`` ``{file}`` stands for the file's path and ``{out}`` for an
    output path in an empty folder. A refused case's message must contain every string of
    ``names`` (the file, ``row N``, the column or key). An accepted database must keep
    ``exact`` (``{(technology_id, column): value}``) and all ``rows`` data rows.
    """

    name: str
    item: int
    file: str
    argv: tuple[str, ...]
    expect: Expect
    make: Callable[[], bytes] | None = None
    place: Callable[[Path], Path] | None = None
    names: tuple[str, ...] = ()
    exact: Mapping[tuple[str, str], str] = field(default_factory=dict)
    rows: int | None = None

    @property
    def database(self) -> bool:
        """Whether an accepted input is a technology database (checked value by value)."""
        return self.rows is not None


VALIDATE = ("validate", "{file}")
RANK_WITH = ("rank", "--country", "VNM", "--top", "3", "--weights", "{file}")


def _first_technology(value: str, column: str = "technology_name") -> dict[tuple[str, str], str]:
    first = sample_frame()
    return {(str(first["technology_id"].iloc[0]), column): value}


def _first_company_technologies(value: str) -> dict[tuple[str, str], str]:
    frame = sample_frame()
    rows = frame[frame["company_id"] == frame["company_id"].iloc[0]]
    return {(str(t), "company_name"): value for t in rows["technology_id"]}


def _database(name: str, item: int, file: str, make: Callable[[], bytes],
              exact: Mapping[tuple[str, str], str], rows: int = 30) -> Case:
    return Case(name=name, item=item, file=file, argv=VALIDATE, expect="accept", make=make,
                exact=exact, rows=rows)


def _refused_db(name: str, item: int, file: str, make: Callable[[], bytes],
                *names: str) -> Case:
    return Case(name=name, item=item, file=file, argv=VALIDATE, expect="refuse", make=make,
                names=(file, *names))


def _scenario(name: str, item: int, text: str, *names: str, file: str = "s.toml") -> Case:
    return Case(name=name, item=item, file=file, argv=RANK_WITH, expect="refuse",
                make=lambda: text.encode("utf-8"), names=(file, *names))


def _folder_named_like_a_workbook(folder: Path) -> Path:
    path = folder / "d.xlsx"
    path.mkdir()
    return path


def catalogue() -> list[Case]:
    """Every hostile input of issue 13 that a file or a command line can carry.

    Items: 1 Markdown names, 2 scenario value types, 4 encodings, 5 control characters and
    cell length, 6 overflow and unwritable outputs, 7 scenario keys and weight files, 8 a
    hostile file name, 9 a large table without the database's columns, 11 small ones; 0 are
    the guards that existed before (zip bomb, binary files, malformed tables); formulas
    (item 8's neutralisation) come as names. The app-only items (3, the sliders) have
    browser tests.
    """
    cases: list[Case] = []
    add = cases.append
    # item 1: names written in Markdown, HTML, KaTeX
    markdown_exact = {(t, "technology_name"): n for t, n in TECHNOLOGIES.items()}
    add(_database("Markdown/HTML/KaTeX names", 1, "markdown.csv", markdown_csv,
                  markdown_exact, rows=markdown_csv().count(b"\n") - 1))
    for k, name in enumerate(TECHNOLOGIES.values()):
        add(_database(f"name {name!r}", 1, f"md{k}.csv",
                      functools.partial(sample_csv, name), _first_technology(name)))
    # formulas as names (what item 8 neutralises in every export)
    for k, name in enumerate(FORMULA_NAMES):  # a cell is read without surrounding blanks
        add(_database(f"formula name {name!r}", 8, f"formula{k}.csv",
                      functools.partial(sample_csv, name), _first_technology(name.strip())))
    # item 2: values of the wrong type in a scenario
    for text, key in WRONG_TYPES.items():
        add(_scenario(f"scenario {text.splitlines()[-1]!r}", 2, text, key))
    add(_scenario("scenario with an array of tables", 2, "[[judgments]]\nx = 1\n"))
    # item 4: encodings
    add(_database("CP949 Korean names", 4, "korean.csv", korean_cp949_csv,
                  _first_technology("지능형 교통 신호 제어")))
    for encoding in ("utf-8", "utf-8-sig"):
        name = "Kim’s “Smart” Kiosk – Busan"
        add(_database(f"{encoding} typographic punctuation", 4, f"{encoding}.csv",
                      functools.partial(sample_csv, name, column="company_name",
                                        key="company_id", encoding=encoding, korean=False),
                      _first_company_technologies(name)))
    for k, name in enumerate(WINDOWS_1252_NAMES):
        add(_refused_db(f"Windows-1252 {name!r}", 4, f"cp1252-{k}.csv", functools.partial(
            sample_csv, name, column="company_name", key="company_id", encoding="cp1252",
            korean=False), "row 2"))
    add(_refused_db("CP949 file with one Windows-1252 row", 4, "mixed.csv",
                    mixed_encoding_csv, "row 6"))
    # item 5: control characters, NUL, cell length
    for char in CONTROL_CHARACTERS:
        add(_refused_db(f"U+{ord(char):04X} in a name", 5, f"ctl{ord(char):04x}.csv",
                        functools.partial(sample_csv, f"Smart{char}Pole"), "row 2",
                        "technology_name"))
    add(_refused_db("NUL in the first 64 KiB", 5, "nul.csv",
                    functools.partial(sample_csv, "Smart\x00Pole")))
    late_row = late_nul_csv()[1]
    add(_refused_db("NUL after the first 64 KiB", 5, "late-nul.csv",
                    lambda: late_nul_csv()[0], f"row {late_row}"))
    add(_refused_db("bell in a header", 5, "header.csv", header_control_csv, "row 1"))
    add(_database("tab and line feed inside a name", 5, "multiline.csv",
                  functools.partial(sample_csv, "Line one\nline\ttwo"),
                  _first_technology("Line one\nline\ttwo")))
    add(_refused_db("name over Excel's cell limit", 5, "long.csv",
                    functools.partial(sample_csv, "x" * (MAX_CELL_CHARS + 1)), "row 2",
                    "technology_name"))
    add(_database("name at Excel's cell limit", 5, "edge.csv",
                  functools.partial(sample_csv, "x" * MAX_CELL_CHARS),
                  _first_technology("x" * MAX_CELL_CHARS)))
    # item 6: numbers beyond a float, outputs that cannot be written
    add(Case(name="AHP cell 1e309", item=6, file="m.csv", argv=("ahp", "--matrix", "{file}"),
             expect="refuse", make=lambda: b",a,b\na,1,1e309\nb,1e-309,1\n",
             names=("m.csv", "too large")))
    add(Case(name="MCDA weight 1e309", item=6, file="x.csv",
             argv=("mcda", "{file}", "--weights", "1e309,1", "--types", "1,1"),
             expect="refuse", make=lambda: b"alt,c1,c2\nA,1,2\nB,2,1\n",
             names=("--weights", "too large")))
    add(Case(name="MCDA cell 1e309", item=6, file="x.csv",
             argv=("mcda", "{file}", "--weights", "0.5,0.5", "--types", "1,1"),
             expect="refuse", make=lambda: b"alt,c1,c2\nA,1e309,2\nB,2,1\n",
             names=("x.csv", "row 2", "c1")))
    for k, text in enumerate(TOML_OVERFLOW):
        add(_scenario(f"scenario value 1e309 ({k + 1})", 6, text, "too large",
                      file=f"big{k}.toml"))
    add(_scenario("scenario weights summing beyond a float", 6, TOML_SUM_OVERFLOW))
    export = ("export", "--country", "VNM", "--top", "5", "--out")
    add(Case(name="--out in a missing folder", item=6, file="",
             argv=(*export, "{out}/nowhere/s.xlsx"), expect="refuse",
             names=("nowhere", "does not exist")))
    add(Case(name="--out is a folder", item=6, file="", expect="refuse",
             place=_folder_named_like_a_workbook, argv=(*export, "{file}"),
             names=("d.xlsx", "folder")))
    # item 7: misspelt keys, empty scenarios, evidence rule, weights CSV
    for text, key, hint in TYPOS:
        add(_scenario(f"scenario typo {key!r}", 7, text, key, hint))
    for k, text in enumerate(EMPTY_SCENARIOS):
        add(_scenario(f"empty scenario ({k + 1})", 7, text, file=f"empty{k}.toml"))
    add(_scenario("evidence rule 'rumour'", 7, RUMOUR_EVIDENCE, "evidence.min_source",
                  file="rumour.toml"))
    ones = dict.fromkeys(CRITERIA, "1")
    for name, text, names in (
        ("weights CSV: a criterion twice", weights_csv_text(ones, "region,5\n"),
         ("row 8", "rows 5 and 8")),
        ("weights CSV: a negative weight", weights_csv_text({**ones, "region": "-2"}),
         ("row 5", "weight")),
        ("weights CSV: criteria left out", weights_csv_text({"region": "1"}), ()),
        ("weights CSV: a weight of 1e309", weights_csv_text({**ones, "region": "1e309"}),
         ("row 5", "too large")),
        ("weights CSV: a sum beyond a float", weights_csv_text(dict.fromkeys(CRITERIA, "1e308")),
         ("sum beyond the largest number",)),
    ):
        add(Case(name=name, item=7, file="w.csv", argv=RANK_WITH, expect="refuse",
                 make=lambda text=text: text.encode("utf-8"), names=("w.csv", *names)))
    # item 8: a file name that tries to start a line and a cell
    add(Case(name="file named x\\n=HYPERLINK(1).csv", item=8, file="", argv=VALIDATE,
             expect="accept", place=hostile_file_name, rows=len(sample_frame(None))))
    # item 9: a large table without the database's columns
    add(_refused_db("100,000 rows, no database column", 9, "wide.csv",
                    functools.partial(two_column_csv, 100_000), "technology_id"))
    # item 11: --top, XML entities, a 1x1 AHP matrix
    for top in ("0", "-5", "x"):
        add(Case(name=f"--top {top}", item=11, file="", expect="refuse",
                 argv=("rank", "--country", "VNM", "--top", top), names=("--top",)))
    add(_refused_db("workbook with XML entities", 11, "ent.xlsx", xlsx_with_entities,
                    "XML entities", "safety"))
    add(Case(name="1x1 AHP matrix", item=11, file="one.csv", argv=("ahp", "--matrix", "{file}"),
             expect="refuse", make=lambda: b",a\na,1\n", names=("one.csv", "at least 2")))
    # the guards that existed before the issue
    for name, file, make, names in (
        ("zip bomb", "bomb.xlsx", zip_bomb_xlsx, ("zip bomb",)),
        ("random bytes", "junk.csv", lambda: random.Random(0).randbytes(4096), ()),
        ("PNG image", "x.csv", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, ()),
        ("PDF", "x.csv", lambda: b"%PDF-1.7\n", ()),
        ("old .xls", "x.csv", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ()),
        ("empty file", "e.csv", lambda: b"", ()),
        ("one column", "one.csv", lambda: b"technology_id\nT1\nT2\n", ("row 1",)),
        ("blank first row", "blank.csv", lambda: b",,\nT1,a,b\n", ("row 1",)),
        ("xlsx name, CSV content", "db.xlsx", sample_csv, ()),
        ("zip that is not a workbook", "z.xlsx", zip_not_a_workbook, ()),
        ("UTF-16", "u16.csv", functools.partial(sample_csv, encoding="utf-16"), ()),
        ("unterminated quote", "q.csv", lambda: b'a,b\n1,2\n3,"unterminated\n', ("row 3",)),
    ):
        add(_refused_db(name, 0, file, make, *names))
    return cases


# ---- fuzz targets (hypothesis strategies and what each input goes through) ---------------

DB_HEADER = ("technology_id,technology_name,company_id,company_name,field,service_type,region,"
             "company_size,capital_class,sales_class,history_class,employees_class")
CELL = st.one_of(
    st.sampled_from(["T1", "C1", "Traffic", "교통", "6", "1", "7", "Seoul", "small", "", "1e309",
                     "=HYPERLINK(1)", "\x07", "Kim’s", "\"", "1,200", "-3", "nan", "\x00"]),
    st.text(max_size=12),
)
ROW = st.lists(CELL, min_size=1, max_size=14).map(lambda cells: ",".join(cells))
NUMBERISH = st.one_of(
    st.text(alphabet=string.digits + "./-+eE _inf", max_size=24),
    st.text(max_size=16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.fractions(),
    st.none(),
    st.booleans(),
)
TOML_KEYS = st.sampled_from(["id", "label_en", "method", "ri_table", "completion", "basis",
                             "judgments", "weights", "directions", "evidence", "weight",
                             "judgement", "min_source", "sourced_only", "export_priority",
                             "region", "policy_fit", '"region vs policy_fit"', "x"])
TOML_VALUES = st.sampled_from(['"x"', "5", "1e309", "-1", "true", "[1, 2]", "{a = 1}",
                               '"1/3"', '"eigen"', '"official"', '"rumour"', "inf", "nan",
                               "{}", '"cost"'])
TOML_LINE = st.one_of(
    st.tuples(TOML_KEYS, TOML_VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.tuples(st.sampled_from(["judgments", "weights", "directions", "evidence", "weight"]),
              st.sampled_from(["", ".export_priority", ".utilization", ".x"]))
    .map(lambda t: f"[{t[0]}{t[1]}]"),
    st.text(max_size=20).filter(lambda text: "=" not in text or len(text) < 3),
)
SECTION = st.sampled_from(["judgments.export_priority", "judgments.utilization", "weights.x",
                           "weights.export_priority", "weights.firm_capacity", "directions",
                           "evidence", "weight.export_priority", "judgement.utilization"])
PAIR_KEYS = st.sampled_from(['"region vs policy_fit"', '"utilization vs region"', "region",
                             "policy_fit", "utilization", "firm_capacity", "sme_support",
                             "track_record", '"field_utilization vs service_type_utilization"',
                             "min_source", "sourced_only", '"a vs b"', "x"])


def _csv_like(case: tuple[list[str], str]) -> bytes:
    rows, encoding = case
    return ("\n".join([DB_HEADER, *rows]) + "\n").encode(encoding, errors="replace")


def _pairwise_case(n: int) -> Any:
    cell = st.one_of(NUMBERISH.map(str), st.sampled_from(["", "1", "3", "1/3"]))
    size = n + (n == 4)  # one ragged shape among the square ones
    return st.tuples(st.just(n), st.lists(st.lists(cell, min_size=n, max_size=size),
                                          min_size=n, max_size=size))


def _toml_tables(case: tuple[dict[str, str], dict[str, dict[str, str]]]) -> str:
    top, sections = case
    lines = [f"{k} = {v}" for k, v in top.items()]
    for name, table in sections.items():
        lines += [f"[{name}]", *(f"{k} = {v}" for k, v in table.items())]
    return "\n".join(lines)


def _load(data: bytes) -> Any:
    from exportmcda.data.io import load

    return load(data, "fuzz.csv")


def _matrix(rows: list[str]) -> Any:
    from exportmcda.data.io import read_decision_matrix

    return read_decision_matrix("\n".join(rows).encode(), "m.csv")


def _judgment(value: Any) -> Any:
    from exportmcda.ahp.judgments import parse_judgment

    return parse_judgment(value, pair=("a", "b"))


def _pairwise(case: tuple[int, list[list[str]]]) -> Any:
    from exportmcda.ahp.judgments import pairwise_from_table

    n, cells = case
    labels = [f"c{k}" for k in range(n)]
    rows = [[labels[i] if i < n else "x", *row] for i, row in enumerate(cells)]
    return pairwise_from_table(["", *labels], rows, path="m.csv")


def _weighed_scenario(text: str) -> Any:
    from exportmcda.model.criteria import load_criteria
    from exportmcda.model.scenarios import parse_scenario, scenario_weights

    return scenario_weights(parse_scenario(text, name="fuzz.toml"), load_criteria())


@dataclass(frozen=True, slots=True)
class FuzzTarget:
    """A hypothesis strategy of inputs and the library call each input goes through.

    The property: ``call`` returns a value or raises an ``ExportMcdaError``, never another
    exception.
    """

    inputs: Any
    call: Callable[[Any], Any]


FUZZ_TARGETS: dict[str, FuzzTarget] = {
    "importer bytes": FuzzTarget(st.binary(max_size=2048), _load),
    "importer CSV text": FuzzTarget(
        st.tuples(st.lists(ROW, max_size=8),
                  st.sampled_from(["utf-8", "cp949", "cp1252", "utf-8-sig"])).map(_csv_like),
        _load),
    "decision matrix": FuzzTarget(st.lists(ROW, min_size=1, max_size=6), _matrix),
    "AHP judgment": FuzzTarget(NUMBERISH, _judgment),
    "AHP table": FuzzTarget(st.integers(min_value=0, max_value=4).flatmap(_pairwise_case),
                            _pairwise),
    "scenario": FuzzTarget(st.lists(TOML_LINE, max_size=10).map("\n".join),
                           _weighed_scenario),
    "scenario (valid TOML)": FuzzTarget(
        st.tuples(
            st.dictionaries(st.sampled_from(["id", "method", "ri_table", "completion", "basis",
                                             "label_ko", "labl_en"]), TOML_VALUES, max_size=4),
            st.dictionaries(SECTION, st.dictionaries(PAIR_KEYS, TOML_VALUES, max_size=6),
                            max_size=4),
        ).map(_toml_tables),
        _weighed_scenario),
}
"""The importer, the AHP parsers and the scenario parser, as ``tests/hostile/test_fuzz.py``
and ``bench/hostile_report.py`` fuzz them."""
