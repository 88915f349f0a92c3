"""Every user-facing label, note and issue code exists in both languages."""

import ast
import json
import re
from pathlib import Path

import pytest

from exportmcda import labels
from exportmcda.data.taxonomy import Dimension
from exportmcda.errors import InputError, Issue, Note


def test_every_label_has_english_and_korean():
    for key, entry in {**labels.LABELS, **labels.ISSUE_CODES}.items():
        assert set(entry) == {"en", "ko"}, key
        assert entry["en"].strip(), key
        assert entry["ko"].strip(), key


def test_korean_labels_are_korean():
    hangul = re.compile(r"[\uac00-\ud7a3]")
    for key, entry in labels.LABELS.items():
        if key != "sha256":
            assert hangul.search(entry["ko"]), key


def test_placeholders_agree_between_languages():
    for key, entry in labels.LABELS.items():
        assert set(re.findall(r"{(\w+)}", entry["en"])) == set(
            re.findall(r"{(\w+)}", entry["ko"])
        ), key


def test_language_switch_options_read_exactly():
    assert list(labels.LANGUAGES.values()) == ["English", "한국어"]


def test_translate_fills_placeholders_and_falls_back_visibly():
    assert labels.t("upload_failed", "ko", n=3).startswith("파일을 불러오지 않았습니다: 문제 3건")
    assert labels.t("no_such_key", "ko") == "no_such_key"
    assert labels.issue_title("unknown_field", "ko") == "알 수 없는 기술 분야"


def test_bilingual_is_the_one_language_switch():
    from exportmcda.data.countries import SourceType, get_country
    from exportmcda.data.database import Provenance
    from exportmcda.data.taxonomy import FIELDS
    from exportmcda.model.criteria import load_criteria
    from exportmcda.model.scenarios import load_scenario

    assert labels.bilingual("ko", "Seoul", "서울") == "서울"
    assert labels.bilingual("en", "Seoul", "서울") == "Seoul"
    assert labels.bilingual("fr", "Seoul", "서울") == "Seoul"  # English is the fallback
    field, leaf = FIELDS[0], load_criteria().leaves[0]
    scenario, country = load_scenario("balanced"), get_country("IND")
    notice = Provenance(source="s", sha256="0", synthetic=True)
    for lang in ("en", "ko", "fr"):
        assert field.name(lang) == labels.bilingual(lang, field.en, field.ko)
        assert leaf.label(lang) == labels.bilingual(lang, leaf.label_en, leaf.label_ko)
        assert scenario.label(lang) == labels.bilingual(lang, scenario.label_en,
                                                        scenario.label_ko)
        assert country.name(lang) == labels.bilingual(lang, country.name_en, country.name_ko)
        assert SourceType.WEAK.label(lang) == labels.bilingual(
            lang, SourceType.WEAK.label("en"), SourceType.WEAK.label("ko"))
        assert notice.notice(lang) == labels.bilingual(lang, notice.notice("en") or "",
                                                       notice.notice("ko") or "")


# ---------------------------------------------------------------- notes and issue codes

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "exportmcda"

#: Issue and note codes built at run time (f-strings), with every value they take. A new
#: f-string code fails the scan below until it is registered here.
DYNAMIC_CODES: dict[str, tuple[str, ...]] = {
    "f'unknown_{column}'": tuple(f"unknown_{d.value}" for d in Dimension),
    "f'unknown_{dim.value}'": tuple(f"unknown_{d.value}" for d in Dimension),
    "f'ranking.{what}_keys'": ("ranking.directions_keys", "ranking.weights_keys"),
    "f'country.{key}'": (
        "country.priority", "country.basis", "country.source_role", "country.aggregation",
    ),
    # --- methods: the contributions note and the rank sentence of each non-TOPSIS method ---
    "f'contributions_{method}'": (
        "contributions_wsm", "contributions_promethee_ii", "contributions_spotis",
    ),
    "f'explain_rank_{r.method}'": (
        "explain_rank_vikor", "explain_rank_wsm", "explain_rank_promethee_ii",
        "explain_rank_spotis",
    ),
}

#: Calls whose argument at this position is an issue code (validators' helpers included).
_ISSUE_ARGS = {"of": 0, "single": 0, "_fail": 0, "_config": 0, "add": 0, "agree": 2,
               "_found": 0}
_ADD_RECEIVERS = {"self", "chk", "check"}


def _functions(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    """Each node → the innermost function (or module) containing it."""
    owner: dict[ast.AST, ast.AST] = {}

    def visit(node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            owner[child] = scope
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else scope
            visit(child, inner)

    visit(tree, tree)
    return owner


def _assigned(scope: ast.AST, name: str) -> list[ast.expr]:
    values: list[ast.expr] = []
    for node in ast.walk(scope):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name) and target.id == name:
                values.append(node.value)
            elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                values += [v for t_, v in zip(target.elts, node.value.elts, strict=False)
                           if isinstance(t_, ast.Name) and t_.id == name]
    return values


def _codes_of(expr: ast.expr, scope: ast.AST, where: str, found: dict[str, set[str]],
              unknown: list[str]) -> None:
    """Literal codes an expression can take (if/else chains and local variables followed)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        if expr.value:
            found.setdefault(expr.value, set()).add(where)
    elif isinstance(expr, ast.IfExp):
        _codes_of(expr.body, scope, where, found, unknown)
        _codes_of(expr.orelse, scope, where, found, unknown)
    elif isinstance(expr, ast.JoinedStr):
        key = ast.unparse(expr)
        if key in DYNAMIC_CODES:
            for code in DYNAMIC_CODES[key]:
                found.setdefault(code, set()).add(where)
        else:
            unknown.append(f"{where}: {key}")
    elif isinstance(expr, ast.Name):
        for value in _assigned(scope, expr.id):  # a parameter: its callers are scanned
            _codes_of(value, scope, where, found, unknown)
    else:
        unknown.append(f"{where}: {ast.unparse(expr)}")


def _scan() -> tuple[dict[str, set[str]], dict[str, set[str]], list[str]]:
    """(issue codes, note codes, unrecognised code expressions) used anywhere in src."""
    issues: dict[str, set[str]] = {}
    notes: dict[str, set[str]] = {}
    unknown: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owner = _functions(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            receiver = (func.value.id if isinstance(func, ast.Attribute)
                        and isinstance(func.value, ast.Name) else None)
            scope = owner.get(node, tree)
            is_note = name == "Note" or receiver == "Note"
            target = notes if is_note else issues
            args: list[ast.expr] = [k.value for k in node.keywords if k.arg == "code"
                                    and (is_note or name == "Issue")]
            position = _ISSUE_ARGS.get(name)
            if is_note and name == "of" and node.args:
                args.append(node.args[0])
            elif not is_note and position is not None and len(node.args) > position and (
                name != "add" or receiver in _ADD_RECEIVERS
            ):
                args.append(node.args[position])
            for arg in args:
                _codes_of(arg, scope, where, target, unknown)
    return issues, notes, unknown


ISSUES_USED, NOTES_USED, UNRECOGNISED = _scan()


def test_the_code_scan_finds_the_codes_and_knows_every_dynamic_one():
    assert len(ISSUES_USED) > 100
    assert len(NOTES_USED) > 30
    assert {"missing_filled", "pymcdm_warning", "reversal_removed"} <= set(NOTES_USED)
    assert {"company_conflict", "country.priority", "ranking.weights_keys"} <= set(ISSUES_USED)
    assert UNRECOGNISED == []


def test_every_issue_code_has_an_english_and_a_korean_title():
    missing = {c: sorted(w)[0] for c, w in ISSUES_USED.items() if c not in labels.ISSUE_CODES}
    assert missing == {}
    hangul = re.compile(r"[\uac00-\ud7a3]")
    for code in ISSUES_USED:
        entry = labels.ISSUE_CODES[code]
        assert entry["en"].strip(), code
        assert hangul.search(entry["ko"]), code


def test_every_note_code_has_an_english_and_a_korean_text():
    missing = {c: sorted(w)[0] for c, w in NOTES_USED.items() if c not in labels.NOTES}
    assert missing == {}
    assert set(labels.NOTES) == set(NOTES_USED), "a NOTES entry no code uses"
    hangul = re.compile(r"[\uac00-\ud7a3]")
    for code, entry in labels.NOTES.items():
        assert set(entry) in ({"en", "ko"}, {"en", "ko", "en_one"}), code
        assert entry["en"].strip(), code
        assert hangul.search(entry["ko"]), code
        names = {lang: set(re.findall(r"{(\w+)", text)) for lang, text in entry.items()}
        assert all(n == names["en"] for n in names.values()), code


#: Sample values of note parameters that are codes, and words a Korean text may keep.
_TERM_SAMPLES = {"missing": "worst", "min_source": "official", "scale": "capital",
                 "normalization": "vector", "ahp_method": "eigenvector",
                 "ri_table": "saaty_1980"}
# method and library names, symbols, certification codes
_KEPT_WORDS = {"TOPSIS", "SPOTIS", "AHP", "CR", "pymcdm", "kappa", "TRL", "GS", "NEP", "NET",
               "VIKOR", "PROMETHEE", "II"}


def _sample(code: str) -> Note:
    params: dict[str, str | int | float | None] = {}
    for name in re.findall(r"{(\w+)", labels.NOTES[code]["en"]):
        params[name] = _TERM_SAMPLES.get(name, 7 if name not in {"leaf", "node"} else "c_1")
    return Note(code=code, params=params)


@pytest.mark.parametrize("code", sorted(labels.NOTES))
def test_a_korean_note_leaks_no_english_word_of_its_template(code):
    note = _sample(code)
    english = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"{[^}]*}", " ", labels.NOTES[code]["en"])))
    korean = labels.note_text(note, "ko")
    words = set(re.findall(r"(?<![\w.])[A-Za-z]{2,}(?![\w.])", korean))  # not ids like a_b
    assert (words & english) - _KEPT_WORDS == set(), korean
    for name, value in note.params.items():
        if name in labels.NOTE_TERMS:  # codes are translated, not shown as given
            assert str(value) not in korean, (name, korean)
    assert "{" not in korean
    assert "{" not in labels.note_text(note, "en")


def test_explanation_text_joins_rank_reasons_and_the_weakest_criterion():
    notes = [
        Note.of("explain_rank", rank=3, n=1044, country="VNM", score=0.6742),
        Note.of("why_domestic_sites", n=41, top=5),
        Note.of("why_cert_gs"),
        Note.of("why_policy_headline", field="Traffic", country="VNM"),
        Note.of("why_furthest", criterion="sales_class"),
    ]
    names = {"VNM": "Viet Nam", "Traffic": "Traffic", "sales_class": "Sales class"}
    assert labels.explanation_text(notes, "en", names) == (
        "Ranks 3rd of 1,044 for Viet Nam (closeness 0.674): deployed in 41 Korean local "
        "governments or sites (top 5%), GS-certified (Good Software), Traffic is a headline "
        "priority of Viet Nam's policy; it is furthest from the ideal on Sales class."
    )
    ko = {"VNM": "베트남", "Traffic": "교통", "sales_class": "매출액 등급"}
    assert labels.explanation_text(notes, "ko", ko) == (
        "베트남 대상 1,044개 중 3위(근접도 0.674): 국내 지자체·현장 41곳에 도입(상위 5%), "
        "GS 인증(우수 소프트웨어), 교통은(는) 베트남 정책의 핵심 우선순위; "
        "이상해와의 격차가 가장 큰 기준은 매출액 등급입니다."
    )
    assert [labels._ordinal(k, "en") for k in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]
    assert labels.explanation_text([]) == ""


def test_note_text_renders_english_as_the_library_always_wrote_it():
    one = Note.of("missing_filled", leaf="capital_class", n=1, missing="worst")
    many = Note.of("missing_filled", leaf="capital_class", n=1_234, missing="median")
    assert labels.note_text(one) == (
        "capital_class: 1 technology without a value scored as the worst observed value")
    assert labels.note_text(many) == (
        "capital_class: 1234 technologies without a value scored as the median observed value")
    assert labels.note_text(Note.of("filtered_pool", n=1_200, total=3_000)).startswith(
        "filters leave 1,200 of 3,000 technologies")


def test_note_text_names_ids_and_translates_codes_in_korean():
    note = Note.of("missing_filled", leaf="capital_class", n=3, missing="median")
    text = labels.note_text(note, "ko", {"capital_class": "자본금 등급"})
    assert text == "자본금 등급: 값이 없는 기술 3개는 관측값 중 중앙값으로 점수화했습니다."
    dropped = Note.of("zero_columns_dropped", leaves="a_1, b_2")
    assert labels.note_text(dropped, "en", {"a_1": "A", "b_2": "B"}).startswith("A, B is 0")


def test_an_unknown_note_code_shows_visibly():
    assert labels.note_text(Note.of("no_such_note", n=2)) == "no_such_note (n=2)"


def test_notes_are_hashable_values_and_serialise_for_json():
    a = Note.of("reversal_removed", technology="T1")
    b = Note(code="reversal_removed", params={"technology": "T1"})
    assert a == b
    assert hash(a) == hash(b)
    assert list(dict.fromkeys([a, b, Note.of("tie_rule", groups=1)])) == [
        a, Note.of("tie_rule", groups=1)]
    assert a.as_dict() == {"code": "reversal_removed", "params": {"technology": "T1"}}
    assert json.loads(json.dumps(a.as_dict()))["params"]["technology"] == "T1"
    assert dict(a.params) == {"technology": "T1"}
    with pytest.raises(TypeError):
        a.params["technology"] = "T2"  # type: ignore[index]
    with pytest.raises(TypeError):
        Note.of("x", bad=[1, 2])  # type: ignore[arg-type]


def test_issue_text_is_str_in_english_and_titled_in_korean():
    issue = Issue.of("class_out_of_range", "expected 1–7, got '9'", path="db.csv", row=12,
                     field="sales_class", value="9")
    assert labels.issue_text(issue) == str(issue)
    assert labels.issue_text(issue, "ko") == (
        "db.csv, 12행, 'sales_class' 항목: 등급 범위 벗어남 ('9')")
    error = InputError([issue, issue, issue])
    assert labels.issues_text(error.issues) == str(error)
    assert labels.issues_text(error.issues, "ko").endswith("(외 2건)")


def test_the_app_translates_no_note_with_regular_expressions():
    for path in (ROOT / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert "re" not in imported, path


def test_no_key_is_defined_twice():
    # A text block appended later (each feature adds its own `.update({...})`) must not
    # silently replace an earlier text of the same key: two sheets then read each other's words.
    import ast
    from collections import Counter
    from pathlib import Path

    tree = ast.parse(Path(labels.__file__).read_text(encoding="utf-8"))
    keys: Counter[tuple[str, str]] = Counter()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "update" and isinstance(node.func.value, ast.Name):
            table, entries = node.func.value.id, node.args[0]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                and isinstance(node.value, ast.Dict):
            table, entries = node.target.id, node.value
        else:
            continue
        if isinstance(entries, ast.Dict):
            keys.update((table, k.value) for k in entries.keys if isinstance(k, ast.Constant))
    assert keys, "no label tables found"
    assert [k for k, n in keys.items() if n > 1] == []
