"""Every user-facing string in Korean and English, in one place.

The app, the CLI and exports resolve their labels here; taxonomy names come from
``taxonomy.Category.name(lang)``. Notes and issues are data (a code and parameters,
``exportmcda.errors``) rendered here by :func:`note_text` and :func:`issue_text`. A test
fails when a key or a code lacks a language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Protocol

__all__ = [
    "GENERIC_ISSUE",
    "ISSUE_CODES",
    "ISSUE_HINTS",
    "LABELS",
    "LANGUAGES",
    "NOTES",
    "NOTE_TERMS",
    "bilingual",
    "coded",
    "explanation_text",
    "file_term",
    "issue_detail",
    "issue_text",
    "issue_title",
    "issues_text",
    "note_text",
    "notes_text",
    "score_column",
    "shared_rank_text",
    "source_year",
    "t",
]

LANGUAGES: Final[dict[str, str]] = {"en": "English", "ko": "한국어"}
"""Language codes and the exact text of the language switch's options."""

LABELS: Final[dict[str, dict[str, str]]] = {
    "app_title": {
        "en": "Smart-city technology export selection",
        "ko": "스마트시티 수출 기술 선정",
    },
    "app_caption": {
        "en": "Decision support for selecting Korean smart-city technologies for export "
        "(after Kim 2021, University of Seoul).",
        "ko": "한국 스마트시티 기술의 해외 수출 대상 선정을 위한 의사결정 지원 도구"
        "(김대일, 2021, 서울시립대학교 연구 기반).",
    },
    "language": {"en": "Language", "ko": "언어"},
    "page_overview": {"en": "Database overview", "ko": "데이터베이스 현황"},
    "data_source": {"en": "Data", "ko": "데이터"},
    "data_sample": {"en": "Sample database (synthetic)", "ko": "샘플 데이터베이스(합성)"},
    "data_uploaded": {"en": "Uploaded file", "ko": "업로드한 파일"},
    "upload_label": {
        "en": "Upload your own database (.csv or .xlsx, interchange format)",
        "ko": "자체 데이터베이스 업로드(.csv 또는 .xlsx, 교환 형식)",
    },
    "upload_ok": {
        "en": "File validated: {rows} technology × field rows, {technologies} technologies, "
        "{companies} companies.",
        "ko": "파일 검증 완료: 기술×분야 {rows}행, 기술 {technologies}개, 기업 {companies}개.",
    },
    "upload_failed": {
        "en": "The file was not loaded: {n} problem(s) found. Nothing was changed; fix the "
        "rows below and upload again.",
        "ko": "파일을 불러오지 않았습니다: 문제 {n}건. 기존 데이터는 그대로입니다. 아래 행을 "
        "수정한 뒤 다시 업로드하세요.",
    },
    "use_sample": {"en": "Back to the sample database", "ko": "샘플 데이터베이스로 돌아가기"},
    "provenance": {"en": "Provenance and assumptions", "ko": "데이터 출처와 가정"},
    "source": {"en": "Source", "ko": "출처"},
    "sha256": {"en": "SHA-256", "ko": "SHA-256"},
    "assumptions": {"en": "Assumptions", "ko": "가정"},
    "kpi_rows": {"en": "Technology × field rows", "ko": "기술×분야 행(중복 포함)"},
    "kpi_technologies": {"en": "Unique technologies", "ko": "고유 기술"},
    "kpi_companies": {"en": "Companies", "ko": "기업"},
    "table_numbers": {"en": "Numbers behind the chart", "ko": "차트 수치"},
    "notes": {"en": "Notes", "ko": "참고"},
    "total": {"en": "Total", "ko": "합계"},
    # overview tables: titles
    "tbl_regions": {"en": "Technologies and companies by region", "ko": "지역별 기술·기업 현황"},
    "tbl_sizes": {"en": "Companies by size", "ko": "기업 규모별 현황"},
    "tbl_capital": {"en": "Companies by capital stock", "ko": "자본금별 기업 현황"},
    "tbl_sales": {"en": "Companies by sales", "ko": "매출액별 기업 현황"},
    "tbl_history": {"en": "Companies by history", "ko": "업력별 기업 현황"},
    "tbl_employees": {"en": "Companies by number of employees", "ko": "종업원 수별 기업 현황"},
    "tbl_fields": {
        "en": "Technologies by field (technology × field rows)",
        "ko": "분야별 기술 현황(중복 포함)",
    },
    "tbl_service-types": {
        "en": "Technologies by service type (technology × field rows)",
        "ko": "서비스 유형별 기술 현황(중복 포함)",
    },
    # overview tabs: short names that fit the page's width (the table's title is in its chart)
    "tab_regions": {"en": "Regions", "ko": "지역"},
    "tab_sizes": {"en": "Sizes", "ko": "기업 규모"},
    "tab_capital": {"en": "Capital", "ko": "자본금"},
    "tab_sales": {"en": "Sales", "ko": "매출액"},
    "tab_history": {"en": "History", "ko": "업력"},
    "tab_employees": {"en": "Employees", "ko": "종업원 수"},
    "tab_fields": {"en": "Fields", "ko": "기술 분야"},
    "tab_service-types": {"en": "Service types", "ko": "서비스 유형"},
    # overview tables: columns
    "col_region": {"en": "Region", "ko": "지역"},
    "col_technologies": {"en": "Technologies", "ko": "기술 수"},
    "col_technologies_pct": {"en": "Technologies (%)", "ko": "기술 비율(%)"},
    "col_companies": {"en": "Companies", "ko": "기업 수"},
    "col_companies_pct": {"en": "Companies (%)", "ko": "기업 비율(%)"},
    "col_size": {"en": "Company size", "ko": "기업 규모"},
    "col_pct": {"en": "Share (%)", "ko": "비율(%)"},
    "col_class": {"en": "Class", "ko": "등급"},
    "col_label": {"en": "Range", "ko": "구간"},
    "col_field": {"en": "Technology field", "ko": "기술 분야"},
    "col_service_type": {"en": "Service type", "ko": "서비스 유형"},
    "col_count": {"en": "Count", "ko": "수"},
    # validation table
    "col_row": {"en": "Row", "ko": "행"},
    "col_column": {"en": "Column", "ko": "열"},
    "col_value": {"en": "Value", "ko": "값"},
    "col_problem": {"en": "Problem", "ko": "문제"},
    "col_detail": {"en": "Detail", "ko": "상세"},
    "col_file": {"en": "File", "ko": "파일"},
    "error_unexpected": {
        "en": "Something went wrong while preparing this view. The data was not changed. "
        "Details were written to the server log.",
        "ko": "화면을 준비하는 중 문제가 발생했습니다. 데이터는 변경되지 않았습니다. "
        "상세 내용은 서버 로그에 기록되었습니다.",
    },
}

ISSUE_CODES: Final[dict[str, dict[str, str]]] = {
    "missing_column": {"en": "Missing column", "ko": "필수 열 없음"},
    "duplicate_column": {"en": "Duplicate column", "ko": "중복된 열"},
    "empty_id": {"en": "Empty required cell", "ko": "필수 값 없음"},
    "empty_value": {"en": "Empty required cell", "ko": "필수 값 없음"},
    "unknown_field": {"en": "Unknown technology field", "ko": "알 수 없는 기술 분야"},
    "unknown_service_type": {"en": "Unknown service type", "ko": "알 수 없는 서비스 유형"},
    "unknown_region": {"en": "Unknown region", "ko": "알 수 없는 지역"},
    "unknown_company_size": {"en": "Unknown company size", "ko": "알 수 없는 기업 규모"},
    "class_out_of_range": {"en": "Class out of range", "ko": "등급 범위 벗어남"},
    "not_a_number": {"en": "Not a number", "ko": "숫자가 아님"},
    "negative_number": {"en": "Negative number", "ko": "음수"},
    "future_year": {"en": "Year in the future", "ko": "미래 연도"},
    "raw_class_mismatch": {"en": "Value and class disagree", "ko": "값과 등급 불일치"},
    "company_conflict": {"en": "Company attributes disagree", "ko": "기업 속성 불일치"},
    "technology_conflict": {"en": "Technology attributes disagree", "ko": "기술 속성 불일치"},
    "duplicate_row": {"en": "Duplicate technology × field", "ko": "중복된 기술×분야 행"},
    "not_a_table": {"en": "Not a table", "ko": "표 형식이 아님"},
    "empty_file": {"en": "Empty file", "ko": "빈 파일"},
    "encoding": {"en": "Unreadable text encoding", "ko": "문자 인코딩을 읽을 수 없음"},
    "too_large": {"en": "File too large", "ko": "파일이 너무 큼"},
    "too_many_rows": {"en": "Too many rows", "ko": "행이 너무 많음"},
    "file_not_found": {"en": "File not found", "ko": "파일을 찾을 수 없음"},
    "cannot_read": {"en": "File cannot be read", "ko": "파일을 읽을 수 없음"},
    "checksum_mismatch": {"en": "Checksum does not match", "ko": "체크섬 불일치"},
    "no_rows": {"en": "No data rows", "ko": "데이터 행 없음"},
    "unnamed_column": {"en": "Column without a name", "ko": "이름 없는 열"},
    "reserved_column": {"en": "Reserved column name", "ko": "예약된 열 이름"},
    "not_an_integer": {"en": "Not a whole number", "ko": "정수가 아님"},
    "number_out_of_range": {"en": "Number out of range", "ko": "숫자 범위 벗어남"},
    "implausible_year": {"en": "Implausible year", "ko": "비정상적인 연도"},
    "judgment_not_a_number": {"en": "Judgment is not a number", "ko": "판단값이 숫자가 아님"},
    "judgment_not_positive": {"en": "Judgment must be positive", "ko": "판단값은 양수여야 함"},
    "judgment_out_of_scale": {"en": "Judgment outside 1/9–9", "ko": "판단값이 1/9–9 범위 밖"},
    "judgment_diagonal": {"en": "Diagonal must be 1", "ko": "대각선 값은 1이어야 함"},
    "judgment_not_reciprocal": {"en": "Judgments not reciprocal", "ko": "역수 관계가 아님"},
    "judgments_disconnected": {"en": "Too few judgments", "ko": "판단값이 부족함"},
    "matrix_not_square": {"en": "Matrix not square", "ko": "정방행렬이 아님"},
    "matrix_label_mismatch": {"en": "Row and column names differ", "ko": "행·열 이름 불일치"},
    "matrix_duplicate_label": {"en": "Duplicate criterion name", "ko": "중복된 기준 이름"},
    "matrix_label_empty": {"en": "Empty criterion name", "ko": "빈 기준 이름"},
    "matrix_empty": {"en": "Empty matrix", "ko": "빈 행렬"},
    "matrix_too_large": {"en": "Too many criteria", "ko": "기준이 너무 많음"},
    "unknown_label": {"en": "Unknown criterion", "ko": "알 수 없는 기준"},
    "unknown_criterion": {"en": "Unknown criterion", "ko": "알 수 없는 기준"},
    "unknown_node": {"en": "Unknown hierarchy node", "ko": "알 수 없는 계층 노드"},
    "unknown_ri_table": {"en": "Unknown random-index table", "ko": "알 수 없는 무작위 지수 표"},
    "unknown_method": {"en": "Unknown method", "ko": "알 수 없는 방법"},
    "unknown_completion": {
        "en": "Unknown completion of missing judgments", "ko": "알 수 없는 누락 판단 보완 방식",
    },
    "bounds_header": {"en": "Invalid bounds file header", "ko": "잘못된 범위 파일 머리글"},
    "bounds_criterion": {"en": "Bounds for an unknown criterion", "ko": "알 수 없는 기준의 범위"},
    "bounds_missing": {"en": "Criterion without bounds", "ko": "범위가 없는 기준"},
    "bounds_value": {"en": "Invalid bound", "ko": "잘못된 범위 값"},
    "bounds_excludes_data": {"en": "Data outside the bounds", "ko": "범위를 벗어난 데이터"},
    "method_option": {"en": "Option of another method", "ko": "다른 방법의 옵션"},
    "unknown_scenario": {"en": "Unknown scenario", "ko": "알 수 없는 시나리오"},
    "unknown_technology": {"en": "Unknown technology", "ko": "알 수 없는 기술"},
    "weight_invalid": {"en": "Invalid weight", "ko": "잘못된 가중치"},
    "weights_all_zero": {"en": "All weights are zero", "ko": "모든 가중치가 0"},
    "weights_mismatch": {"en": "Weights do not match the criteria", "ko": "가중치와 기준 불일치"},
    "too_few_candidates": {"en": "Too few technologies", "ko": "기술이 너무 적음"},
    "bad_toml": {"en": "Not valid TOML", "ko": "TOML 형식 오류"},
    "country.unknown_code": {"en": "Unknown country", "ko": "알 수 없는 국가"},
    # one place per concept / review bugs (issue 8, parts 5-6)
    "candidates_country_mismatch": {
        "en": "Candidates scored for another country",
        "ko": "다른 국가 기준으로 산출된 후보",
    },
    "unknown_table": {"en": "Unknown table", "ko": "알 수 없는 표"},
    "unknown_language": {"en": "Unknown language", "ko": "알 수 없는 언어"},
    # technology-level evidence (issue 9, part 6)
    "unknown_country_code": {"en": "Unknown country code", "ko": "알 수 없는 국가 코드"},
    "unknown_certification": {"en": "Unknown certification", "ko": "알 수 없는 인증"},
}

GENERIC_ISSUE: Final[dict[str, str]] = {"en": "Problem", "ko": "문제"}
"""Title of an issue whose code has no entry above (its message still says what is wrong)."""


def bilingual(lang: str, en: str, ko: str) -> str:
    """Pick the Korean or the English text of a bilingual item (English unless ``lang='ko'``).

    The one accessor behind every ``name(lang)``/``label(lang)`` of the taxonomy, the
    criteria, scenarios, country profiles and provenance notices, so they all fall back the
    same way for a language they do not have.
    """
    return ko if lang == "ko" else en


def t(key: str, lang: str = "en", **values: object) -> str:
    """Translate ``key`` into ``lang`` ('en' or 'ko'), filling ``{placeholders}``.

    An unknown key is returned as is, so a missing label shows up visibly in the page
    instead of crashing it (the label test catches it before release).
    """
    entry = LABELS.get(key)
    text = key if entry is None else entry.get(lang, entry["en"])
    return text.format(**values) if values else text


def shared_rank_text(shared: int, tied: bool) -> str:
    """A shared (competition) rank as tables show it: ``"=2"`` when tied, else ``"2"``."""
    return f"={int(shared)}" if tied else str(int(shared))


def issue_title(code: str, lang: str = "en") -> str:
    """Short translated title of an issue code (a generic "Problem" title if unknown)."""
    entry = ISSUE_CODES.get(code, GENERIC_ISSUE)
    return entry.get(lang, entry["en"])

# Labels of exports and the command line (reports.py, cli.py).
LABELS.update(
    {
        "col_rank": {"en": "Rank", "ko": "순위"},
        "col_shared_rank": {"en": "Shared rank", "ko": "공동 순위"},
        "col_tied_with": {"en": "Tied with", "ko": "동점 기술"},
        "col_technology_id": {"en": "Technology ID", "ko": "기술 ID"},
        "col_technology": {"en": "Technology", "ko": "기술"},
        "col_company": {"en": "Company", "ko": "기업"},
        "col_score": {"en": "Score (TOPSIS closeness)", "ko": "점수(TOPSIS 근접도)"},
        "col_explanation": {"en": "Why this rank", "ko": "순위 근거"},
        "col_contribution": {"en": "Contribution", "ko": "기여도"},
        "col_criterion": {"en": "Criterion", "ko": "기준"},
        "col_subcriterion": {"en": "Sub-criterion", "ko": "세부 기준"},
        "col_direction": {"en": "Direction", "ko": "방향"},
        "col_local_weight": {"en": "Local weight", "ko": "국소 가중치"},
        "col_global_weight": {"en": "Global weight", "ko": "전역 가중치"},
        "col_priority": {"en": "Priority (0–2)", "ko": "우선순위(0–2)"},
        "col_basis": {"en": "Basis", "ko": "근거 유형"},
        "col_evidence": {"en": "Evidence", "ko": "근거"},
        "col_sources": {"en": "Sources", "ko": "출처"},
        "col_source_id": {"en": "Source ID", "ko": "출처 ID"},
        "col_title": {"en": "Title", "ko": "제목"},
        "col_issuer": {"en": "Issuer", "ko": "발행 기관"},
        "col_year": {"en": "Year", "ko": "연도"},
        "col_type": {"en": "Type", "ko": "유형"},
        "node": {"en": "Node", "ko": "노드"},
        "consistent": {"en": "consistent", "ko": "일관성 있음"},
        "inconsistent": {"en": "INCONSISTENT", "ko": "일관성 없음"},
        "direct_weights": {"en": "direct weights", "ko": "직접 가중치"},
        "target": {"en": "Target", "ko": "대상국"},
        "evidence_strength": {"en": "Evidence strength", "ko": "근거 강도"},
        "synthetic": {"en": "Synthetic sample data", "ko": "합성 샘플 데이터"},
        "yes": {"en": "yes", "ko": "예"},
        "no": {"en": "no", "ko": "아니요"},
        "scenario": {"en": "Scenario", "ko": "시나리오"},
        "method": {"en": "Method", "ko": "방법"},
        "normalization": {"en": "Normalization", "ko": "정규화"},
        "candidates": {"en": "Candidate technologies", "ko": "후보 기술 수"},
        "created": {"en": "Created", "ko": "작성일"},
        "sheet_shortlist": {"en": "Shortlist", "ko": "후보 목록"},
        "sheet_weights": {"en": "Weights and AHP", "ko": "가중치와 AHP"},
        "sheet_country": {"en": "Country profile", "ko": "대상국 정책"},
        "sheet_provenance": {"en": "Provenance", "ko": "출처 정보"},
        "sheet_assumptions": {"en": "Assumptions", "ko": "가정"},
    }
)

# Labels of the app's ranking, weights and comparison pages (ui/pages/).
LABELS.update(
    {
        "page_ranking": {"en": "Ranking", "ko": "수출 기술 순위"},
        "page_weights": {"en": "Pairwise weights (AHP)", "ko": "쌍대비교 가중치(AHP)"},
        "page_compare": {"en": "Compare targets", "ko": "대상국 비교"},
        "target_help": {
            "en": "A country, a regional network (ASCN) or a group of countries (ASEAN, "
            "Middle East: the members' priorities averaged).",
            "ko": "국가, 지역 네트워크(ASCN) 또는 국가 그룹(아세안, 중동: 회원국 우선순위 평균).",
        },
        "target_group": {"en": "{name} (group of {n})", "ko": "{name} ({n}개국 그룹)"},
        "scenario_help": {
            "en": "A named weighting of the criteria; choosing one resets the weights to it.",
            "ko": "기준 가중치의 이름 붙은 설정입니다. 선택하면 가중치가 해당 값으로 초기화됩니다.",
        },
        "top_n": {"en": "Show top", "ko": "상위 표시 개수"},
        "weights_title": {"en": "Criterion weights", "ko": "기준 가중치"},
        "weights_help": {
            "en": "Move a slider (mouse or arrow keys): the other criteria rescale so the "
            "weights always sum to 1, and the ranking below updates at once.",
            "ko": "슬라이더를 움직이면(마우스 또는 방향키) 나머지 기준이 비례 조정되어 가중치 "
            "합은 항상 1이 되고, 아래 순위가 즉시 갱신됩니다.",
        },
        "weight_left_out": {
            "en": "Left out: the database lacks the columns this criterion is computed from. "
            "Its weight is shared among the other criteria in proportion to theirs.",
            "ko": "제외됨: 데이터베이스에 이 기준을 계산할 열이 없습니다. 이 기준의 가중치는 "
            "나머지 기준에 가중치 비율대로 나뉩니다.",
        },
        "weights_used": {
            "en": "Weights used in the ranking",
            "ko": "순위에 적용된 가중치",
        },
        "weights_adjusted": {
            "en": "The weights differ from the scenario's: exports and links carry the "
            "adjusted weights.",
            "ko": "가중치가 시나리오 값과 다릅니다. 내보내기와 링크에는 조정된 가중치가 "
            "반영됩니다.",
        },
        "reset_weights": {"en": "Reset weights to the scenario", "ko": "시나리오 가중치로 초기화"},
        "open_pairwise": {
            "en": "Set weights by pairwise comparison (AHP)",
            "ko": "쌍대비교(AHP)로 가중치 설정",
        },
        "sub_weights": {"en": "Sub-criteria of {name}", "ko": "{name} 세부 기준"},
        "top_level_criteria": {"en": "Top-level criteria", "ko": "상위 기준"},
        "local_weights": {"en": "Resulting weights", "ko": "산출 가중치"},
        "col_weight": {"en": "Weight", "ko": "가중치"},
        "col_weight_pct": {"en": "Weight (%)", "ko": "가중치(%)"},
        "filters": {"en": "Filter the candidates", "ko": "후보 기술 필터"},
        "filter_all": {"en": "All", "ko": "전체"},
        "sources_title": {
            "en": "Policy sources behind the fit for {name}",
            "ko": "{name} 정책 부합도의 근거 자료",
        },
        "sources_count": {
            "en": "{n} sources count under this rule",
            "ko": "이 기준에서 인정되는 근거 자료 {n}건",
        },
        "filters_active": {
            "en": "{n} filters active: the ranking compares only the chosen candidates.",
            "ko": "필터 {n}개 적용 중: 선택한 후보 기술끼리만 비교합니다.",
        },
        "sources_strength": {
            "en": "Evidence strength of the profile: {strength}",
            "ko": "국가 정책 프로필의 근거 강도: {strength}",
        },
        "sources_none": {
            "en": "No source names a field of these candidates: the policy fit is 0 for all.",
            "ko": "후보 기술의 분야를 언급한 자료가 없어 정책 부합도가 모두 0입니다.",
        },
        "col_source_type": {"en": "Source type", "ko": "자료 유형"},
        "col_strength": {"en": "Strength", "ko": "신뢰 강도"},
        "col_url": {"en": "Address (URL)", "ko": "주소(URL)"},
        "ranking_title": {"en": "Top {n} technologies", "ko": "상위 {n}개 기술"},
        "contrib_title": {
            "en": "Why they rank there: each criterion's share of the score",
            "ko": "순위 근거: 점수에서 각 기준이 차지하는 몫",
        },
        "explain_title": {"en": "Explain one technology", "ko": "기술별 순위 설명"},
        "explain_pick": {"en": "Technology", "ko": "기술 선택"},
        "col_ideal": {"en": "Best in the pool", "ko": "후보 중 최고값"},
        "col_anti_ideal": {"en": "Worst in the pool", "ko": "후보 중 최저값"},
        "col_needed": {"en": "Value needed to move up", "ko": "순위 상승에 필요한 값"},
        "moves_title": {
            "en": "What it would take to overtake the technology ranked just above ({name}), "
            "changing one criterion only:",
            "ko": "바로 위 순위 기술({name})을 앞서려면 한 기준만 바꿀 때 필요한 값:",
        },
        "moves_top": {
            "en": "This technology ranks first: nothing above to overtake.",
            "ko": "이 기술이 1위이므로 앞설 대상이 없습니다.",
        },
        "move_none": {
            "en": "not enough on its own",
            "ko": "이 기준만으로는 불가",
        },
        "export_title": {"en": "Export", "ko": "내보내기"},
        "download_xlsx": {"en": "Shortlist (Excel)", "ko": "후보 목록(엑셀)"},
        "download_csv": {"en": "Shortlist (CSV)", "ko": "후보 목록(CSV)"},
        "download_scenario": {"en": "Scenario file (TOML)", "ko": "시나리오 파일(TOML)"},
        "scenario_file": {"en": "Scenario", "ko": "시나리오 파일"},
        "scenario_upload_label": {
            "en": "Upload a scenario file (.toml) from a colleague",
            "ko": "동료에게 받은 시나리오 파일(.toml) 업로드",
        },
        "scenario_rejected": {
            "en": "The scenario file was not loaded:",
            "ko": "시나리오 파일을 불러오지 않았습니다:",
        },
        "pairwise_question": {"en": "{a} vs {b}", "ko": "{a} 대 {b}"},
        "pairwise_direct_mode": {
            "en": "These weights were set directly (sliders or scenario); the judgments shown "
            "are the nearest scale values of their ratios. Changing one switches to AHP.",
            "ko": "이 가중치는 슬라이더나 시나리오로 직접 설정되었습니다. 아래 판단값은 "
            "가중치 비율에 가장 가까운 척도값이며, 하나를 바꾸면 AHP로 전환됩니다.",
        },
        "lambda_max": {"en": "λmax", "ko": "최대 고유값 λmax"},
        "consistency_ratio": {"en": "Consistency ratio (CR)", "ko": "일관성 비율(CR)"},
        "cr_threshold": {"en": "Threshold", "ko": "허용 기준"},
        "ri_table_used": {"en": "Random index table: {table}", "ko": "무작위 지수 표: {table}"},
        "cr_ok": {
            "en": "Consistent: CR {cr} ≤ {limit}.",
            "ko": "일관성 있음: CR {cr} ≤ {limit}.",
        },
        "cr_warning": {
            "en": "Inconsistent judgments: CR {cr} > {limit}. Revisit the judgments below "
            "(the first one helps most).",
            "ko": "판단의 일관성이 부족합니다: CR {cr} > {limit}. 아래 판단을 다시 검토하세요"
            "(첫 번째가 가장 효과적).",
        },
        "col_pair": {"en": "Judgment to revisit", "ko": "재검토할 판단"},
        "col_current": {"en": "Now", "ko": "현재 값"},
        "col_implied": {"en": "Implied by the others", "ko": "다른 판단이 시사하는 값"},
        "col_suggested": {"en": "Nearest scale value", "ko": "가장 가까운 척도값"},
        "col_cr_after": {"en": "CR after the change", "ko": "변경 후 CR"},
        "compare_targets": {"en": "Targets to compare (2–4)", "ko": "비교할 대상국(2–4개)"},
        "compare_pick_two": {
            "en": "Choose at least two targets to compare.",
            "ko": "비교할 대상국을 두 곳 이상 선택하세요.",
        },
        "strong_everywhere": {
            "en": "Strong in every target (in each top {n})",
            "ko": "모든 대상국에서 강한 기술(각 상위 {n}개 포함)",
        },
        "strong_none": {
            "en": "No technology is in every target's top list.",
            "ko": "모든 대상국의 상위 목록에 든 기술이 없습니다.",
        },
        "rank_in": {"en": "Rank in {name}", "ko": "{name} 순위"},
        "overlap_title": {
            "en": "Overlap: technologies shared by two top-{n} lists",
            "ko": "중복: 두 상위 {n}개 목록에 함께 든 기술 수",
        },
        "bump_title": {
            "en": "Rank of each top-{n} technology in each target (hollow: outside the top)",
            "ko": "상위 {n}개 기술의 대상국별 순위(빈 점: 상위권 밖)",
        },
        "col_target": {"en": "Target", "ko": "대상국"},
    }
)

LABELS["explain_placeholder"] = {
    "en": "Choose a technology of the top list",
    "ko": "상위 목록에서 기술을 선택하세요",
}

# Labels of the sensitivity view (charts_sensitivity.py, ui/pages/sensitivity.py).
LABELS.update(
    {
        "weight": {"en": "Weight", "ko": "가중치"},
        "top1_from": {"en": "Top 1 unchanged from", "ko": "1위 유지 하한"},
        "top1_to": {"en": "Top 1 unchanged up to", "ko": "1위 유지 상한"},
        "topn_from": {"en": "Shortlist unchanged from", "ko": "후보 목록 유지 하한"},
        "topn_to": {"en": "Shortlist unchanged up to", "ko": "후보 목록 유지 상한"},
        "current_weight": {"en": "Current weight", "ko": "현재 가중치"},
        "tornado_title": {
            "en": "Weight intervals that keep the shortlist (dark) and the top 1 (light)",
            "ko": "후보 목록(진한 색)과 1위(옅은 색)가 유지되는 가중치 구간",
        },
        "gradient_title": {
            "en": "Rank of each shortlisted technology as the weight changes",
            "ko": "가중치 변화에 따른 후보 기술의 순위",
        },
        "probability": {"en": "Probability", "ko": "확률"},
        "acceptability_title": {
            "en": "How often each technology gets each rank (SMAA, sampled weights)",
            "ko": "가중치 표본별 각 기술의 순위 확률(SMAA)",
        },
        "page_sensitivity": {"en": "Sensitivity", "ko": "민감도 분석"},
    }
)

LABELS.update(
    {
        "sens_intro": {
            "en": "Would the shortlist change if we weighted a criterion a bit more? Each "
            "analysis below answers that for the ranking set on the Ranking page.",
            "ko": "기준 가중치를 조금 바꾸면 후보 목록이 달라질까요? 아래 분석은 순위 화면에서 "
            "설정한 순위에 대해 이 질문에 답합니다.",
        },
        "sens_samples": {"en": "Weight samples (SMAA)", "ko": "가중치 표본 수(SMAA)"},
        "sens_seed": {"en": "Random seed", "ko": "난수 시드"},
        "sens_model": {"en": "Sampled weights", "ko": "가중치 표본 방식"},
        "sens_model_around": {"en": "around the scenario", "ko": "시나리오 주변"},
        "sens_model_uniform": {"en": "anywhere (uniform)", "ko": "전체 범위(균등)"},
        "sens_running": {"en": "Sampling weights…", "ko": "가중치 표본 계산 중…"},
        "sens_oat": {"en": "One criterion at a time", "ko": "기준별 단일 변화 분석"},
        "sens_oat_help": {
            "en": "One weight is set to x and the others rescaled proportionally to 1 − x (as "
            "the sliders do). Bars: the interval of x in which the shortlist (dark) and the "
            "top 1 (light) stay the same; red tick: the current weight.",
            "ko": "한 가중치를 x로 두고 나머지는 1 − x에 비례하도록 조정합니다(슬라이더와 동일). "
            "막대: 후보 목록(진한 색)과 1위(옅은 색)가 유지되는 x의 구간, 빨간 눈금: 현재 가중치.",
        },
        "sens_gradient_pick": {"en": "Vary the weight of", "ko": "가중치를 바꿀 기준"},
        "sens_smaa": {"en": "Rank acceptability (SMAA-2)", "ko": "순위 수용 확률(SMAA-2)"},
        "sens_smaa_help": {
            "en": "{samples} weight vectors (seed {seed}, sampled {model}); each bar shows how "
            "often a technology takes each rank, and the table its chance of staying in the "
            "top {n}.",
            "ko": "가중치 벡터 {samples}개(시드 {seed}, 방식 {model}). 막대는 기술별 순위 확률, "
            "표는 상위 {n}위 안에 남을 확률입니다.",
        },
        "sens_baseline_rank": {"en": "Current rank", "ko": "현재 순위"},
        "sens_top_n": {"en": "In the top {n}", "ko": "상위 {n}위 안"},
        "sens_first": {"en": "Ranked first", "ko": "1위 확률"},
        "sens_methods": {"en": "Other methods", "ko": "다른 방법과의 비교"},
        "sens_tau": {
            "en": "Kendall's τ between the methods' rankings (1 = identical order):",
            "ko": "방법 간 순위의 켄달 τ(1 = 동일한 순서):",
        },
        "sens_common": {"en": "In every method's top {n}:", "ko": "모든 방법의 상위 {n}위:"},
        "sens_reversal": {"en": "Rank reversal check", "ko": "순위 역전 점검"},
        "sens_reversal_help": {
            "en": "TOPSIS can swap two technologies when a third is added or removed (a known "
            "weakness, shown here rather than hidden).",
            "ko": "TOPSIS는 다른 기술을 추가·제거할 때 두 기술의 순서가 바뀔 수 있습니다"
            "(알려진 약점이며 숨기지 않고 보여 줍니다).",
        },
        "sens_reversal_summary": {
            "en": "{checked} changes checked; {reversed} swapped the order of some other pair.",
            "ko": "변경 {checked}건 점검, 그중 {reversed}건에서 다른 기술 쌍의 순서가 바뀜.",
        },
        "sens_change": {"en": "Change", "ko": "변경"},
        "sens_swapped": {"en": "Pairs swapped", "ko": "순서가 바뀐 쌍"},
        "sens_shortlist_changed": {"en": "Shortlist changed", "ko": "후보 목록 변경"},
        "sens_pairs": {"en": "Examples", "ko": "예시"},
        "sens_flip": {
            "en": "What would swap two technologies?",
            "ko": "두 기술의 순위를 바꾸려면?",
        },
        "sens_flip_above": {"en": "Technology ranked higher", "ko": "상위 기술"},
        "sens_flip_below": {"en": "Technology to move above it", "ko": "올리려는 기술"},
        "sens_flip_needed": {"en": "Weight that swaps them", "ko": "순위가 바뀌는 가중치"},
        "sens_flip_dominated": {
            "en": "No weight vector does: the higher one is at least as good on every criterion.",
            "ko": "어떤 가중치로도 불가능합니다: 상위 기술이 모든 기준에서 같거나 더 낫습니다.",
        },
        "sens_flip_already": {
            "en": "It already ranks at or above the other one.",
            "ko": "이미 같거나 더 높은 순위입니다.",
        },
        "sens_flip_none": {
            "en": "No weight change along the searched directions swaps them.",
            "ko": "탐색한 방향의 가중치 변화로는 순위가 바뀌지 않습니다.",
        },
    }
)

# Audit record of exports (audit.py, reports.py, cli_audit.py).
LABELS.update(
    {
        "audit_record": {"en": "Audit record", "ko": "감사 기록"},
        "audit_record_where": {
            "en": "sheet 'record' (JSON); re-run with: exportmcda verify FILE.xlsx",
            "ko": "'record' 시트(JSON); 재현 확인: exportmcda verify FILE.xlsx",
        },
        "audit_record_line": {
            "en": "exportmcda audit record: machine-readable JSON in column A, rows 2 to "
            "{last}; do not edit. To re-run it: exportmcda verify <this file>",
            "ko": "exportmcda 감사 기록: A열 2~{last}행의 기계 판독용 JSON이며 수정하지 "
            "마십시오. 재현 확인: exportmcda verify <이 파일>",
        },
        "audit_criteria_hash": {"en": "Criteria file", "ko": "평가 기준 파일"},
        "audit_scenario_hash": {
            "en": "Scenario as applied", "ko": "적용한 시나리오",
        },
        "audit_profile_hash": {"en": "Country profile file", "ko": "국가 프로필 파일"},
        "audit_filters": {"en": "Filters", "ko": "필터"},
        "audit_no_filters": {"en": "none (all technologies)", "ko": "없음(전체 기술)"},
        "audit_top": {"en": "Shortlist size", "ko": "후보 목록 크기"},
    }
)

# Evidence levels of a country profile, computed from its sources (data.countries.EvidenceLevel).
LABELS.update(
    {
        "evidence_level.strong": {"en": "Strong", "ko": "강함"},
        "evidence_level.moderate": {"en": "Moderate", "ko": "보통"},
        "evidence_level.thin": {"en": "Thin", "ko": "약함"},
        "evidence_level.none": {"en": "None", "ko": "없음"},
        "evidence_level_rule": {
            "en": "Strong: an official source and two or more sources; Moderate: a copy, an "
            "analysis or a single official source; Thin: news or weak hosts only; None: no "
            "source left after the evidence rule",
            "ko": "강함: 공식 출처 1개 이상과 출처 2개 이상, 보통: 공식 문서 사본·분석 또는 공식 "
            "출처 1개, 약함: 언론·저신뢰 출처만, 없음: 근거 규칙 적용 후 남은 출처 없음",
        },
    }
)
ISSUE_CODES.update(
    {
        "audit.no_record": {"en": "No audit record", "ko": "감사 기록 없음"},
        "audit.bad_record": {"en": "Invalid audit record", "ko": "잘못된 감사 기록"},
        "audit.not_xlsx": {"en": "Not an Excel workbook", "ko": "엑셀 통합 문서가 아님"},
        "audit.data_needed": {"en": "Data file needed", "ko": "데이터 파일 필요"},
    }
)

# Policy-fit evidence rule (ui/components.evidence_controls).
LABELS.update(
    {
        "evidence_min": {
            "en": "Count a policy priority only if a source is at least",
            "ko": "정책 우선순위 인정 기준(출처 최소 유형)",
        },
        "evidence_any": {"en": "any source", "ko": "모든 출처"},
        "evidence_sourced_only": {
            "en": "Ignore assumed mappings (sourced only)",
            "ko": "가정 매핑 제외(직접 근거만)",
        },
        "evidence_help": {
            "en": "Official > copy of an official document > analysis > news > weak. A field "
            "whose priority lacks such a source counts as 0 in the policy fit.",
            "ko": "공식 > 공식 문서 사본 > 분석 > 뉴스 > 약함. 해당 유형 이상의 출처가 없는 분야의 "
            "우선순위는 정책 부합도에서 0으로 계산됩니다.",
        },
    }
)

# A shared link's weights (exportmcda.model.weight_state.parse_url_weights; ui/sidebar.py).
LABELS.update(
    {
        "url_weights_ignored": {
            "en": "Parts of the link were not applied (below); the scenario's weights and "
            "no filters are shown for them.",
            "ko": "링크의 일부를 적용하지 않았습니다(아래). 해당 부분은 시나리오의 가중치와 "
            "필터 없음으로 표시합니다.",
        },
    }
)
ISSUE_CODES.update(
    {
        "url_weight_not_number": {"en": "Link weight is not a number",
                                  "ko": "링크의 가중치가 숫자가 아님"},
        "url_weight_unknown": {"en": "Unknown criterion in link", "ko": "링크에 알 수 없는 기준"},
        "url_weight_negative": {"en": "Negative weight in link", "ko": "링크에 음수 가중치"},
        "url_weight_duplicate": {"en": "Criterion weighed twice in link",
                                 "ko": "링크에 같은 기준이 두 번 있음"},
        "url_weights_incomplete": {"en": "Criterion missing from link",
                                   "ko": "링크에 빠진 기준"},
    }
)

# Hostile input (issue 13): wrong types, typos, encodings, control characters, overflow, writes.
ISSUE_CODES.update(
    {
        "bad_type": {"en": "Value of the wrong type", "ko": "값의 형식이 잘못됨"},
        "bad_scenario": {"en": "Unreadable scenario", "ko": "시나리오를 읽을 수 없음"},
        "unknown_key": {"en": "Unknown key", "ko": "알 수 없는 항목"},
        "empty_scenario": {"en": "Scenario gives no weights", "ko": "가중치가 없는 시나리오"},
        "duplicate_criterion": {"en": "Criterion given twice", "ko": "같은 기준이 두 번 있음"},
        "number_too_large": {"en": "Number too large", "ko": "숫자가 너무 큼"},
        "weights_too_large": {"en": "Weights too large", "ko": "가중치가 너무 큼"},
        "cannot_write": {"en": "File cannot be written", "ko": "파일을 쓸 수 없음"},
        "encoding_ambiguous": {"en": "Text encoding unclear", "ko": "문자 인코딩이 불분명함"},
        "control_character": {"en": "Control character in a cell", "ko": "셀에 제어 문자 있음"},
        "cell_too_long": {"en": "Cell text too long", "ko": "셀 내용이 너무 김"},
        "xml_entities": {"en": "XML entities refused", "ko": "XML 엔터티 거부"},
        "ahp_too_small": {"en": "AHP matrix too small", "ko": "AHP 행렬이 너무 작음"},
        "one_column": {"en": "Only one column", "ko": "열이 하나뿐임"},
    }
)

# Titles of the issue codes raised outside data validation (criteria and scenario files,
# country profiles, AHP panels, the ranking and robustness engines, audit records).
ISSUE_CODES.update(
    {
        "bad_direction": {"en": "Invalid direction", "ko": "잘못된 방향"},
        "bad_evidence": {"en": "Invalid evidence rule", "ko": "잘못된 근거 규칙"},
        "bad_judgments": {"en": "Invalid judgments table", "ko": "잘못된 판단값 표"},
        "bad_param": {"en": "Invalid measure parameter", "ko": "잘못된 측정 매개변수"},
        "bad_suffix": {"en": "Unsupported file type", "ko": "지원하지 않는 파일 형식"},
        "bad_threshold": {"en": "Invalid consistency threshold", "ko": "잘못된 일관성 기준"},
        "bad_top": {"en": "Invalid shortlist size", "ko": "잘못된 후보 목록 크기"},
        "bad_weights": {"en": "Invalid weights table", "ko": "잘못된 가중치 표"},
        "compare_needs_two": {"en": "Two targets needed", "ko": "대상국 두 곳 이상 필요"},
        "country_required": {"en": "Target country needed", "ko": "대상국 필요"},
        "duplicate_id": {"en": "Duplicate id", "ko": "중복된 ID"},
        "expert_labels_mismatch": {
            "en": "Experts compared different criteria", "ko": "전문가별 비교 기준 불일치",
        },
        "expert_weights_invalid": {"en": "Invalid expert weights", "ko": "잘못된 전문가 가중치"},
        "hierarchy_cycle": {"en": "Hierarchy has a cycle", "ko": "계층 구조에 순환 있음"},
        "hierarchy_root": {"en": "Hierarchy root not found", "ko": "계층 구조의 최상위 없음"},
        "missing_key": {"en": "Missing entry", "ko": "필수 항목 없음"},
        "no_criteria": {"en": "No criteria", "ko": "평가 기준 없음"},
        "no_experts": {"en": "No experts", "ko": "전문가 없음"},
        "no_leaves": {"en": "Criterion without sub-criteria", "ko": "세부 기준이 없는 기준"},
        "no_weight_left": {"en": "No weighted criterion left", "ko": "가중치가 남은 기준 없음"},
        "not_topsis": {"en": "Needs a TOPSIS ranking", "ko": "TOPSIS 순위 필요"},
        "unknown_aggregation": {"en": "Unknown aggregation", "ko": "알 수 없는 통합 방식"},
        "unknown_measure": {"en": "Unknown measure", "ko": "알 수 없는 측정 방식"},
        "unreadable": {"en": "File cannot be read", "ko": "파일을 읽을 수 없음"},
        "country.aggregation": {
            "en": "Unknown group aggregation", "ko": "알 수 없는 그룹 통합 방식",
        },
        "country.basis": {"en": "Unknown basis", "ko": "알 수 없는 근거 유형"},
        "country.code_mismatch": {
            "en": "Code differs from the file name", "ko": "코드와 파일 이름 불일치",
        },
        "country.duplicate_source": {"en": "Duplicate source id", "ko": "중복된 출처 ID"},
        "country.field_count": {"en": "Wrong number of fields", "ko": "분야 수 오류"},
        "country.field_name": {"en": "Field name mismatch", "ko": "분야 이름 불일치"},
        "country.field_number": {"en": "Invalid field number", "ko": "잘못된 분야 번호"},
        "country.group_code": {"en": "Invalid group code", "ko": "잘못된 그룹 코드"},
        "country.group_member": {"en": "Unknown group member", "ko": "알 수 없는 그룹 구성국"},
        "country.missing_key": {"en": "Missing entry", "ko": "필수 항목 없음"},
        "country.no_files": {"en": "No country profiles", "ko": "국가 프로필 없음"},
        "country.priority": {"en": "Invalid priority", "ko": "잘못된 우선순위"},
        "country.source_id": {"en": "Unknown source id", "ko": "알 수 없는 출처 ID"},
        "country.source_role": {"en": "Unknown source role", "ko": "알 수 없는 출처 역할"},
        "country.source_type": {"en": "Unknown source type", "ko": "알 수 없는 자료 유형"},
        "country.toml_syntax": {"en": "Not valid TOML", "ko": "TOML 형식 오류"},
        "country.wrong_type": {"en": "Wrong type of entry", "ko": "항목 유형 오류"},
        "ranking.agreement_alternatives": {
            "en": "Rankings of different alternatives", "ko": "서로 다른 대안의 순위",
        },
        "ranking.bad_direction": {"en": "Invalid direction", "ko": "잘못된 방향"},
        "ranking.bad_normalization": {"en": "Invalid normalization", "ko": "잘못된 정규화 방식"},
        "ranking.bad_parameter": {"en": "Invalid method parameter", "ko": "잘못된 방법 매개변수"},
        "ranking.bad_weight": {"en": "Invalid weight", "ko": "잘못된 가중치"},
        "ranking.constant_criterion": {
            "en": "Criterion with one value", "ko": "모든 값이 같은 기준",
        },
        "ranking.directions_count": {
            "en": "Wrong number of directions", "ko": "방향 수 불일치",
        },
        "ranking.directions_keys": {
            "en": "Directions do not match the criteria", "ko": "방향과 기준 불일치",
        },
        "ranking.fast_normalization": {
            "en": "Normalization not supported here", "ko": "지원하지 않는 정규화 방식",
        },
        "ranking.matrix_shape": {"en": "Invalid matrix shape", "ko": "잘못된 행렬 크기"},
        "ranking.method_failed": {"en": "Method failed", "ko": "방법 계산 실패"},
        "ranking.names_count": {"en": "Wrong number of names", "ko": "이름 수 불일치"},
        "ranking.no_criteria": {"en": "No criteria", "ko": "평가 기준 없음"},
        "ranking.no_ranking": {"en": "No ranking possible", "ko": "순위를 계산할 수 없음"},
        "ranking.normalization_failed": {
            "en": "Normalization failed", "ko": "정규화 실패",
        },
        "ranking.not_finite": {"en": "Not a finite number", "ko": "유한한 숫자가 아님"},
        "ranking.not_numeric": {"en": "Not numeric", "ko": "숫자가 아님"},
        "ranking.rank_shape": {"en": "Rankings differ in length", "ko": "순위 길이 불일치"},
        "ranking.scores_not_finite": {"en": "Score not finite", "ko": "점수가 유한하지 않음"},
        "ranking.scores_shape": {"en": "Invalid scores shape", "ko": "잘못된 점수 크기"},
        "ranking.too_few_alternatives": {"en": "Too few alternatives", "ko": "대안이 너무 적음"},
        "ranking.top_n": {"en": "Invalid top N", "ko": "잘못된 상위 N"},
        "ranking.unknown_method": {"en": "Unknown method", "ko": "알 수 없는 방법"},
        "ranking.unknown_parameter": {
            "en": "Unknown method parameter", "ko": "알 수 없는 방법 매개변수",
        },
        "ranking.vector_norm": {
            "en": "Vector normalization impossible", "ko": "벡터 정규화 불가",
        },
        "ranking.weights_count": {"en": "Wrong number of weights", "ko": "가중치 수 불일치"},
        "ranking.weights_keys": {
            "en": "Weights do not match the criteria", "ko": "가중치와 기준 불일치",
        },
        "ranking.weights_not_numeric": {"en": "Weight not numeric", "ko": "가중치가 숫자가 아님"},
        "ranking.weights_sum": {"en": "Weights do not sum to 1", "ko": "가중치 합이 1이 아님"},
        "ranking.zero_weights": {"en": "All weights are zero", "ko": "모든 가중치가 0"},
        "sensitivity.level": {"en": "Unknown weight level", "ko": "알 수 없는 가중치 수준"},
        "sensitivity.norm": {"en": "Unknown distance", "ko": "알 수 없는 거리 척도"},
        "sensitivity.not_topsis": {"en": "Needs a TOPSIS ranking", "ko": "TOPSIS 순위 필요"},
        "sensitivity.oat_settings": {
            "en": "Invalid one-at-a-time settings", "ko": "잘못된 단일 변화 분석 설정",
        },
        "sensitivity.unknown_alternative": {"en": "Unknown technology", "ko": "알 수 없는 기술"},
        "sensitivity.unmapped_columns": {
            "en": "Criteria in no group", "ko": "그룹에 속하지 않은 기준",
        },
        "sensitivity.weight_model": {
            "en": "Unknown weight sampling", "ko": "알 수 없는 가중치 표본 방식",
        },
        "sensitivity.weights": {"en": "Invalid weights", "ko": "잘못된 가중치"},
        "sensitivity.weights_sum": {"en": "Weights do not sum to 1", "ko": "가중치 합이 1이 아님"},
        "smaa.center": {"en": "Invalid weight centre", "ko": "잘못된 가중치 중심"},
        "smaa.dimension": {"en": "Wrong number of criteria", "ko": "기준 수 불일치"},
        "smaa.intervals": {"en": "Invalid weight intervals", "ko": "잘못된 가중치 구간"},
        "smaa.intervals_infeasible": {
            "en": "Weight intervals cannot sum to 1", "ko": "가중치 구간의 합이 1이 될 수 없음",
        },
        "smaa.intervals_too_narrow": {
            "en": "Weight intervals too narrow", "ko": "가중치 구간이 너무 좁음",
        },
        "smaa.settings": {"en": "Invalid SMAA settings", "ko": "잘못된 SMAA 설정"},
    }
)

# Notes: what a result wants its reader to know, rendered from a code and its parameters
# (exportmcda.errors.Note). "en" is the library's historical English wording; "en_one", when
# given, is used when the parameter ``n`` is 1. Placeholders may carry a format spec.
NOTES: Final[dict[str, dict[str, str]]] = {
    # model.measures
    "missing_filled": {
        "en": "{leaf}: {n} technologies without a value scored as the {missing} observed value",
        "en_one": "{leaf}: {n} technology without a value scored as the {missing} observed "
        "value",
        "ko": "{leaf}: 값이 없는 기술 {n}개는 관측값 중 {missing}으로 점수화했습니다.",
    },
    "missing_none_observed": {
        "en": "{leaf}: no technology has a value, so all {n} score 0 and the criterion cannot "
        "change the ranking",
        "ko": "{leaf}: 값이 있는 기술이 없어 {n}개 모두 0점으로 두었으며, 이 기준은 순위를 "
        "바꾸지 못합니다.",
    },
    "evidence_dropped_min_source": {
        "en": "{leaf}: {n} of {country}'s non-zero field priorities lack at least one "
        "{min_source} source and count as 0",
        "ko": "{leaf}: {country}의 0이 아닌 분야 우선순위 중 {n}개는 '{min_source}' 이상의 "
        "출처가 없어 0으로 계산했습니다.",
    },
    "evidence_dropped_sourced_only": {
        "en": "{leaf}: {n} of {country}'s non-zero field priorities lack a sourced (not "
        "assumed) mapping and count as 0",
        "ko": "{leaf}: {country}의 0이 아닌 분야 우선순위 중 {n}개는 가정이 아닌 직접 근거 "
        "매핑이 없어 0으로 계산했습니다.",
    },
    "evidence_dropped_both": {
        "en": "{leaf}: {n} of {country}'s non-zero field priorities lack at least one "
        "{min_source} source and a sourced (not assumed) mapping and count as 0",
        "ko": "{leaf}: {country}의 0이 아닌 분야 우선순위 중 {n}개는 '{min_source}' 이상의 "
        "출처와 직접 근거 매핑을 갖추지 못해 0으로 계산했습니다.",
    },
    # model.scenarios
    "equal_weights": {
        "en": "no judgments or weights for '{node}': its children weigh equally",
        "ko": "'{node}'에 판단값이나 가중치가 없어 하위 기준에 같은 가중치를 주었습니다.",
    },
    "judgments_inconsistent": {
        "en": "judgments for '{node}' are inconsistent: CR {cr:.3f} > {threshold:.2f} "
        "({ri_table} random index)",
        "ko": "'{node}'의 판단은 일관성이 부족합니다: CR {cr:.3f} > {threshold:.2f}"
        "(무작위 지수 표 {ri_table})",
    },
    # model.selection
    "filtered_pool": {
        "en": "filters leave {n:,} of {total:,} technologies; TOPSIS's ideal and anti-ideal "
        "are those of the filtered pool",
        "ko": "필터 적용 후 기술 {total:,}개 중 {n:,}개가 남았습니다. TOPSIS의 이상해와 "
        "반이상해는 필터링된 후보 기준입니다.",
    },
    "zero_columns_dropped": {
        "en": "{leaves} is 0 for every candidate: it cannot change the ranking and is left "
        "out (TOPSIS closeness is unchanged by this)",
        "ko": "{leaves}: 모든 후보에서 0이라 순위를 바꿀 수 없으므로 제외했습니다(TOPSIS "
        "근접도는 달라지지 않습니다).",
    },
    "criteria_left_out": {
        "en": "{leaves}: not computed, the database lacks the column(s) {columns}; these criteria "
        "are left out and their weight ({weight:.1%}) is shared among the others in "
        "proportion to their weights (the one-at-a-time rescaling)",
        "ko": "{leaves}: 데이터베이스에 {columns} 열이 없어 계산하지 않았습니다. 이 기준은 "
        "제외하고, 그 가중치({weight:.1%})는 나머지 기준에 가중치 비율대로 나누었습니다"
        "(단일 변화 분석과 같은 재조정).",
    },
    # model.explain: the one-sentence explanation (rendered by explanation_text)
    "explain_rank": {
        "en": "Ranks {rank_ordinal} of {n:,} for {country} (closeness {score:.3f})",
        "ko": "{country} 대상 {n:,}개 중 {rank_ordinal}(근접도 {score:.3f})",
    },
    "why_exported_to_target": {
        "en": "already exported to {country}",
        "ko": "{country}에 이미 수출",
    },
    "why_domestic_sites": {
        "en": "deployed in {n:,} Korean local governments or sites (top {top}%)",
        "en_one": "deployed in {n} Korean local government or site (top {top}%)",
        "ko": "국내 지자체·현장 {n:,}곳에 도입(상위 {top}%)",
    },
    "why_overseas_sites": {
        "en": "{n:,} deployments abroad (exported to {countries})",
        "en_one": "{n} deployment abroad (exported to {countries})",
        "ko": "해외 도입 {n:,}건(수출국 {countries})",
    },
    "why_overseas_sites_only": {
        "en": "{n:,} deployments abroad",
        "en_one": "{n} deployment abroad",
        "ko": "해외 도입 {n:,}건",
    },
    "why_cert_gs": {"en": "GS-certified (Good Software)", "ko": "GS 인증(우수 소프트웨어)"},
    "why_cert_nep": {
        "en": "NEP-certified (New Excellent Product)", "ko": "NEP 인증(신제품)",
    },
    "why_cert_net": {
        "en": "NET-certified (New Excellent Technology)", "ko": "NET 인증(신기술)",
    },
    "why_cert_inno": {"en": "designated an innovative product", "ko": "혁신제품 지정"},
    "why_patents": {
        "en": "{n:,} patents (top {top}%)",
        "en_one": "{n} patent (top {top}%)",
        "ko": "특허 {n:,}건(상위 {top}%)",
    },
    "why_trl": {"en": "proven in operation (TRL 9)", "ko": "실제 운용으로 검증(TRL 9)"},
    "why_policy_headline": {
        "en": "{field} is a headline priority of {country}'s policy",
        "ko": "{field}은(는) {country} 정책의 핵심 우선순위",
    },
    "why_policy_mentioned": {
        "en": "{field} is mentioned in {country}'s policy",
        "ko": "{field}은(는) {country} 정책에 언급됨",
    },
    "why_mostly": {
        "en": "its score comes mostly from {first} ({first_share:.0%}) and {second} "
        "({second_share:.0%})",
        "ko": "점수는 주로 {first}({first_share:.0%}), {second}({second_share:.0%})에서 나옴",
    },
    "why_mostly_one": {
        "en": "its score comes mostly from {first} ({first_share:.0%})",
        "ko": "점수는 주로 {first}({first_share:.0%})에서 나옴",
    },
    "why_furthest": {
        "en": "it is furthest from the ideal on {criterion}",
        "ko": "이상해와의 격차가 가장 큰 기준은 {criterion}입니다",
    },
    # rank.engine
    "spotis_bounds_from_data": {
        "en": "SPOTIS bounds were taken from the data's column minima and maxima (no bounds "
        "given): scores then change when alternatives are added or removed, so SPOTIS loses "
        "its freedom from rank reversal; give the criteria's possible ranges as bounds",
        "ko": "SPOTIS 범위를 주지 않아 데이터의 열별 최솟값과 최댓값을 범위로 사용했습니다. "
        "이 경우 대안을 추가하거나 빼면 점수가 달라져 SPOTIS의 순위 역전 방지 성질이 "
        "사라집니다. 각 기준의 가능한 범위를 지정하세요.",
    },
    "method_settings": {
        "en": "method {method}: {settings}",
        "ko": "방법 {method}: {settings}",
    },
    "weights_normalized": {
        "en": "weights were divided by their sum (normalize_weights=True)",
        "ko": "가중치를 그 합으로 나누었습니다(normalize_weights 설정).",
    },
    "constant_criterion": {
        "en": "criterion '{criterion}' has the same value for every alternative, so it "
        "cannot change the ranking",
        "ko": "기준 '{criterion}'의 값이 모든 대안에서 같아 순위를 바꿀 수 없습니다.",
    },
    "pymcdm_warning": {"en": "pymcdm: {message}", "ko": "pymcdm 경고: {message}"},
    "tie_rule": {
        "en": "ties: scores equal to within {tol} are tied (tied_with) and share the best of "
        "their positions (shared_rank, shown \"=2\"); the unique rank 1…N and the top N "
        "order tied alternatives by identifier (technology id), ascending, never by row "
        "order; {groups} tie group(s) in this ranking",
        "ko": "동점 규칙: 점수 차이가 {tol} 이하이면 동점(tied_with)으로 보고 가장 높은 순위를 "
        "함께 가집니다(공동 순위 shared_rank, \"=2\"로 표시). 고유 순위 1…N과 상위 N은 "
        "동점 안에서 식별자(기술 ID) 오름차순으로 정하며 행 순서와 무관합니다. 이 순위의 "
        "동점 묶음: {groups}개.",
    },
    # model.selection
    "cut_off_ties": {
        "en": "a tie straddles the cut-off of the top {n}: {kept} and {left} have the same "
        "score (shared rank ={shared}); by the tie rule (identifier ascending) the top {n} "
        "keeps {kept} and leaves out {left}",
        "ko": "상위 {n}개의 경계에 동점이 걸쳐 있습니다: {kept}와(과) {left}의 점수가 같습니다"
        "(공동 순위 ={shared}). 동점 규칙(식별자 오름차순)에 따라 상위 {n}개에 {kept}를 "
        "포함하고 {left}를 제외했습니다.",
    },
    # ahp.priorities
    "judgments_estimated": {
        "en": "{n} of {total} judgments were missing and estimated by {how}; CR is that of "
        "the completed matrix",
        "ko": "판단값 {total}개 중 {n}개가 없어 {how} 방식으로 추정했습니다. CR은 보완된 "
        "행렬의 값입니다.",
    },
    "completed_off_scale": {
        "en": "the completed judgment {row} vs {column} is {value}, outside Saaty's scale "
        "1/9 to 9: the other judgments imply it; revisit them or give this one",
        "ko": "보완된 판단값 {row} 대 {column}이(가) {value}로 사티 척도(1/9~9)를 벗어납니다. "
        "다른 판단값들이 이 값을 함의하므로, 그 판단값을 재검토하거나 이 판단값을 직접 입력하세요.",
    },
    "weights_depend_on_missing": {
        "en": "{n} of {total} judgments are missing: as each runs over Saaty's scale, the "
        "weight of '{criterion}' ({weight}) ranges from {low} to {high} (the widest range); "
        "give the missing judgments before relying on these weights",
        "ko": "판단값 {total}개 중 {n}개가 없습니다. 누락된 판단값을 하나씩 사티 척도 전체로 "
        "바꾸면 '{criterion}'의 가중치({weight})가 {low}~{high} 범위에서 달라집니다(가장 넓은 "
        "범위). 이 가중치에 의존하기 전에 누락된 판단값을 입력하세요.",
    },
    # data.overview
    "ov_regions_technologies": {
        "en": "Technologies are unique technologies ({n:,}), placed in the region of the "
        "company that holds them; technologies_pct is over them.",
        "ko": "기술 수는 고유 기술({n:,}개) 기준이며, 기술을 보유한 기업의 소재 지역으로 "
        "분류했습니다. 기술 비율은 이 수에 대한 비율입니다.",
    },
    "ov_regions_companies": {
        "en": "companies_pct is over {n:,} companies.",
        "ko": "기업 비율은 {n:,}개 기업에 대한 비율입니다.",
    },
    "ov_companies": {
        "en": "Percentages are over {n:,} companies.",
        "ko": "비율은 {n:,}개 기업에 대한 비율입니다.",
    },
    "ov_companies_once": {
        "en": "Percentages are over {n:,} companies, each counted once.",
        "ko": "비율은 {n:,}개 기업(기업당 1회 집계)에 대한 비율입니다.",
    },
    "ov_class_missing": {
        "en": "{n:,} companies have no {scale} class ('The others', as in the study's "
        "capital stock table).",
        "ko": "{scale} 등급이 없는 기업 {n:,}개는 '기타'로 집계했습니다(연구의 자본금 표와 "
        "같은 방식).",
    },
    "ov_scale_sales": {
        "en": "The study prints levels 6 and 7 both as '10 trillion to less than 100 "
        "trillion'; level 7 is read as '100 trillion or more' (the decade pattern of the "
        "other rows).",
        "ko": "연구는 6등급과 7등급을 모두 '10조~100조 원 미만'으로 표기했습니다. 다른 "
        "등급의 10배 간격에 따라 7등급을 '100조 원 이상'으로 읽었습니다.",
    },
    "ov_scale_history": {
        "en": "History = {year} − founded_year (the study's year); the study defines six "
        "history levels (its level 7 is '-').",
        "ko": "업력 = {year} − 설립 연도(연구 기준 연도)입니다. 연구는 업력 등급을 6개로 "
        "정의합니다(7등급은 '-').",
    },
    "ov_fields": {
        "en": "Counts are technology × field rows ({n:,}; the study's 'duplicate' count): a "
        "technology serving several fields counts once in each.",
        "ko": "기술×분야 행({n:,}개, 연구의 '중복 포함' 집계) 기준입니다. 여러 분야에 "
        "활용되는 기술은 분야마다 한 번씩 집계됩니다.",
    },
    "ov_service_rows": {
        "en": "Counts are technology × field rows: a technology's service type counts once "
        "for each field it serves.",
        "ko": "기술×분야 행 기준입니다. 기술의 서비스 유형은 활용 분야마다 한 번씩 "
        "집계됩니다.",
    },
    "ov_service_missing": {
        "en": "{untyped:,} rows have no service type; percentages are over the {n:,} rows "
        "that have one (as in the study, whose shares, e.g. platform 375 = 20.4 %, round "
        "correctly only over 1,834-1,836 of its 1,847 rows).",
        "ko": "서비스 유형이 없는 행 {untyped:,}개를 제외하고, 유형이 있는 {n:,}개 행에 대한 "
        "비율입니다(연구의 비율도 이 방식으로만 맞게 반올림됩니다).",
    },
    "ov_rows": {
        "en": "Percentages are over {n:,} rows.",
        "ko": "비율은 {n:,}개 행에 대한 비율입니다.",
    },
    # robustness.checks
    "method_skipped": {
        "en": "{method} skipped: {reason}",
        "ko": "{method} 방법은 계산하지 못해 제외했습니다: {reason}",
    },
    "reversal_removed": {"en": "removed {technology}", "ko": "{technology} 제외"},
    "reversal_added_dominated": {
        "en": "added a copy of {technology} (dominated)",
        "ko": "{technology}의 열등한 복제 기술 추가",
    },
    "reversal_added_worst": {
        "en": "added a copy of {technology} (worst ranked; none is dominated)",
        "ko": "{technology}의 복제 기술 추가(최하위 기술, 열등한 기술 없음)",
    },
    "reversal_added_given": {
        "en": "added the given alternative",
        "ko": "주어진 대안 추가",
    },
    # robustness.sampling and robustness.flip
    "smaa_uniform": {
        "en": "uniform on the simplex (Dirichlet(1, ..., 1))",
        "ko": "가중치 전체 범위에서 균등(디리클레(1, …, 1))",
    },
    "smaa_around": {
        "en": "Dirichlet(kappa * w) around the given weights, kappa = {kappa:g}",
        "ko": "주어진 가중치를 중심으로 한 디리클레 분포(κ·w, κ = {kappa:g})",
    },
    "smaa_intervals": {
        "en": "uniform on the simplex within the given intervals (rejection sampling)",
        "ko": "주어진 구간 안에서 균등(기각 표집)",
    },
    "flip_exact_l1": {
        "en": "exact for L1 when the optimum is a single pair transfer, otherwise an upper "
        "bound",
        "ko": "최적 변화가 두 기준 사이의 단일 이전일 때는 정확한 L1 거리이고, 그 밖에는 "
        "상한값입니다.",
    },
    # export.verify
    "verify_candidates": {
        "en": "candidates: {recorded:,} when exported, {current:,} now",
        "ko": "후보 기술 수: 내보낼 때 {recorded:,}개, 현재 {current:,}개",
    },
    "verify_inputs_explain": {
        "en": "inputs that differ and can explain it: {inputs}",
        "ko": "차이를 설명할 수 있는 달라진 입력: {inputs}",
    },
    "verify_versions_explain": {
        "en": "no recorded input differs; the software versions do, which can explain it",
        "ko": "기록된 입력은 같지만 소프트웨어 버전이 달라 차이를 설명할 수 있습니다.",
    },
    "verify_old_rank_rule": {
        "en": "this record (format 1) predates integer ranks: it lists average ranks and cut "
        "ties at the top {n} by database row order; it is compared under that rule",
        "ko": "이 기록(형식 1)은 정수 순위 도입 이전의 것입니다: 평균 순위를 기록했고 상위 {n}개 "
        "경계의 동점을 데이터베이스 행 순서로 잘랐으므로 그 규칙으로 비교합니다.",
    },
    "verify_rule_changes_shortlist": {
        "en": "under today's tie rule (identifier ascending) the top {n} would add {added} "
        "and drop {dropped}",
        "ko": "현재 동점 규칙(식별자 오름차순)으로는 상위 {n}개에 {added}가 추가되고 "
        "{dropped}가 빠집니다.",
    },
    "verify_unexplained": {
        "en": "no recorded input or version differs: the change is unexplained",
        "ko": "기록된 입력과 버전이 모두 같습니다: 변화의 원인을 설명할 수 없습니다.",
    },
    "verify_same_despite_inputs": {
        "en": "same shortlist, although these inputs differ: {inputs}",
        "ko": "다음 입력이 달라졌지만 후보 목록은 같습니다: {inputs}",
    },
    "verify_version_differs": {
        "en": "version differs: {name} {recorded} → {current}",
        "ko": "버전 차이: {name} {recorded} → {current}",
    },
    # --- method choices and policy sources printed with every result (cli) ---
    "ranking_method": {
        "en": "method: {method} with {normalization} normalisation; weights: scenario "
        "'{scenario}' by AHP ({ahp_method}; largest CR {max_cr:.3f}, random index "
        "{ri_table})",
        "ko": "방법: {method}, {normalization} 정규화; 가중치: 시나리오 '{scenario}', "
        "AHP({ahp_method}; 최대 CR {max_cr:.3f}, 무작위 지수: {ri_table})",
    },
    "ranking_method_direct": {
        "en": "method: {method} with {normalization} normalisation; weights: scenario "
        "'{scenario}', stated directly (no pairwise judgments)",
        "ko": "방법: {method}, {normalization} 정규화; 가중치: 시나리오 '{scenario}'에 "
        "직접 지정(쌍대비교 없음)",
    },
    "policy_sources": {
        "en": "policy fit for {country} rests on: {sources}",
        "ko": "{country}의 정책 부합도 근거: {sources}",
    },
    "policy_sources_many": {
        "en": "policy fit for {country} rests on {n} sources ({kinds}); see the export's "
        "country sheet",
        "ko": "{country}의 정책 부합도 근거: 출처 {n}건({kinds}); 내보낸 파일의 대상국 시트 "
        "참조",
    },
    "top_shown": {
        "en": "top {shown} of {total:,} shown ({more} for more, {every} for every one)",
        "ko": "전체 {total:,}건 중 상위 {shown}건 표시({more}: 더 보기, {every}: 전체)",
    },
}

# Parameters of notes that are themselves codes, rendered through these label keys
# (prefix + value); the English of each is the word the library always printed.
NOTE_TERMS: Final[dict[str, str]] = {
    "missing": "term_missing_",
    "min_source": "term_source_",
    "scale": "term_scale_",
    "normalization": "term_normalization_",
    "ahp_method": "term_ahp_",
    "ri_table": "term_ri_",
}
LABELS.update(
    {
        "term_missing_worst": {"en": "worst", "ko": "가장 나쁜 값"},
        "term_missing_median": {"en": "median", "ko": "중앙값"},
        "term_missing_mean": {"en": "mean", "ko": "평균값"},
        "term_normalization_vector": {"en": "vector", "ko": "벡터"},
        "term_normalization_minmax": {"en": "min-max", "ko": "최소-최대"},
        "term_normalization_max": {"en": "max", "ko": "최댓값"},
        "term_normalization_sum": {"en": "sum", "ko": "합계"},
        "term_normalization_linear": {"en": "linear", "ko": "선형"},
        "term_normalization_none": {"en": "no", "ko": "없음(정규화하지 않음)"},
        "term_ahp_eigenvector": {"en": "principal eigenvector", "ko": "주고유벡터"},
        "term_ahp_geometric": {"en": "row geometric mean", "ko": "행 기하평균"},
        "term_ri_saaty_1980": {"en": "Saaty 1980", "ko": "Saaty 1980년 표"},
        "term_ri_saaty_2005": {"en": "Saaty 2005", "ko": "Saaty 2005년 표"},
        "term_ri_alonso_lamata_2006": {
            "en": "Alonso & Lamata 2006", "ko": "Alonso & Lamata 2006년 표",
        },
        "term_ri_donegan_dodd_1991": {
            "en": "Donegan & Dodd 1991", "ko": "Donegan & Dodd 1991년 표",
        },
        "term_ri_tummala_ling_1998": {
            "en": "Tummala & Ling 1998", "ko": "Tummala & Ling 1998년 표",
        },
        "term_source_official": {"en": "official", "ko": "공식"},
        "term_source_copy": {"en": "copy", "ko": "공식 문서 사본"},
        "term_source_analysis": {"en": "analysis", "ko": "분석·연구"},
        "term_source_news": {"en": "news", "ko": "언론 보도"},
        "term_source_weak": {"en": "weak", "ko": "저신뢰 출처"},
        "term_scale_capital": {"en": "capital stock", "ko": "자본금"},
        "term_scale_sales": {"en": "sales amount", "ko": "매출액"},
        "term_scale_history": {"en": "history", "ko": "업력"},
        "term_scale_employees": {"en": "number of employees", "ko": "종업원 수"},
    }
)


# Country market indicators (exportmcda.data.indicators; data/countries/indicators/).
NOTES.update(
    {
        "indicator_missing": {
            "en": "{country}: no {indicator} value for {year} in the reference data; left "
            "empty and reported (the missing-value policy), never counted as 0",
            "ko": "{country}: 참고 자료에 {year}년 {indicator} 값이 없어 빈 값으로 두고 "
            "알립니다(결측값 처리 방침). 0으로 계산하지 않습니다.",
        },
        "indicator_group_sum": {
            "en": "{country} {indicator} ({year}): computed, the sum of {members}",
            "ko": "{country} {indicator}({year}): {members}의 합계로 계산한 값",
        },
        "indicator_group_mean": {
            "en": "{country} {indicator} ({year}): computed, the mean of {members} weighted "
            "by {weight} ({weight_year})",
            "ko": "{country} {indicator}({year}): {members}의 {weight}({weight_year}) 가중 "
            "평균으로 계산한 값",
        },
        "indicator_group_partial": {
            "en": "{country} {indicator} ({year}): {lacking} have no value (or no weight) and "
            "are left out; the mean covers {covered:.1%} of the weight",
            "ko": "{country} {indicator}({year}): {lacking}은(는) 값(또는 가중치)이 없어 "
            "제외했습니다. "
            "평균은 가중치의 {covered:.1%}를 반영합니다.",
        },
        "indicator_group_missing": {
            "en": "{country} {indicator} ({year}): no group value, because {lacking} have no "
            "value; left empty, never counted as 0",
            "ko": "{country} {indicator}({year}): {lacking}의 값이 없어 그룹 값을 구하지 않고 "
            "빈 값으로 두었습니다. 0으로 계산하지 않습니다.",
        },
        "indicator_group_not_aggregated": {
            "en": "{country} {indicator} ({year}): not aggregated for a group (rule: none)",
            "ko": "{country} {indicator}({year}): 그룹에는 집계하지 않는 지표입니다(규칙: 없음).",
        },
    }
)
ISSUE_CODES.update(
    {
        "indicator.aggregation": {
            "en": "Missing or unknown group rule", "ko": "그룹 집계 규칙 없음 또는 알 수 없음",
        },
        "indicator.code_mismatch": {
            "en": "Code differs from the file name", "ko": "코드와 파일 이름 불일치",
        },
        "indicator.computed": {"en": "Wrong computed flag", "ko": "계산값 표시 오류"},
        "indicator.duplicate": {"en": "Indicator given twice", "ko": "중복된 지표"},
        "indicator.duplicate_source": {"en": "Duplicate source id", "ko": "중복된 출처 ID"},
        "indicator.group_member": {
            "en": "Group member without indicators", "ko": "지표 파일이 없는 그룹 구성국",
        },
        "indicator.no_files": {"en": "No indicator files", "ko": "지표 파일 없음"},
        "indicator.source_id": {"en": "Unknown source id", "ko": "알 수 없는 출처 ID"},
        "indicator.source_type": {"en": "Unknown source type", "ko": "알 수 없는 자료 유형"},
        "indicator.unit": {"en": "Wrong unit", "ko": "단위 불일치"},
        "indicator.unknown_indicator": {"en": "Unknown indicator", "ko": "알 수 없는 지표"},
        "indicator.value": {"en": "Invalid value", "ko": "잘못된 값"},
        "indicator.weight": {"en": "Invalid weight indicator", "ko": "잘못된 가중 지표"},
        "indicator.year": {"en": "Unknown edition year", "ko": "알 수 없는 기준 연도"},
    }
)


# Markets: target countries for a technology; the export-potential matrix
# (exportmcda.model.markets; criteria/markets.toml).
NOTES.update(
    {
        "market_value_filled": {
            "en": "{country}: no {indicator} ({year}) value; {leaf} uses the lowest value "
            "among the countries ranked ({value:,.4g}; the stated policy 'worst': no "
            "advantage from unknown data), never 0",
            "ko": "{country}: {indicator}({year}) 값이 없어 {leaf}에 순위 대상국 중 가장 낮은 "
            "값({value:,.4g})을 사용했습니다(명시된 방침 '최저값': 알 수 없는 자료로 이득을 "
            "보지 않음). 0으로 계산하지 않습니다.",
        },
        "market_demand_neutral": {
            "en": "the market side is off (demand weight {demand_weight} or every market "
            "weight 0): every demand is 1, so each country's column orders the technologies "
            "as its technology ranking does",
            "ko": "시장 측면을 반영하지 않습니다(수요 비중 {demand_weight} 또는 모든 시장 "
            "가중치 0). 모든 수요가 1이므로 각 국가 열의 순서는 그 나라의 기술 순위와 "
            "같습니다.",
        },
    }
)
ISSUE_CODES.update(
    {
        "market_unknown_target": {"en": "Unknown target country", "ko": "알 수 없는 대상국"},
        "market_no_values": {"en": "No indicator values", "ko": "지표 값 없음"},
        "market_no_policy_leaf": {
            "en": "No policy-fit criterion", "ko": "정책 부합도 기준 없음",
        },
        "market_one_of": {
            "en": "Give a technology or a field", "ko": "기술 또는 분야 중 하나를 지정",
        },
    }
)

# --- shortlist rules (issue 12, part 2: model.rules, model.shortlist, cli.shortlist) ---
ISSUE_CODES.update(
    {
        "rules_bad_count": {
            "en": "Not a whole number of technologies", "ko": "기술 수가 정수가 아님",
        },
        "rules_negative": {"en": "Negative count", "ko": "음수 개수"},
        "rules_bad_share": {"en": "Not a share", "ko": "비율이 아님"},
        "rules_share_range": {"en": "Share outside 0–1", "ko": "비율이 0–1 범위 밖"},
        "rules_unknown_field": {"en": "Unknown technology field", "ko": "알 수 없는 기술 분야"},
        "rules_bad_ids": {"en": "Invalid technology ids", "ko": "잘못된 기술 ID 목록"},
        "rules_bad_table": {"en": "Invalid rules table", "ko": "잘못된 규칙 표"},
        "rules_bad_pair": {"en": "Expected FIELD=K", "ko": "FIELD=K 형식이 아님"},
        "rules_unknown_country": {
            "en": "Unknown target in the rules", "ko": "규칙의 알 수 없는 대상국",
        },
        "rules_unknown_technology": {
            "en": "Unknown technology in a rule", "ko": "규칙의 알 수 없는 기술",
        },
        "rules_needs_column": {"en": "Rule needs missing data", "ko": "규칙에 필요한 데이터 없음"},
        "shortlist_frame": {"en": "Invalid scores table", "ko": "잘못된 점수 표"},
        "shortlist_top": {"en": "Shortlist size out of range", "ko": "후보 목록 크기 범위 밖"},
        "shortlist_solver": {"en": "Integer program not solved", "ko": "정수계획 풀이 실패"},
        "shortlist_needs_database": {
            "en": "Shortlist needs the database", "ko": "후보 목록에 데이터베이스 필요",
        },
    }
)
NOTES.update(
    {
        "shortlist_milp": {
            "en": "rule-bound shortlist: the {n} technologies with the largest sum of TOPSIS "
            "closeness that meet every rule, solved exactly as a 0/1 integer program "
            "(scipy.optimize.milp, HiGHS; certified gap {gap:.1e}); equal sums go to the set "
            "that comes first in the ranking (technology id breaks ties)",
            "ko": "규칙 기반 후보 목록: 모든 규칙을 지키면서 TOPSIS 근접도 합이 가장 큰 기술 "
            "{n}개를 0/1 정수계획으로 정확히 풀었습니다(scipy.optimize.milp; 보증된 차이 "
            "{gap:.1e}). 합이 같으면 순위에서 앞선 조합을 택합니다(동점은 기술 ID 순).",
        },
        "shortlist_greedy": {
            "en": "rule-bound shortlist: the ranking's own order gives the optimum (the top "
            "{n} meets every rule, or the only rules exclude or require technologies), so no "
            "integer program was needed",
            "ko": "규칙 기반 후보 목록: 순위 그대로가 최적입니다(상위 {n}개가 모든 규칙을 "
            "지키거나, 규칙이 기술 제외·포함뿐임). 정수계획이 필요 없었습니다.",
        },
        "shortlist_infeasible": {
            "en": "no set of {n} technologies meets every rule; these rules conflict: {rules}",
            "ko": "모든 규칙을 지키는 기술 {n}개 조합이 없습니다. 충돌하는 규칙: {rules}",
        },
        "shortlist_definitions": {
            "en": "SME = small and medium-sized enterprise (중소기업) of the study's company "
            "size definition (Kim 2021, §II; medium-sized enterprises are not SMEs); capital "
            "region = Seoul, Incheon, Gyeonggi-do (수도권; Seoul Metropolitan Area "
            "Readjustment Planning Act, art. 2)",
            "ko": "중소기업 = 연구의 기업 규모 정의상 중소기업(김대일 2021, 제2장; 중견기업은 "
            "제외); 수도권 = 서울·인천·경기(수도권정비계획법 제2조)",
        },
        "shortlist_not_proven": {
            "en": "the integer program stopped at its {seconds:g}-second limit: the shortlist "
            "meets every rule but is only shown to be within {gap:.2g} of the best score",
            "ko": "정수계획이 {seconds:g}초 제한에서 멈췄습니다: 후보 목록은 모든 규칙을 "
            "지키지만 최고 점수와의 차이는 {gap:.2g} 이내임만 확인했습니다.",
        },
    }
)
LABELS.update(
    {
        "rule_exclude": {"en": "exclude {technology}", "ko": "{technology} 제외"},
        "rule_require": {"en": "require {technology}", "ko": "{technology} 반드시 포함"},
        "rule_max_per_company": {
            "en": "at most {value} per company", "ko": "기업당 최대 {value}개",
        },
        "rule_min_sme_share": {
            "en": "at least {value} from SMEs", "ko": "중소기업 기술 최소 {value}",
        },
        "rule_min_non_capital": {
            "en": "at least {value} from outside the capital region",
            "ko": "수도권 밖 기업 기술 최소 {value}개",
        },
        "rule_min_per_field": {
            "en": "at least {value} in {field}", "ko": "{field} 분야 최소 {value}개",
        },
        "rule_max_per_field": {
            "en": "at most {value} in {field}", "ko": "{field} 분야 최대 {value}개",
        },
        "relax_drop": {"en": "drop \"{rule}\"", "ko": "\"{rule}\" 규칙 삭제"},
        "relax_to": {"en": "\"{rule}\" → \"{relaxed}\"", "ko": "\"{rule}\" → \"{relaxed}\"로 완화"},
        "col_closeness": {"en": "Closeness", "ko": "근접도"},
        "col_ranking_rank": {"en": "Rank in ranking", "ko": "전체 순위"},
        "col_rule": {"en": "Rule", "ko": "규칙"},
        "col_binding": {"en": "Binding", "ko": "제약 작용"},
        "col_score_given_up": {"en": "Score given up", "ko": "포기한 점수"},
        "col_pushed_out": {"en": "Pushed out", "ko": "밀려난 기술"},
        "shortlist_score": {
            "en": "score {score:.4f} (sum of closeness); unconstrained top {n}: {free:.4f}",
            "ko": "점수 {score:.4f}(근접도 합); 규칙 없는 상위 {n}개: {free:.4f}",
        },
        "shortlist_conflict": {
            "en": "conflicting rules: {rules}", "ko": "충돌하는 규칙: {rules}",
        },
        "shortlist_relaxation": {
            "en": "smallest relaxation: {relaxation} (score {score:.4f})",
            "ko": "가장 작은 완화: {relaxation}(점수 {score:.4f})",
        },
        "shortlist_no_relaxation": {
            "en": "no single rule, relaxed alone, restores feasibility",
            "ko": "규칙 하나만 완화해서는 조건을 만족할 수 없습니다.",
        },
    }
)
# --- market normalisation (issue 10): min-max market side, constant leaves ---
NOTES.update(
    {
        "market_leaves_constant": {
            "en": "{leaves}: the same value for all {n} countries ranked, so it cannot "
            "separate them; left out of this ranking (its weight is shared among the others "
            "in proportion, which leaves the TOPSIS closeness unchanged)",
            "en_one": "{leaves}: with only {n} country ranked there is nothing to separate; "
            "left out of this ranking",
            "ko": "{leaves}: 순위 대상 {n}개국의 값이 모두 같아 국가를 구분할 수 없으므로 이 "
            "순위에서 제외했습니다(가중치는 나머지 기준에 비율대로 배분되며 TOPSIS 근접도는 "
            "달라지지 않습니다).",
        },
        "market_nothing_to_compare": {
            "en": "no market criterion differs among the {n} countries ranked: nothing to "
            "compare, so every country scores 1 (demand neutral, as in the matrix)",
            "en_one": "only {n} country ranked: nothing to compare, so it scores 1 (demand "
            "neutral, as in the matrix)",
            "ko": "순위 대상 {n}개국 사이에 차이가 나는 시장 기준이 없어 비교할 것이 없으므로 "
            "모든 국가의 점수를 1(수요 중립, 행렬과 동일)로 둡니다.",
        },
        "market_weights_unknown": {
            "en": "no market judgments for scenario {scenario} (criteria/markets/): the market "
            "weights are not shown and no country ranking is made",
            "ko": "시나리오 {scenario}의 시장 판단 파일이 없어 시장 가중치를 표시하지 않고 "
            "국가 순위도 만들지 않습니다.",
        },
        "verify_market_moved": {
            "en": "the country rankings of {n} of the {total} shortlisted technologies move: "
            "{technologies}",
            "ko": "후보 기술 {total}개 중 {n}개의 국가 순위가 달라졌습니다: {technologies}",
        },
        "market_leaves_constant_rows": {
            "en": "{leaf}: the same for all {n} countries in {rows:,} of {total:,} rows, so "
            "left out of those rows' market ranking (TOPSIS closeness unchanged)",
            "ko": "{leaf}: 전체 {total:,}개 행 중 {rows:,}개 행에서 {n}개국의 값이 모두 같아 "
            "해당 행의 시장 순위에서 제외했습니다(TOPSIS 근접도는 달라지지 않음).",
        },
    }
)
# --- market exports and records (issue 10, part 7): workbook sheets, audit hashes ---
LABELS.update(
    {
        "sheet_indicators": {"en": "Indicators", "ko": "지표"},
        "sheet_markets": {"en": "Markets", "ko": "시장"},
        "market_indicators_title": {
            "en": "Market indicators of the countries compared, with their sources",
            "ko": "비교 대상국의 시장 지표와 출처",
        },
        "sheet_market_weights_title": {
            "en": "Market weights (criteria/markets.toml, weighted by the scenario's market "
            "judgments)",
            "ko": "시장 가중치(criteria/markets.toml, 시나리오의 시장 판단으로 가중)",
        },
        "market_scenario": {"en": "Market judgments", "ko": "시장 판단"},
        "sheet_market_weights_assumed": {
            "en": "assumed (illustrative judgments, not a surveyed panel)",
            "ko": "가정(예시 판단이며 전문가 조사 결과가 아님)",
        },
        "market_weights_none": {"en": "none for this scenario", "ko": "이 시나리오에는 없음"},
        "market_normalization.minmax": {
            "en": "min-max over the countries compared: each criterion spans 0 (worst country) "
            "to 1 (best), so its weight is its share of influence",
            "ko": "비교 대상국 기준 최소-최대 정규화: 각 기준이 0(최하위 국가)~1(최상위 "
            "국가)에 걸치므로 가중치가 곧 영향력의 몫입니다",
        },
        "market_normalization.vector": {
            "en": "vector (x / ||x||): a criterion's influence also depends on its spread "
            "relative to its size",
            "ko": "벡터 정규화(x / ||x||): 기준의 영향력이 값의 크기 대비 분산에도 좌우됩니다",
        },
        "market_countries_compared": {"en": "Countries compared", "ko": "비교 대상국"},
        "market_best_title": {
            "en": "Best markets of each shortlisted technology (TOPSIS over the market criteria; "
            "the reason is the two criteria contributing most)",
            "ko": "후보 기술별 최적 시장(시장 기준 TOPSIS, 근거는 기여도가 가장 큰 두 기준)",
        },
        "market_target_rank": {
            "en": "{target}'s rank among {n}", "ko": "{n}개국 중 {target} 순위",
        },
        "market_nth": {"en": "Market {k}", "ko": "{k}순위 시장"},
        "col_computed": {"en": "Computed", "ko": "계산값"},
        "col_note": {"en": "Note", "ko": "비고"},
        "col_weight_basis": {"en": "Weight basis", "ko": "가중치 근거"},
        "col_reason": {"en": "Reason", "ko": "근거"},
        "missing_value": {"en": "missing", "ko": "없음"},
        "audit_indicator_hash": {"en": "Indicator file", "ko": "지표 파일"},
        "audit_market_hash": {"en": "Market criteria file", "ko": "시장 기준 파일"},
    }
)
ISSUE_CODES.update(
    {
        "market_nothing_to_vary": {
            "en": "No market criterion to vary", "ko": "변화시킬 시장 기준 없음",
        },
        "market_no_judgments": {
            "en": "No market judgments for the scenario", "ko": "시나리오의 시장 판단 없음",
        },
    }
)


# --- markets page (app: ui/pages/markets.py, Compare's indicators and top lists;
# exportmcda.model.market_views, exportmcda.charts.markets) ---
LABELS.update(
    {
        "page_markets": {"en": "Markets", "ko": "대상 시장"},
        "markets_intro": {
            "en": "Which country for which technology: the target countries ranked for a "
            "technology or a field over the market criteria (digital-government readiness, "
            "urban market, ability to pay, policy demand), and the export-potential matrix "
            "that combines the technology side with the market side.",
            "ko": "어느 기술을 어느 나라로 수출할지: 시장 기준(디지털 정부 준비도, 도시 시장, "
            "지불 능력, 정책 수요)으로 기술 또는 분야별 대상국 순위를 매기고, 기술 측면과 시장 "
            "측면을 결합한 수출 잠재력 행렬을 보여 줍니다.",
        },
        "markets_countries": {"en": "Target countries", "ko": "대상국"},
        "markets_countries_help": {
            "en": "The countries ranked and shown in the matrix. A group is ranked as one "
            "market: its indicators are aggregated by the rule stated in "
            "data/countries/groups.toml.",
            "ko": "순위와 행렬에 포함할 대상국입니다. 그룹은 하나의 시장으로 다루며, 그 지표는 "
            "data/countries/groups.toml에 명시된 규칙으로 집계합니다.",
        },
        "markets_pick_two": {
            "en": "Choose at least two target countries.",
            "ko": "대상국을 두 곳 이상 선택하세요.",
        },
        "markets_kind": {"en": "Rank the countries for", "ko": "국가 순위 기준"},
        "markets_kind_technology": {"en": "a technology", "ko": "기술"},
        "markets_kind_field": {"en": "a technology field", "ko": "기술 분야"},
        "markets_where_title": {
            "en": "Where should {name} go first, and why",
            "ko": "{name}: 어느 시장부터, 왜",
        },
        "col_country": {"en": "Country", "ko": "국가"},
        "col_market_score": {
            "en": "Market score (TOPSIS closeness)", "ko": "시장 점수(TOPSIS 근접도)",
        },
        "markets_contrib_caption": {
            "en": "Each criterion column is that criterion's share of the market score (they "
            "add up to it). The reason names the two criteria the score comes mostly from, "
            "with the sourced value behind each.",
            "ko": "기준별 열은 시장 점수에서 각 기준이 차지하는 몫이며, 합하면 시장 점수가 "
            "됩니다. 순위 근거에는 점수의 대부분을 차지하는 두 기준과 그 출처 값을 적었습니다.",
        },
        "market_weights_title": {"en": "Market weights", "ko": "시장 가중치"},
        "market_weights_help": {
            "en": "They start from the scenario's market judgments "
            "(criteria/markets/{scenario}.toml). Move a slider: the others rescale so the "
            "weights sum to 1, and the country ranking and the matrix follow at once.",
            "ko": "시나리오의 시장 판단값(criteria/markets/{scenario}.toml)에서 시작합니다. "
            "슬라이더를 움직이면 나머지가 비례 조정되어 합이 1로 유지되고, 국가 순위와 행렬이 "
            "즉시 갱신됩니다.",
        },
        "market_weights_assumed": {
            "en": "The starting weights are assumed judgments by the exportmcda team, not a "
            "surveyed expert panel.",
            "ko": "시작 가중치는 전문가 설문이 아니라 exportmcda 팀이 가정한 판단값입니다.",
        },
        "market_weights_fallback": {
            "en": "The scenario {scenario} has no market judgments: the market weights start "
            "from those of {used}.",
            "ko": "시나리오 {scenario}에는 시장 판단값이 없어 {used}의 시장 가중치에서 "
            "시작합니다.",
        },
        "market_weights_adjusted": {
            "en": "The market weights differ from the scenario's; the link carries them.",
            "ko": "시장 가중치가 시나리오 값과 다릅니다. 링크에 조정된 값이 반영됩니다.",
        },
        "market_url_weights_ignored": {
            "en": "The link's market weights were not applied:",
            "ko": "링크의 시장 가중치를 적용하지 않았습니다:",
        },
        "heatmap_rows": {"en": "Rows of the matrix", "ko": "행렬의 행"},
        "heatmap_rows_fields": {"en": "Technology fields", "ko": "기술 분야"},
        "heatmap_rows_shortlist": {
            "en": "The shortlist (Ranking page: top {n} for {target})",
            "ko": "후보 목록(순위 화면: {target} 상위 {n}개)",
        },
        "heatmap_title_fields": {
            "en": "Export potential: technology fields × target countries",
            "ko": "수출 잠재력: 기술 분야 × 대상국",
        },
        "heatmap_title_shortlist": {
            "en": "Export potential: top {n} for {target} × target countries",
            "ko": "수출 잠재력: {target} 상위 {n}개 기술 × 대상국",
        },
        "heatmap_rule_sqrt": {
            "en": "Cell = √(supply × demand), after ITC's Export Potential Indicator "
            "(Decreux & Spies 2016), which multiplies a supply and a demand factor.",
            "ko": "셀 = √(공급 × 수요). 공급과 수요 요인을 곱하는 ITC 수출 잠재력 지표"
            "(Decreux & Spies 2016)를 따릅니다.",
        },
        "heatmap_rule_weighted": {
            "en": "Cell = supply^(1−{a}) × demand^{a}, after ITC's Export Potential Indicator "
            "(Decreux & Spies 2016), which multiplies a supply and a demand factor.",
            "ko": "셀 = 공급^(1−{a}) × 수요^{a}. 공급과 수요 요인을 곱하는 ITC 수출 잠재력 지표"
            "(Decreux & Spies 2016)를 따릅니다.",
        },
        "heatmap_caption": {
            "en": "Supply: the technology's TOPSIS closeness in that country's technology "
            "ranking (a field's: its best technology's). Demand: the country's TOPSIS "
            "closeness over the market criteria ({normalization}). Read a row for the best "
            "markets of a field, a column for the best fields of a market.",
            "ko": "공급: 해당 국가 기술 순위에서 기술의 TOPSIS 근접도(분야는 분야 내 최고 "
            "기술의 값). 수요: 시장 기준에 대한 국가의 TOPSIS 근접도({normalization}). 행을 "
            "읽으면 분야별 최적 시장, 열을 읽으면 시장별 최적 분야를 알 수 있습니다.",
        },
        "heatmap_filters": {
            "en": "The Ranking page's filters narrow the shortlist; the supply of each "
            "technology is its closeness among all technologies.",
            "ko": "순위 화면의 필터는 후보 목록만 좁히며, 각 기술의 공급 값은 전체 기술 중 "
            "근접도입니다.",
        },
        "norm_vector": {"en": "vector normalisation", "ko": "벡터 정규화"},
        "norm_minmax": {"en": "min-max normalisation", "ko": "최소-최대 정규화"},
        "norm_max": {"en": "max normalisation", "ko": "최댓값 정규화"},
        "norm_sum": {"en": "sum normalisation", "ko": "합계 정규화"},
        "norm_linear": {"en": "linear normalisation", "ko": "선형 정규화"},
        "norm_none": {"en": "no normalisation", "ko": "정규화 없음"},
        "col_export_potential": {"en": "Export potential", "ko": "수출 잠재력"},
        "col_supply": {"en": "Supply (technology side)", "ko": "공급(기술 측면)"},
        "col_demand": {"en": "Demand (market side)", "ko": "수요(시장 측면)"},
        "col_rank_in_row": {"en": "Rank among the countries", "ko": "국가 간 순위"},
        "col_rank_in_country": {"en": "Rank within the country", "ko": "국가 내 순위"},
        "cards_title": {
            "en": "Country cards: every indicator with its year and source",
            "ko": "국가 카드: 지표별 값, 연도, 출처",
        },
        "cards_help": {
            "en": "Values of the reference data set country-indicators "
            "(data/countries/indicators/<CODE>.toml). Values marked computed were derived by "
            "the reference or, for a group, by the stated rule; a missing value is reported, "
            "never counted as 0.",
            "ko": "참고 자료 country-indicators의 값입니다(data/countries/indicators/<CODE>"
            ".toml). 계산값은 참고 자료에서 도출했거나, 그룹의 경우 명시된 규칙으로 계산한 "
            "값입니다. 결측값은 표시하며 0으로 계산하지 않습니다.",
        },
        "col_indicator": {"en": "Indicator", "ko": "지표"},
        "col_unit": {"en": "Unit", "ko": "단위"},
        "col_status": {"en": "Computed or missing", "ko": "계산·결측 여부"},
        "col_found_at": {"en": "Where found", "ko": "확보 경로"},
        "col_reference_note": {"en": "Reference note", "ko": "참고 자료 메모"},
        "card_group": {
            "en": "{name} is a group of {n} ({members}); its values are computed from the "
            "members by the rule stated per indicator in data/countries/groups.toml.",
            "ko": "{name}은(는) {n}개국 그룹({members})이며, 그룹 값은 "
            "data/countries/groups.toml에 지표별로 명시된 규칙에 따라 회원국 값으로 계산합니다.",
        },
        "card_no_indicators": {
            "en": "{name} has no market indicators (a city network, not a country).",
            "ko": "{name}에는 시장 지표가 없습니다(국가가 아닌 도시 네트워크).",
        },
        "indicator_computed": {
            "en": "computed by the reference (see its note)",
            "ko": "참고 자료에서 계산한 값(메모 참조)",
        },
        "computed_from": {
            "en": "computed from {n} members", "ko": "회원국 {n}개국 값으로 계산",
        },
        "markets_reasons": {"en": "Why each country ranks there", "ko": "국가별 순위 근거"},
        "compare_indicators_title": {
            "en": "Market indicators side by side", "ko": "시장 지표 비교",
        },
        "compare_indicators_caption": {
            "en": "Each value with its year and issuer (the source columns). A group's values "
            "are computed from its members by the rule in data/countries/groups.toml; a "
            "missing value is left empty, never 0.",
            "ko": "각 값의 연도와 발행 기관(출처 열)을 함께 보여 줍니다. 그룹 값은 "
            "data/countries/groups.toml의 규칙으로 회원국 값에서 계산하며, 결측값은 0이 아닌 "
            "빈칸으로 둡니다.",
        },
        "col_source_of": {"en": "{name}: source", "ko": "{name}: 출처"},
        "compare_lists_title": {
            "en": "Top {n}: only in one list, or in both",
            "ko": "상위 {n}개: 한쪽 목록에만 있는 기술과 양쪽 모두에 있는 기술",
        },
        "compare_only_in": {"en": "Only in {name} ({k})", "ko": "{name}에만 있음({k}개)"},
        "compare_in_both": {"en": "In both ({k})", "ko": "양쪽 모두({k}개)"},
        "compare_lists_two": {
            "en": "Choose exactly two targets to list what is only in one top list or in both.",
            "ko": "대상국을 두 곳만 고르면 한쪽 상위 목록에만 있는 기술과 양쪽 모두에 있는 "
            "기술을 보여 줍니다.",
        },
        "compare_list_empty": {"en": "none", "ko": "없음"},
        "unit_index 0-1": {"en": "index 0–1", "ko": "지수(0–1)"},
        "unit_rank of 193": {"en": "rank of 193", "ko": "193개국 중 순위"},
        "unit_people": {"en": "people", "ko": "명"},
        "unit_% of population": {"en": "% of population", "ko": "인구 대비 %"},
        "unit_% per year": {"en": "% per year", "ko": "연 %"},
        "unit_international $ (2021 prices)": {
            "en": "international $ (2021 prices)", "ko": "국제달러(2021년 가격)",
        },
        "unit_cities": {"en": "cities", "ko": "개 도시"},
    }
)
NOTES.update(
    {
        "market_rank": {
            "en": "{country}: {rank_ordinal} of {n:,} markets for {row} (closeness {score:.3f})",
            "ko": "{country}: {row}의 시장 {n:,}곳 중 {rank_ordinal}(근접도 {score:.3f})",
        },
        "market_why_indicator": {
            "en": "{indicator} {value} ({unit}; {issuer}, {year}; {share:.0%} of the score)",
            "ko": "{indicator} {value}({unit}; {issuer}, {year}; 점수의 {share:.0%})",
        },
        "market_why_filled": {
            "en": "{indicator}: no {year} value, counted as the lowest among the markets (the "
            "stated policy; {share:.0%} of the score)",
            "ko": "{indicator}: {year}년 값이 없어 대상 시장 중 최저값으로 계산(명시된 방침; "
            "점수의 {share:.0%})",
        },
        "market_why_policy": {
            "en": "{leaf} {value:.2f} ({n:,} policy sources; {share:.0%} of the score)",
            "en_one": "{leaf} {value:.2f} ({n} policy source; {share:.0%} of the score)",
            "ko": "{leaf} {value:.2f}(정책 자료 {n:,}건; 점수의 {share:.0%})",
        },
        "market_why_exported": {
            "en": "already exported here ({share:.0%} of the score)",
            "ko": "이미 수출한 나라(점수의 {share:.0%})",
        },
        "market_why_exported_share": {
            "en": "{value:.0%} of the field's technologies already exported here "
            "({share:.0%} of the score)",
            "ko": "분야 기술의 {value:.0%}가 이미 수출됨(점수의 {share:.0%})",
        },
    }
)


# --- limits of a table file (issue 13, items 9-10; exportmcda.data.limits) ---
ISSUE_CODES.update(
    {
        "too_many_columns": {"en": "Too many columns", "ko": "열이 너무 많음"},
        "read_too_slow": {"en": "Reading took too long", "ko": "읽기 시간 초과"},
    }
)

# --- links that keep the whole view (issue 11, item 2; exportmcda.model.links) ---
ISSUE_CODES.update(
    {
        "url_judgment_pair": {"en": "Not a pair of criteria in link",
                              "ko": "링크에 잘못된 기준 쌍"},
        "url_judgment_value": {"en": "Link judgment is not on Saaty's scale",
                               "ko": "링크의 판단값이 Saaty 척도(1/9~9)를 벗어남"},
        "url_judgment_duplicate": {"en": "Pair judged twice in link",
                                   "ko": "링크에 같은 쌍이 두 번 있음"},
        "url_judgments_unsolvable": {"en": "Link judgments cannot be weighed",
                                     "ko": "링크의 판단으로 가중치를 계산할 수 없음"},
        "url_evidence_source": {"en": "Unknown source type in link",
                                "ko": "링크에 알 수 없는 출처 유형"},
        "url_evidence_sourced": {"en": "Link's 'sourced' is not 0 or 1",
                                 "ko": "링크의 'sourced' 값이 0 또는 1이 아님"},
        "url_filter_value": {"en": "Unknown category number in link filter",
                             "ko": "링크 필터에 알 수 없는 분류 번호"},
    }
)


# --- decision register (issue 12, part 3: export.record format 4, register/, cli.decisions,
# ui/pages/decisions.py) ---
LABELS.update(
    {
        "page_decisions": {"en": "Decisions", "ko": "의사결정 기록"},
        "replay_head": {
            "en": "Record: target {target}, scenario {scenario}, top {top}, {method} "
            "({normalization} normalization), created {created}, digest {digest}…",
            "ko": "기록: 대상 {target}, 시나리오 {scenario}, 상위 {top}개, {method}"
            "({normalization} 정규화), 작성 {created}, 다이제스트 {digest}…",
        },
        "replay_identical": {
            "en": "identical: the same {n} technologies at the same ranks, from the same "
            "inputs (every SHA-256) with the same library versions",
            "ko": "동일: 같은 입력(모든 SHA-256)과 같은 라이브러리 버전으로 같은 기술 {n}개가 "
            "같은 순위로 재현되었습니다.",
        },
        "replay_differs": {"en": "differs:", "ko": "차이 있음:"},
        "replay_input": {
            "en": "input {name} changed: SHA-256 {recorded}… → {current}…",
            "ko": "입력 {name} 변경: SHA-256 {recorded}… → {current}…",
        },
        "replay_version": {
            "en": "library {name}: version {recorded} → {current}",
            "ko": "라이브러리 {name}: 버전 {recorded} → {current}",
        },
        "replay_rank": {
            "en": "{technology} {kind}: rank {old_rank} → {new_rank}, score {old_score} → "
            "{new_score}",
            "ko": "{technology} {kind}: 순위 {old_rank} → {new_rank}, 점수 {old_score} → "
            "{new_score}",
        },
        "replay_market": {
            "en": "market ranking of {technology}, {country} {kind}: rank {old_rank} → "
            "{new_rank}",
            "ko": "{technology}의 시장 순위, {country} {kind}: 순위 {old_rank} → {new_rank}",
        },
        "replay_rules": {
            "en": "rule-bound shortlist changed: entered {entered}; left {left}",
            "ko": "규칙 기반 후보 목록 변경: 새로 포함 {entered}; 빠짐 {left}",
        },
        "replay_kind_moved": {"en": "moved", "ko": "순위 이동"},
        "replay_kind_rescored": {"en": "rescored", "ko": "점수 변경"},
        "replay_kind_entered": {"en": "entered", "ko": "새로 포함"},
        "replay_kind_left": {"en": "left", "ko": "빠짐"},
        "replay_reproduced": {
            "en": "the results are reproduced (same ranks and shortlist); what differs is "
            "listed above",
            "ko": "결과(순위와 후보 목록)는 재현되었습니다. 달라진 점은 위와 같습니다.",
        },
        "replay_not_reproduced": {
            "en": "the results are NOT reproduced", "ko": "결과가 재현되지 않았습니다.",
        },
        "record_written": {
            "en": "Wrote {path} (decision record, digest {digest}…).",
            "ko": "{path} 저장(의사결정 기록, 다이제스트 {digest}…).",
        },
        "record_infeasible": {
            "en": "The record was written, but no shortlist meets its rules (see the conflict "
            "in the record's rule_shortlist).",
            "ko": "기록은 저장했지만 규칙을 모두 지키는 후보 목록이 없습니다(기록의 "
            "rule_shortlist에서 충돌을 확인하십시오).",
        },
        "record_synthetic": {
            "en": "this record was computed from the synthetic sample data",
            "ko": "이 기록은 합성 샘플 데이터로 계산되었습니다",
        },
        "register_saved": {
            "en": "Saved as decision {id} in {path} (saved by {by}).",
            "ko": "{path}에 의사결정 {id}번으로 저장했습니다(저장자 {by}).",
        },
        "register_empty": {
            "en": "No decision saved yet in {path}.",
            "ko": "{path}에 저장된 의사결정이 아직 없습니다.",
        },
        "col_decision_id": {"en": "ID", "ko": "번호"},
        "col_decision_saved_at": {"en": "Saved at (UTC)", "ko": "저장 시각(UTC)"},
        "col_decision_saved_by": {"en": "Saved by", "ko": "저장자"},
        "col_decision_target": {"en": "Target", "ko": "대상"},
        "col_decision_scenario": {"en": "Scenario", "ko": "시나리오"},
        "col_decision_top": {"en": "N", "ko": "개수"},
        "col_decision_shortlist": {"en": "Shortlist", "ko": "후보 목록"},
        "col_decision_digest": {"en": "Record digest", "ko": "기록 다이제스트"},
        "col_decision_rules": {"en": "Rules", "ko": "규칙"},
        "decisions_save_title": {"en": "Save this decision", "ko": "이 의사결정 저장"},
        "decisions_save_help": {
            "en": "Saves the Ranking page's current view — target {target}, scenario "
            "{scenario}, the weights as set, top {top} — with every input's SHA-256, the "
            "method settings and library versions, so it can be replayed later.",
            "ko": "순위 화면의 현재 상태(대상 {target}, 시나리오 {scenario}, 설정한 가중치, "
            "상위 {top}개)를 모든 입력의 SHA-256, 방법 설정, 라이브러리 버전과 함께 저장하여 "
            "나중에 재실행할 수 있게 합니다.",
        },
        "decisions_saved_by": {"en": "Saved by", "ko": "저장자"},
        "decisions_save_button": {"en": "Save decision", "ko": "의사결정 저장"},
        "decisions_saved": {
            "en": "Saved as decision {id}.", "ko": "의사결정 {id}번으로 저장했습니다.",
        },
        "decisions_list_title": {"en": "Saved decisions", "ko": "저장된 의사결정"},
        "decisions_none": {"en": "No decision saved yet.", "ko": "저장된 의사결정이 없습니다."},
        "decisions_pick": {"en": "Decision", "ko": "의사결정"},
        "decisions_details": {"en": "Details", "ko": "상세"},
        "decisions_replay_button": {"en": "Replay", "ko": "재실행"},
        "decisions_register": {
            "en": "Register: {path}", "ko": "기록 저장소: {path}",
        },
        "decisions_open": {
            "en": "Save this decision in the register", "ko": "이 의사결정을 기록 저장소에 저장",
        },
    }
)
NOTES.update(
    {
        "replay_rule_shortlist_changed": {
            "en": "the recorded rules now give another shortlist: entered {entered}; left "
            "{left}",
            "ko": "기록된 규칙이 이제 다른 후보 목록을 줍니다: 새로 포함 {entered}; 빠짐 {left}",
        },
        "replay_rules_fail": {
            "en": "the recorded rules cannot be applied to today's ranking: {problem}",
            "ko": "기록된 규칙을 현재 순위에 적용할 수 없습니다: {problem}",
        },
    }
)
ISSUE_CODES.update(
    {
        "register_unreadable": {
            "en": "Decision register cannot be used", "ko": "의사결정 기록 저장소를 사용할 수 없음",
        },
        "register_unknown_id": {"en": "No such decision", "ko": "해당 의사결정 없음"},
    }
)


# --- one-page briefing (issue 12, part 4: exportmcda.brief, cli.brief, the Ranking page) ---
LABELS.update(
    {
        "brief_title": {"en": "Decision briefing", "ko": "의사결정 브리핑"},
        "brief_heading": {
            "en": "Decision briefing: {target} ({code})",
            "ko": "의사결정 브리핑: {target}({code})",
        },
        "brief_meta": {
            "en": "Scenario: {scenario} · top {top} of {candidates:,} candidates · {method} "
            "({normalization} normalisation) · recorded {created}",
            "ko": "시나리오: {scenario} · 후보 {candidates:,}개 중 상위 {top}개 · {method}"
            "({normalization} 정규화) · 기록 시각 {created}",
        },
        "brief_replay_identical": {
            "en": "Re-run today: identical. The same shortlist comes from the same inputs "
            "(SHA-256 of the database, criteria, scenario, country and indicator files).",
            "ko": "오늘 재실행 결과: 동일. 같은 입력(데이터베이스·기준·시나리오·국가·지표 "
            "파일의 SHA-256)에서 같은 후보 목록이 나옵니다.",
        },
        "brief_replay_differs": {
            "en": "Re-run today: NOT identical. The shortlist below is the one recorded; "
            "the explanations and the robustness are computed on today's inputs.",
            "ko": "오늘 재실행 결과: 동일하지 않음. 아래 후보 목록은 기록된 그대로이며, "
            "설명과 강건성은 오늘의 입력으로 계산했습니다.",
        },
        "brief_replay_current": {
            "en": "Built from the view on screen; its decision record's digest is below.",
            "ko": "현재 화면에서 작성했습니다. 해당 의사결정 기록의 다이제스트는 아래에 있습니다.",
        },
        "brief_changed_inputs": {
            "en": "Inputs changed since the record: {inputs}",
            "ko": "기록 이후 바뀐 입력: {inputs}",
        },
        "brief_shortlist_changes": {
            "en": "Shortlist changes: {changes}", "ko": "후보 목록 변화: {changes}",
        },
        "brief_change_moved": {
            "en": "{id} moved from rank {old} to {new}", "ko": "{id} 순위 {old} → {new}",
        },
        "brief_change_left": {
            "en": "{id} left (rank {old} recorded; today {new})",
            "ko": "{id} 제외됨(기록 순위 {old}, 오늘 {new})",
        },
        "brief_change_entered": {
            "en": "{id} entered at rank {new}", "ko": "{id} 새로 포함(순위 {new})",
        },
        "brief_rescored": {
            "en": "{n} other shortlisted technologies keep their rank with a changed score.",
            "ko": "다른 후보 기술 {n}개는 순위는 같고 점수만 달라졌습니다.",
        },
        "brief_versions_changed": {
            "en": "Software versions differ: {versions}",
            "ko": "소프트웨어 버전 차이: {versions}",
        },
        "brief_shortlist": {"en": "Shortlist", "ko": "후보 기술 목록"},
        "brief_rule_bound_shortlist": {
            "en": "Shortlist under the policy rules", "ko": "정책 규칙을 적용한 후보 기술 목록",
        },
        "brief_col_acceptability": {"en": "Top-{n} share", "ko": "상위 {n} 비율"},
        "brief_col_why": {"en": "Why (one sentence)", "ko": "선정 이유(한 문장)"},
        "brief_not_candidate": {
            "en": "not a candidate in today's data", "ko": "오늘 데이터에서는 후보가 아님",
        },
        "brief_weights": {"en": "Criterion weights (AHP)", "ko": "기준 가중치(AHP)"},
        "brief_col_cr": {"en": "CR", "ko": "일관성 비율(CR)"},
        "brief_goal_cr": {
            "en": "Judgments between the criteria: CR = {cr:.3f} (accepted up to "
            "{threshold:.2f}; RI table {table}). A criterion's CR is that of its "
            "sub-criteria's judgments (three or more).",
            "ko": "기준 간 판단의 일관성 비율 CR = {cr:.3f}(허용 상한 {threshold:.2f}, RI "
            "{table}). 기준별 CR은 하위 기준(3개 이상) 판단의 일관성 비율입니다.",
        },
        "brief_robustness": {"en": "Robustness", "ko": "강건성"},
        "brief_smaa": {
            "en": "Top-{n} share: how often the technology stays in the top {n} over "
            "{samples:,} weight vectors drawn around these weights (Dirichlet, concentration "
            "{concentration:g}, seed {seed}; SMAA-2, Lahdelma & Salminen 2001).",
            "ko": "상위 {n} 비율: 현재 가중치 주변에서 뽑은 가중치 {samples:,}개(디리클레 분포, "
            "집중도 {concentration:g}, 시드 {seed}; SMAA-2, Lahdelma & Salminen 2001) 중 해당 "
            "기술이 상위 {n}에 남는 비율입니다.",
        },
        "brief_closest": {
            "en": "Closest weight change that alters the top {n}: {criterion} from "
            "{current:.3f} to {to:.3f} (the other weights rescaled in proportion); out: "
            "{leaves}; in: {enters}.",
            "ko": "상위 {n}을 바꾸는 가장 작은 가중치 변화: {criterion} {current:.3f} → "
            "{to:.3f}(나머지 가중치는 비례 조정); 빠지는 기술: {leaves}; 들어오는 기술: "
            "{enters}.",
        },
        "brief_no_closest": {
            "en": "No single criterion's weight between 0 and 1 changes the top {n}.",
            "ko": "어느 한 기준의 가중치를 0~1 사이에서 바꾸어도 상위 {n}은 바뀌지 않습니다.",
        },
        "brief_closest_rule": {
            "en": "Closest rule change that alters the shortlist: drop \"{rule}\"; back in: "
            "{ids} (score {given_up:.4f} higher).",
            "ko": "후보 목록을 바꾸는 가장 작은 규칙 변화: \"{rule}\" 규칙 삭제; 다시 들어오는 "
            "기술: {ids}(점수 {given_up:.4f} 상승).",
        },
        "brief_rules": {"en": "Shortlist rules and their cost", "ko": "후보 선정 규칙과 비용"},
        "brief_indicators": {
            "en": "Market indicators of {target}", "ko": "{target}의 시장 지표",
        },
        "brief_sources": {"en": "Sources", "ko": "출처"},
        "brief_policy_sources": {
            "en": "Policy documents behind the policy fit:",
            "ko": "정책 부합도의 근거 정책 문서:",
        },
        "brief_more_sources": {
            "en": "and {n} more (the workbook's country sheet lists them all)",
            "ko": "외 {n}건(엑셀 보고서의 국가 시트에 모두 있음)",
        },
        "brief_no_sources": {
            "en": "no policy document counts under this scenario's evidence rule",
            "ko": "이 시나리오의 근거 규칙에서 인정되는 정책 문서 없음",
        },
        "brief_data": {
            "en": "Data: {source}; SHA-256 {sha}", "ko": "데이터: {source}; SHA-256 {sha}",
        },
        "brief_digest": {
            "en": "Decision record digest (SHA-256 of its canonical JSON): {digest} · format "
            "{format} · exportmcda {version}",
            "ko": "의사결정 기록 다이제스트(정규화한 JSON의 SHA-256): {digest} · 형식 {format} "
            "· exportmcda {version}",
        },
        "download_brief_pdf": {"en": "Briefing (PDF)", "ko": "브리핑(PDF)"},
    }
)
ISSUE_CODES.update(
    {
        "brief.output_suffix": {
            "en": "Output must end in .pdf or .html",
            "ko": "출력 파일은 .pdf 또는 .html이어야 함",
        },
        "brief.no_pdf_engine": {
            "en": "PDF engine (WeasyPrint) not available",
            "ko": "PDF 엔진(WeasyPrint)을 쓸 수 없음",
        },
        "brief.no_cjk_font": {
            "en": "Korean font (Noto Sans CJK KR) not found",
            "ko": "한국어 글꼴(Noto Sans CJK KR) 없음",
        },
    }
)


# --- expert panel (issue 12, part 1: exportmcda.panel, cli.panel, ui/pages/panel.py) ---
ISSUE_CODES.update(
    {
        "panel_experts": {"en": "Number of experts out of range", "ko": "전문가 수가 범위 밖"},
        "panel_not_template": {
            "en": "Not a panel workbook", "ko": "전문가 패널 통합문서가 아님",
        },
        "panel_format": {
            "en": "Unknown panel workbook format", "ko": "알 수 없는 패널 통합문서 형식",
        },
        "panel_meta": {"en": "Panel settings changed", "ko": "패널 설정이 변경됨"},
        "panel_bad_side": {"en": "Answer is not A or B", "ko": "답이 A 또는 B가 아님"},
        "panel_bad_level": {"en": "Level is not 1 to 9", "ko": "정도가 1–9가 아님"},
        "panel_formula": {"en": "Formula in an answer", "ko": "답 칸에 수식"},
        "panel_half_answer": {"en": "Half an answer", "ko": "답이 절반만 있음"},
        "panel_unknown_question": {"en": "Unknown question row", "ko": "알 수 없는 질문 행"},
        "panel_duplicate_question": {"en": "Question appears twice", "ko": "질문이 두 번 나옴"},
        "panel_question_missing": {"en": "Question missing", "ko": "질문 누락"},
        "panel_too_many_experts": {"en": "Too many expert sheets", "ko": "전문가 시트가 너무 많음"},
        "panel_no_experts": {"en": "No expert sheet", "ko": "전문가 시트 없음"},
        "panel_screen": {"en": "Unknown screening rule", "ko": "알 수 없는 선별 규칙"},
        "panel_node_empty": {
            "en": "No expert left at a node", "ko": "판단할 전문가가 없는 항목",
        },
        "panel_scenario": {
            "en": "Unknown scenario in the panel", "ko": "패널의 알 수 없는 시나리오",
        },
    }
)
NOTES.update(
    {
        "panel_screen_exclude": {
            "en": "screening: an expert whose consistency ratio exceeds {threshold} at any "
            "node (RI table {ri_table}) is left out of the group weights",
            "ko": "선별: 어느 항목에서든 일관성 비율이 {threshold}을(를) 넘는 전문가는 그룹 "
            "가중치에서 제외합니다(무작위 지수 표 {ri_table}).",
        },
        "panel_screen_flag": {
            "en": "screening: every expert counts in the group weights; one whose consistency "
            "ratio exceeds {threshold} at any node (RI table {ri_table}) is flagged",
            "ko": "선별: 모든 전문가를 그룹 가중치에 반영하고, 어느 항목에서든 일관성 비율이 "
            "{threshold}을(를) 넘는 전문가는 표시만 합니다(무작위 지수 표 {ri_table}).",
        },
        "panel_outlier_rule": {
            "en": "outlier: an expert whose judgments differ from the group's by more than a "
            "factor of {factor:g} on average (the mean of |ln a_ij − ln g_ij| over their "
            "judgments exceeds ln {factor:g})",
            "ko": "이상치: 판단이 그룹 판단과 평균 {factor:g}배 넘게 다른 전문가"
            "(판단별 로그 차이의 평균 > 로그 {factor:g})",
        },
        "panel_completed": {
            "en": "{expert} left {n} question(s) of {node} blank: completed from their other "
            "judgments (estimated, flagged)",
            "ko": "{expert}: {node}의 질문 {n}개가 비어 있어 다른 판단으로 보완했습니다"
            "(추정값으로 표시).",
        },
        "panel_left_out": {
            "en": "{expert} did not answer enough questions of {node} to weigh it: left out "
            "of that node",
            "ko": "{expert}: {node} 질문에 충분히 답하지 않아 이 항목에서 제외했습니다.",
        },
        "panel_ignored_sheets": {
            "en": "sheets that are not expert sheets were not read: {sheets}",
            "ko": "전문가 시트가 아닌 시트는 읽지 않았습니다: {sheets}",
        },
    }
)
LABELS.update(
    {
        "page_panel": {"en": "Expert panel", "ko": "전문가 패널"},
        "panel_title": {
            "en": "exportmcda expert panel: pairwise judgments",
            "ko": "exportmcda 전문가 패널: 쌍대비교 판단",
        },
        "panel_notice_synthetic": {
            "en": "Note: the rankings these weights feed are computed on the database in use; "
            "exportmcda's shipped sample database is synthetic (invented companies and "
            "technologies).",
            "ko": "참고: 이 가중치로 계산하는 순위는 사용 중인 데이터베이스에 따릅니다. "
            "exportmcda에 포함된 샘플 데이터베이스는 합성 데이터입니다(가상의 기업과 기술).",
        },
        "panel_notice_assumed": {
            "en": "Scenario: {scenario}. Its own judgments are assumptions of the exportmcda "
            "team; this panel's answers replace them.",
            "ko": "시나리오: {scenario}. 시나리오의 판단은 exportmcda 팀의 가정이며, 이 "
            "패널의 답이 이를 대체합니다.",
        },
        "panel_instruction_1": {
            "en": "1. Each expert answers on their own sheet (one sheet per expert); write "
            "your name in the yellow cell at the top.",
            "ko": "1. 전문가마다 자신의 시트(전문가별 1개)에 답합니다. 맨 위 노란 칸에 "
            "이름을 적으세요.",
        },
        "panel_instruction_2": {
            "en": "2. For each question, pick in 'Which matters more?' A or B (the two "
            "criteria named in the question), then in 'How much more?' a level 1 to 9.",
            "ko": "2. 질문마다 '어느 쪽이 더 중요한가?'에서 A 또는 B(질문에 나온 두 기준)를, "
            "'얼마나 더?'에서 1–9 정도를 고르세요.",
        },
        "panel_instruction_3": {
            "en": "3. Level 1 means both matter equally (then A or B does not matter). Leave "
            "a question blank if you cannot judge it: it is estimated from your other "
            "answers and marked as estimated.",
            "ko": "3. 정도 1은 두 기준이 같이 중요하다는 뜻입니다(A·B 선택 무관). 판단하기 "
            "어려운 질문은 비워 두세요. 다른 답으로 추정하고 추정값으로 표시합니다.",
        },
        "panel_instruction_4": {
            "en": "4. Beside each group of questions, the consistency ratio (CR) appears once "
            "all are answered; above {threshold} the answers contradict each other and should "
            "be revisited. The live CR is a spreadsheet estimate (geometric mean); the import "
            "computes it exactly.",
            "ko": "4. 질문 묶음 옆에 모든 질문에 답하면 일관성 비율(CR)이 나타납니다. "
            "{threshold}을(를) 넘으면 답끼리 모순되므로 다시 검토하세요. 시트의 CR은 "
            "기하평균에 의한 추정값이며, 가져오기에서 정확히 계산합니다.",
        },
        "panel_instruction_5": {
            "en": "5. Only the yellow cells can be edited. The only formulas in this workbook "
            "were written by exportmcda; formulas typed into answers are refused on import.",
            "ko": "5. 노란 칸만 편집할 수 있습니다. 이 통합문서의 수식은 모두 exportmcda가 "
            "작성했으며, 답 칸에 입력한 수식은 가져올 때 거부됩니다.",
        },
        "panel_scale_title": {
            "en": "Saaty's scale (how much more important)", "ko": "Saaty 척도(얼마나 더 중요한가)",
        },
        "panel_level_1": {"en": "equally important", "ko": "같이 중요"},
        "panel_level_2": {"en": "between equal and moderate", "ko": "같음과 약간 사이"},
        "panel_level_3": {"en": "moderately more important", "ko": "약간 더 중요"},
        "panel_level_4": {"en": "between moderate and strong", "ko": "약간과 상당히 사이"},
        "panel_level_5": {"en": "strongly more important", "ko": "상당히 더 중요"},
        "panel_level_6": {"en": "between strong and very strong", "ko": "상당히와 매우 사이"},
        "panel_level_7": {"en": "very strongly more important", "ko": "매우 더 중요"},
        "panel_level_8": {"en": "between very strong and extreme", "ko": "매우와 극히 사이"},
        "panel_level_9": {"en": "extremely more important", "ko": "극히 더 중요"},
        "panel_fact_scenario": {"en": "Scenario", "ko": "시나리오"},
        "panel_fact_experts": {"en": "Experts", "ko": "전문가 수"},
        "panel_fact_questions": {"en": "Questions per expert", "ko": "전문가별 질문 수"},
        "panel_fact_ri_table": {"en": "Random-index table", "ko": "무작위 지수(RI) 표"},
        "panel_fact_created": {"en": "Created", "ko": "작성일"},
        "panel_sheet_instructions": {"en": "Instructions", "ko": "안내"},
        "panel_sheet_expert": {"en": "Expert {n}", "ko": "전문가 {n}"},
        "panel_sheet_help": {
            "en": "Answer in the yellow cells: which criterion matters more (A or B) and how "
            "much more (1-9). See the Instructions sheet for the scale.",
            "ko": "노란 칸에 답하세요: 어느 기준이 더 중요한지(A 또는 B), 얼마나 더 중요한지"
            "(1–9). 척도는 '안내' 시트를 보세요.",
        },
        "panel_name_prompt": {"en": "Your name", "ko": "이름"},
        "panel_node_goal": {
            "en": "Top-level criteria (export success)", "ko": "상위 기준(수출 성공)",
        },
        "panel_node_within": {"en": "Within: {criterion}", "ko": "세부 기준: {criterion}"},
        "panel_question_goal": {
            "en": "Which matters more for export success, {a} (A) or {b} (B), and how much "
            "more?",
            "ko": "수출 성공에 {a}(A)와 {b}(B) 중 어느 쪽이 더 중요하며, 얼마나 더 "
            "중요합니까?",
        },
        "panel_question_within": {
            "en": "Within {criterion}: which matters more for export success, {a} (A) or {b} "
            "(B), and how much more?",
            "ko": "{criterion} 안에서: 수출 성공에 {a}(A)와 {b}(B) 중 어느 쪽이 더 "
            "중요하며, 얼마나 더 중요합니까?",
        },
        "panel_col_number": {"en": "No.", "ko": "번호"},
        "panel_col_question": {"en": "Question", "ko": "질문"},
        "panel_col_a": {"en": "Criterion A", "ko": "기준 A"},
        "panel_col_b": {"en": "Criterion B", "ko": "기준 B"},
        "panel_col_side": {"en": "Which matters more? (A/B)", "ko": "어느 쪽이 더 중요? (A/B)"},
        "panel_col_level": {"en": "How much more? (1-9)", "ko": "얼마나 더? (1–9)"},
        "panel_col_judgment": {"en": "Judgment A:B", "ko": "판단값 A:B"},
        "panel_col_calculation": {
            "en": "Calculation written by exportmcda (matrix, geometric-mean weights, "
            "lambda max, CR)",
            "ko": "exportmcda가 작성한 계산(행렬, 기하평균 가중치, 최대 고유값, CR)",
        },
        "panel_cr_live": {"en": "CR (live)", "ko": "CR(실시간)"},
        "panel_cr_ok": {"en": "OK", "ko": "양호"},
        "panel_cr_revisit": {"en": "Revisit", "ko": "재검토"},
        "panel_bad_answer": {"en": "Invalid answer", "ko": "잘못된 답"},
        "panel_bad_side": {"en": "Pick A or B.", "ko": "A 또는 B를 고르세요."},
        "panel_bad_level": {"en": "Pick a level from 1 to 9.", "ko": "1–9 중에서 고르세요."},
        "panel_intro": {
            "en": "Send the workbook to the experts, collect it back with every sheet filled, "
            "and upload it here: each expert's consistency and the judgment to revisit, the "
            "group's weights and how far the experts agree.",
            "ko": "통합문서를 전문가에게 보내고, 모든 시트를 채워 돌려받은 뒤 여기에 "
            "업로드하세요. 전문가별 일관성과 다시 볼 판단, 그룹 가중치와 전문가 간 합의 "
            "정도를 보여 줍니다.",
        },
        "panel_experts_input": {"en": "Number of experts", "ko": "전문가 수"},
        "panel_download": {"en": "Download the panel workbook", "ko": "패널 통합문서 내려받기"},
        "panel_upload": {
            "en": "Upload a filled panel workbook (.xlsx)",
            "ko": "작성된 패널 통합문서 업로드(.xlsx)",
        },
        "panel_aggregation": {"en": "Aggregation", "ko": "종합 방법"},
        "panel_aggregation_aij": {
            "en": "AIJ: geometric mean of judgments", "ko": "AIJ: 판단의 기하평균",
        },
        "panel_aggregation_aip": {
            "en": "AIP: geometric mean of priorities", "ko": "AIP: 우선순위의 기하평균",
        },
        "panel_screen_choice": {"en": "Inconsistent experts", "ko": "일관성 낮은 전문가"},
        "panel_screen_flag_option": {"en": "flag only", "ko": "표시만"},
        "panel_screen_exclude_option": {"en": "exclude", "ko": "제외"},
        "panel_node_choice": {"en": "Weights at", "ko": "가중치 항목"},
        "panel_group": {"en": "Group", "ko": "그룹"},
        "panel_consensus": {"en": "Consensus S*", "ko": "합의도 S*"},
        "panel_consensus_level": {"en": "Consensus level", "ko": "합의 수준"},
        "consensus_very low": {"en": "very low", "ko": "매우 낮음"},
        "consensus_low": {"en": "low", "ko": "낮음"},
        "consensus_moderate": {"en": "moderate", "ko": "보통"},
        "consensus_high": {"en": "high", "ko": "높음"},
        "consensus_very high": {"en": "very high", "ko": "매우 높음"},
        "panel_chart_group_mark": {
            "en": "◆ the group; one tick per expert", "ko": "◆ 그룹, 눈금 하나가 전문가 한 명",
        },
        "panel_outliers": {"en": "Outliers", "ko": "이상치"},
        "panel_none": {"en": "none", "ko": "없음"},
        "panel_use": {"en": "Use the group's weights", "ko": "그룹 가중치 사용"},
        "panel_used": {
            "en": "The group's judgments are now the session's weights (scenario {scenario}).",
            "ko": "그룹 판단을 현재 가중치로 적용했습니다(시나리오 {scenario}).",
        },
        "panel_save": {"en": "Download as a scenario file", "ko": "시나리오 파일로 내려받기"},
        "panel_col_expert": {"en": "Expert", "ko": "전문가"},
        "panel_col_cr": {"en": "CR", "ko": "일관성 비율 CR"},
        "panel_col_included": {"en": "In the group", "ko": "그룹 반영"},
        "panel_col_distance": {"en": "Distance from group", "ko": "그룹과의 거리"},
        "panel_col_factor": {"en": "Factor", "ko": "배수"},
        "panel_col_outlier": {"en": "Outlier", "ko": "이상치"},
        "panel_col_missing": {"en": "Blank questions", "ko": "빈 질문"},
        "panel_col_revisit": {"en": "Judgment to revisit", "ko": "다시 볼 판단"},
        "panel_revisit": {
            "en": "{a} vs {b}: {current} → {suggested} (CR {after})",
            "ko": "{a} 대 {b}: {current} → {suggested}(CR {after})",
        },
        "panel_chart_title": {
            "en": "Each expert's weights beside the group's", "ko": "전문가별 가중치와 그룹 가중치",
        },
        "panel_chart_who": {"en": "Who", "ko": "구분"},
    }
)


# --- Korean everywhere (issue 11, item 1): workbook terms, the record sheet, upload details;
# visible sheets checked by verify (issue 11, item 8: exportmcda.export.shown) ---
LABELS.update(
    {
        "sheet_record": {"en": "record", "ko": "감사기록"},
        "audit_record_where_sheet": {
            "en": "sheet '{sheet}' (JSON); re-run with: exportmcda verify FILE.xlsx",
            "ko": "'{sheet}' 시트(JSON); 재현 확인: exportmcda verify FILE.xlsx",
        },
        "direction.benefit": {"en": "benefit", "ko": "편익(클수록 좋음)"},
        "direction.cost": {"en": "cost", "ko": "비용(작을수록 좋음)"},
        "basis.sourced": {"en": "sourced", "ko": "출처 확인"},
        "basis.assumed-mapping": {"en": "assumed-mapping", "ko": "가정 매핑"},
        "scenario_basis.assumed": {"en": "assumed", "ko": "가정(전문가 설문 아님)"},
        "scenario_basis.user": {"en": "user", "ko": "사용자 조정"},
        "year_undated": {"en": "undated", "ko": "연도 미상"},
        "year_circa": {"en": "c.", "ko": "약 "},
        "choose_targets": {"en": "Choose countries or groups", "ko": "국가나 그룹을 고르세요"},
        "choose_scenarios": {"en": "Choose two or three weightings",
                             "ko": "가중치 두세 개를 고르세요"},
        "assumption_scenario_line": {
            "en": "Scenario: {scenario} — basis: {basis}",
            "ko": "시나리오: {scenario} — 근거: {basis}",
        },
    }
)
NOTES.update(
    {
        "verify_shown_differs": {
            "en": "{n} cell(s) of the visible sheets differ from the record: {cells}",
            "en_one": "{n} cell of the visible sheets differs from the record: {cells}",
            "ko": "보이는 시트의 셀 {n}개가 감사 기록과 다릅니다: {cells}",
        },
    }
)

# --- scenarios side by side (issue 11, item 5: model.scenario_compare, cli.scenarios,
#     the Compare page's Scenarios tab) ---
LABELS.update(
    {
        "compare_tab_targets": {"en": "Targets side by side", "ko": "대상국 비교"},
        "compare_tab_scenarios": {"en": "Scenarios side by side", "ko": "시나리오 비교"},
        "scen_compare_pick": {
            "en": "Weightings to compare (2–3; the first is the reference)",
            "ko": "비교할 가중치(2–3개, 첫 번째가 기준)",
        },
        "scen_compare_current": {"en": "Your current weights", "ko": "현재 가중치"},
        "scen_compare_pick_two": {
            "en": "Choose two or three weightings to compare.",
            "ko": "비교할 가중치를 두세 개 고르세요.",
        },
        "scen_compare_caption": {
            "en": "One target ({target}), the same filters and evidence rule: only the "
            "weights differ. Every change is read against {reference}.",
            "ko": "같은 대상({target}), 같은 필터와 근거 규칙에서 가중치만 다릅니다. 모든 변화는 "
            "{reference} 기준입니다.",
        },
        "scen_compare_weights": {"en": "Criterion weights", "ko": "기준별 가중치"},
        "scen_compare_ranks": {
            "en": "Ranks side by side (every technology of a top-{n} list)",
            "ko": "순위 비교(어느 한 상위 {n}개 목록에라도 든 기술)",
        },
        "scen_compare_movers": {"en": "Biggest moves", "ko": "가장 크게 움직인 기술"},
        "scen_compare_favours": {"en": "What each weighting favours",
                                 "ko": "가중치별로 유리해지는 것"},
        "scen_compare_still": {
            "en": "No technology of the top-{n} lists changes rank under {scenario}.",
            "ko": "{scenario}에서 상위 {n}개 목록의 기술 순위가 바뀌지 않습니다.",
        },
        "scen_compare_nothing": {
            "en": "{scenario} favours nothing over {reference}: the same weights.",
            "ko": "{scenario}: 가중치가 {reference} 기준과 같아 더 유리해지는 것이 없습니다.",
        },
        "scen_compare_bump": {
            "en": "Rank of each top-{n} technology under each weighting (hollow: outside the "
            "top)",
            "ko": "가중치별 상위 {n}개 기술의 순위(빈 점: 상위권 밖)",
        },
        "rank_under": {"en": "Rank: {name}", "ko": "순위: {name}"},
        "bump_beyond": {"en": "beyond {n}", "ko": "{n}위 밖"},
        "col_rank_change": {"en": "Change", "ko": "변화"},
    }
)
NOTES.update(
    {
        "scenario_rises": {
            "en": "{technology} ({technology_name}) rises {n:,} places under {scenario}: from "
            "{rank_from:,} ({reference}) to {rank_to:,}",
            "en_one": "{technology} ({technology_name}) rises {n:,} place under {scenario}: "
            "from {rank_from:,} ({reference}) to {rank_to:,}",
            "ko": "{technology}({technology_name}): {scenario}에서 {n:,}계단 상승"
            "({reference} {rank_from:,}위 → {rank_to:,}위)",
        },
        "scenario_falls": {
            "en": "{technology} ({technology_name}) falls {n:,} places under {scenario}: from "
            "{rank_from:,} ({reference}) to {rank_to:,}",
            "en_one": "{technology} ({technology_name}) falls {n:,} place under {scenario}: "
            "from {rank_from:,} ({reference}) to {rank_to:,}",
            "ko": "{technology}({technology_name}): {scenario}에서 {n:,}계단 하락"
            "({reference} {rank_from:,}위 → {rank_to:,}위)",
        },
        "scenario_weighs_more": {
            "en": "{scenario} weighs {criterion} at {weight:.0%} ({reference}: "
            "{reference_weight:.0%})",
            "ko": "{scenario}: {criterion} 가중치 {weight:.0%}({reference} "
            "{reference_weight:.0%})",
        },
        "scenario_gains_size": {
            "en": "{group}: {count} of the top {top} under {scenario} ({reference_count} "
            "under {reference})",
            "ko": "{group}: {scenario}에서 상위 {top}개 중 {count}개({reference} "
            "{reference_count}개)",
        },
        "scenario_gains_field": {
            "en": "Field {group}: {count} of the top {top} under {scenario} "
            "({reference_count} under {reference})",
            "ko": "{group} 분야: {scenario}에서 상위 {top}개 중 {count}개({reference} "
            "{reference_count}개)",
        },
    }
)
ISSUE_CODES.update(
    {
        "scenario_compare_count": {"en": "Two or three weightings needed",
                                   "ko": "가중치는 2–3개가 필요함"},
        "scenario_compare_targets": {"en": "Weightings of different targets",
                                     "ko": "서로 다른 대상의 가중치"},
        "scenario_twice": {"en": "Scenario named twice", "ko": "시나리오 중복"},
    }
)
ISSUE_HINTS: Final[dict[str, dict[str, str]]] = {
    "missing_column": {
        "en": "Add the column '{field}' (the interchange format's column names).",
        "ko": "필수 열 '{field}'이(가) 없습니다. 교환 형식의 열 이름을 그대로 쓰세요.",
    },
    "duplicate_column": {
        "en": "The column '{field}' appears more than once; keep one.",
        "ko": "같은 이름의 열 '{field}'이(가) 두 번 이상 있습니다. 하나만 남기세요.",
    },
    "empty_id": {"en": "Fill in '{field}'.", "ko": "'{field}' 칸이 비어 있습니다. 값을 채우세요."},
    "empty_value": {
        "en": "Fill in '{field}'.", "ko": "'{field}' 칸이 비어 있습니다. 값을 채우세요.",
    },
    "unknown_field": {
        "en": "'{value}' is not one of the study's 21 fields: use a field name or 1-21.",
        "ko": "'{value}'은(는) 연구의 기술 분야 21개에 없습니다. 분야 이름(한글 또는 영문)이나 "
        "번호 1–21을 쓰세요.",
    },
    "unknown_service_type": {
        "en": "'{value}' is not a service type: use a listed name or number, or leave it empty.",
        "ko": "'{value}'은(는) 서비스 유형 목록에 없습니다. 목록의 이름이나 번호를 쓰거나 "
        "비워 두세요.",
    },
    "unknown_region": {
        "en": "'{value}' is not one of the 17 regions.",
        "ko": "'{value}'은(는) 17개 시·도에 없습니다. 시·도 이름이나 번호를 쓰세요.",
    },
    "unknown_company_size": {
        "en": "'{value}' is not a company size.",
        "ko": "'{value}'은(는) 기업 규모(중소기업, 중견기업, 대기업, 공공기관, 비영리법인)에 "
        "없습니다.",
    },
    "class_out_of_range": {
        "en": "The class '{value}' of '{field}' is outside its scale.",
        "ko": "'{field}'의 등급 '{value}'이(가) 등급 범위를 벗어났습니다.",
    },
    "not_a_number": {
        "en": "'{field}' needs a number, not '{value}'.",
        "ko": "'{field}'에는 숫자가 와야 합니다(입력값 '{value}').",
    },
    "negative_number": {
        "en": "'{field}' needs a number of 0 or more, not '{value}'.",
        "ko": "'{field}'에는 0 이상의 숫자가 와야 합니다(입력값 '{value}').",
    },
    "not_an_integer": {
        "en": "'{field}' needs a whole number, not '{value}'.",
        "ko": "'{field}'에는 정수가 와야 합니다(입력값 '{value}').",
    },
    "number_out_of_range": {
        "en": "The number '{value}' of '{field}' is out of range.",
        "ko": "'{field}'의 숫자 '{value}'이(가) 허용 범위를 벗어났습니다.",
    },
    "future_year": {
        "en": "The year '{value}' of '{field}' is in the future.",
        "ko": "'{field}'의 연도 '{value}'이(가) 미래입니다.",
    },
    "implausible_year": {
        "en": "The year '{value}' of '{field}' is implausible.",
        "ko": "'{field}'의 연도 '{value}'이(가) 비정상적입니다.",
    },
    "raw_class_mismatch": {
        "en": "The value and the class of '{field}' disagree ('{value}').",
        "ko": "'{field}'의 값과 등급이 서로 맞지 않습니다(입력값 '{value}').",
    },
    "company_conflict": {
        "en": "Rows of one company disagree on '{field}' ('{value}'): give it one value.",
        "ko": "같은 기업의 행끼리 '{field}' 값이 다릅니다(입력값 '{value}'). 기업 속성은 모든 "
        "행에서 같아야 합니다.",
    },
    "technology_conflict": {
        "en": "Rows of one technology disagree on '{field}' ('{value}'): give it one value.",
        "ko": "같은 기술의 행끼리 '{field}' 값이 다릅니다(입력값 '{value}'). 기술 속성은 모든 "
        "행에서 같아야 합니다.",
    },
    "duplicate_row": {
        "en": "This technology × field row appears twice; keep one.",
        "ko": "같은 기술×분야 행이 두 번 이상 있습니다. 하나만 남기세요.",
    },
    "not_a_table": {
        "en": "The file is not a table (CSV or .xlsx).",
        "ko": "표(CSV 또는 .xlsx) 형식으로 읽을 수 없습니다.",
    },
    "empty_file": {"en": "The file is empty.", "ko": "파일이 비어 있습니다."},
    "encoding": {
        "en": "The text is neither UTF-8 nor CP949: save the file as UTF-8.",
        "ko": "UTF-8이나 CP949(EUC-KR)로 읽을 수 없습니다. UTF-8로 저장해 다시 올리세요.",
    },
    "too_large": {"en": "The file is over the size limit.", "ko": "파일 크기가 한도를 넘습니다."},
    "too_many_rows": {"en": "The file has too many rows.", "ko": "행 수가 한도를 넘습니다."},
    "too_many_columns": {
        "en": "A row has too many cells.", "ko": "한 행의 칸 수가 한도를 넘습니다.",
    },
    "read_too_slow": {
        "en": "Reading the file took too long.", "ko": "파일을 읽는 시간이 한도를 넘었습니다.",
    },
    "cannot_read": {"en": "The file cannot be read.", "ko": "파일을 읽을 수 없습니다."},
    "no_rows": {
        "en": "The table has column names but no data rows.",
        "ko": "열 이름만 있고 데이터 행이 없습니다.",
    },
    "unnamed_column": {
        "en": "A column has no name: name it or delete it.",
        "ko": "이름 없는 열이 있습니다. 열 이름을 쓰거나 빈 열을 지우세요.",
    },
    "reserved_column": {
        "en": "'{field}' is a column name the program uses: rename the column.",
        "ko": "'{field}'은(는) 프로그램이 쓰는 예약된 열 이름입니다. 다른 이름으로 바꾸세요.",
    },
    "unknown_country_code": {
        "en": "'{value}' is not an ISO 3166-1 alpha-3 code (e.g. VNM; several with ;).",
        "ko": "'{value}'은(는) ISO 3166-1 alpha-3 국가 코드가 아닙니다(예: VNM, 여러 개는 ;로 "
        "구분).",
    },
    "unknown_certification": {
        "en": "'{value}' is not a known certification (GS, NEP, NET, INNO or other:NAME).",
        "ko": "'{value}'은(는) 알 수 없는 인증입니다(GS, NEP, NET, INNO 또는 other:이름).",
    },
}
"""What to do about an issue, per code, for the upload table's detail column in Korean (the
English detail is the library's message itself); a code without an entry shows its title."""


def issue_detail(issue: IssueLike, lang: str = "en") -> str:
    """The detail of an issue in ``lang``: the message in English, the hint in Korean."""
    if lang == "en":
        return issue.message
    hint = ISSUE_HINTS.get(issue.code)
    if hint is None:
        title = issue_title(issue.code, lang)
        return f"{title} ('{issue.value}')" if issue.value not in (None, "") else title
    return hint.get(lang, hint["en"]).format(field=issue.field or "-", value=issue.value or "")


def coded(prefix: str, value: str, lang: str = "en") -> str:
    """A code (a direction, a basis...) by its label ``prefix + value``; unknown codes as is."""
    return t(prefix + value, lang) if prefix + value in LABELS else value


def file_term(prefix: str, code: str, lang: str = "en") -> str:
    """A code of the shipped files as a reader sees it.

    A direction, a basis, a normalisation, an RI table: in English the code itself, as the
    files spell it; in another language its label (:func:`coded`).
    """
    return code if lang == "en" else coded(prefix, code, lang)


def source_year(year: str, lang: str = "en") -> str:
    """A source's year as found, the data files' own words translated.

    ``undated`` and ``c.`` (circa) in ``lang``: ``undated (c.2017)`` → ``연도 미상 (약 2017)``.
    """
    if lang == "en":
        return year
    shown = year.replace("undated", t("year_undated", lang), 1) if year.startswith(
        "undated") else year
    return shown.replace("(c.", "(" + t("year_circa", lang))


# --- pairwise questions in words (issue 11, item 3: ui/pages/weights.py) ---
# Saaty's verbal scale, one phrase per integer (Saaty, T. L. (2008). Decision making with the
# analytic hierarchy process. Int. J. Services Sciences 1(1):83-98, Table 1; the odd values
# as in Saaty 1980, Table 1.1, the even ones his "weak", "moderate plus", "strong plus",
# "very, very strong").
LABELS.update(
    {
        "pairwise_words_help": {
            "en": "For each pair, move the slider towards the criterion that matters more: "
            "the further, the stronger (Saaty's scale: equally, moderately, strongly, very "
            "strongly, extremely more important; the steps between them are the values "
            "2, 4, 6 and 8). Arrow keys move a focused slider one step.",
            "ko": "각 쌍에서 더 중요한 기준 쪽으로 슬라이더를 옮기세요. 멀리 옮길수록 더 "
            "중요합니다(Saaty 척도: 동등, 약간, 강하게, 매우 강하게, 극히 더 중요; 그 사이 "
            "단계는 2, 4, 6, 8). 슬라이더를 선택한 뒤 화살표 키로 한 단계씩 옮길 수 있습니다.",
        },
        "pairwise_equal": {"en": "equally important (1)", "ko": "동등하게 중요(1)"},
        "pairwise_more": {
            "en": "{name}: {level} more important ({value})",
            "ko": "{name}: {level} 더 중요({value})",
        },
        "saaty_level_2": {"en": "slightly", "ko": "조금"},
        "saaty_level_3": {"en": "moderately", "ko": "약간"},
        "saaty_level_4": {"en": "moderately to strongly", "ko": "약간~강하게"},
        "saaty_level_5": {"en": "strongly", "ko": "강하게"},
        "saaty_level_6": {"en": "strongly to very strongly", "ko": "강하게~매우 강하게"},
        "saaty_level_7": {"en": "very strongly", "ko": "매우 강하게"},
        "saaty_level_8": {"en": "very to extremely", "ko": "매우~극히"},
        "saaty_level_9": {"en": "extremely", "ko": "극히"},
    }
)

# --- robustness in plain language (issue 11, item 4: model.verdict, ui/pages/sensitivity.py) ---
NOTES.update(
    {
        "robust_stays_around": {
            "en": "{technology} stays in the top {n} under {share:.0%} of plausible "
            "weightings (weights drawn around the current ones).",
            "ko": "현재 가중치 주변에서 뽑은 그럴듯한 가중치 조합의 {share:.0%}에서 "
            "{technology}이(가) 상위 {n}위 안에 남습니다.",
        },
        "robust_stays_uniform": {
            "en": "{technology} stays in the top {n} under {share:.0%} of all possible "
            "weightings (drawn uniformly).",
            "ko": "가능한 모든 가중치 조합(균등 추출)의 {share:.0%}에서 {technology}이(가) "
            "상위 {n}위 안에 남습니다.",
        },
        "robust_held": {
            "en": "{held} of the {count} shortlisted technologies stay in the top {n} under at "
            "least {level:.0%} of them.",
            "ko": "후보 {count}개 중 {held}개가 그 조합의 {level:.0%} 이상에서 상위 {n}위 안에 "
            "남습니다.",
        },
        "robust_weakest": {
            "en": "The least certain is {technology} (now {rank_ordinal}): in the top {n} "
            "under {share:.0%} of them.",
            "ko": "가장 불확실한 기술은 {technology}(현재 {rank_ordinal})로, 그 조합의 {share:.0%}"
            "에서만 상위 {n}위 안에 듭니다.",
        },
        "robust_holds_below": {
            "en": "The shortlist holds while the {criterion} weight stays below {below:.3f} "
            "(now {now:.3f}).",
            "ko": "{criterion} 가중치가 {below:.3f} 미만인 동안 후보 목록이 유지됩니다"
            "(현재 {now:.3f}).",
        },
        "robust_holds_above": {
            "en": "The shortlist holds while the {criterion} weight stays above {above:.3f} "
            "(now {now:.3f}).",
            "ko": "{criterion} 가중치가 {above:.3f} 초과인 동안 후보 목록이 유지됩니다"
            "(현재 {now:.3f}).",
        },
        "robust_holds_between": {
            "en": "The shortlist holds while the {criterion} weight stays between {above:.3f} "
            "and {below:.3f} (now {now:.3f}).",
            "ko": "{criterion} 가중치가 {above:.3f}~{below:.3f} 사이인 동안 후보 목록이 "
            "유지됩니다(현재 {now:.3f}).",
        },
        "robust_holds_any": {
            "en": "The shortlist holds whatever the {criterion} weight (from 0 to 1, the others "
            "rescaled).",
            "ko": "{criterion} 가중치를 0에서 1까지 어떻게 바꿔도(나머지는 비례 조정) 후보 "
            "목록이 유지됩니다.",
        },
        "robust_holds_nowhere": {
            "en": "Any change of the {criterion} weight (now {now:.3f}) changes the shortlist: "
            "technologies are tied at its cut-off.",
            "ko": "{criterion} 가중치(현재 {now:.3f})를 조금만 바꿔도 후보 목록이 달라집니다: "
            "마지막 순위에 동점 기술이 있습니다.",
        },
        "robust_methods_common": {
            "en": "In the top {n} of every method ({methods}), {count} in all: "
            "{technologies}.",
            "ko": "모든 방법({methods})의 상위 {n}위에 드는 기술 {count}개: {technologies}.",
        },
        "robust_methods_none": {
            "en": "No technology is in the top {n} of every method ({methods}). The methods "
            "score differently (distance to the ideal, compromise, weighted sum, distance to a "
            "reference point), so the shortlist is TOPSIS's answer, not a consensus; Kendall's "
            "τ below shows how far their whole rankings agree.",
            "ko": "모든 방법({methods})의 상위 {n}위에 공통으로 드는 기술은 없습니다. 방법마다 "
            "점수 방식(이상해와의 거리, 타협해, 가중합, 기준점과의 거리)이 달라, 이 후보 목록은 "
            "합의가 아니라 TOPSIS의 답입니다. 아래 켄달 τ는 전체 순위가 얼마나 일치하는지 "
            "보여 줍니다.",
        },
    }
)
LABELS.update(
    {
        "sens_intro_live": {
            "en": "How sure is the shortlist, and what would change it? The answers follow "
            "the weights, target and filters as you change them (here or on the Ranking page).",
            "ko": "후보 목록은 얼마나 확실하며, 무엇이 바뀌면 달라질까요? 가중치·대상국·필터를 "
            "바꾸면(이 화면이나 순위 화면에서) 답도 바로 따라 바뀝니다.",
        },
        "sens_answer": {"en": "The answer in brief", "ko": "요약 답변"},
        "sens_running_limits": {
            "en": "Finding the weight limits…", "ko": "가중치 한계 계산 중…",
        },
        "sens_table_title": {
            "en": "How often each technology stays in the top {n}",
            "ko": "기술별 상위 {n}위 유지 확률",
        },
        "sens_table_help": {
            "en": "Share of {samples} plausible weightings under which the technology is in "
            "the top {n} (and ranked first). First the current top {n}, then the others most "
            "often in it.",
            "ko": "그럴듯한 가중치 조합 {samples}개 중 해당 기술이 상위 {n}위 안에 드는(그리고 "
            "1위인) 비율. 현재 상위 {n}개를 먼저, 이어서 상위 {n}위에 자주 드는 다른 기술을 "
            "보여 줍니다.",
        },
        "sens_limits": {
            "en": "What would change the shortlist", "ko": "후보 목록을 바꾸는 가중치",
        },
        "sens_limits_help": {
            "en": "One weight at a time, the others rescaled in proportion (as the sliders do); "
            "the criterion closest to its limit first.",
            "ko": "한 번에 한 가중치만 바꾸고 나머지는 비례 조정합니다(슬라이더와 동일). 한계에 "
            "가장 가까운 기준부터 보여 줍니다.",
        },
        "sens_settings": {
            "en": "Sampling settings (for analysts)", "ko": "표본 설정(분석가용)",
        },
        "sens_analysts": {
            "en": "For analysts: the methods behind these answers",
            "ko": "분석가용: 이 답의 근거가 된 방법",
        },
        "sens_flip_found_moved": {
            "en": "Smallest change of the criterion weights that does it (the weights moved "
            "add up to {distance}):",
            "ko": "순위를 바꾸는 최소 가중치 변화(옮긴 가중치의 합 {distance}):",
        },
        "sens_glossary": {
            "en": "- **SMAA-2** (Lahdelma & Salminen 2001): draws many weight vectors and "
            "counts how often each technology takes each rank; the *top-N acceptability* is "
            "the share that keeps it in the top N.\n"
            "- **Dirichlet κ**: how the weights are drawn *around the scenario*: on average the "
            "current weights, closer to them the larger κ (here 50: a weight of 0.21 varies by "
            "about ±0.06).\n"
            "- **One at a time**: one weight moved from 0 to 1, the others rescaled in "
            "proportion; the interval in which the shortlist (or the top 1) stays the same.\n"
            "- **Kendall's τ**: agreement of two whole rankings, from −1 (reversed) to 1 "
            "(identical).\n"
            "- **L1 distance**: the sum of the absolute weight changes (for the swap of two "
            "technologies below).",
            "ko": "- **SMAA-2**(Lahdelma & Salminen 2001): 가중치 벡터를 많이 뽑아 기술마다 각 "
            "순위를 차지하는 빈도를 셉니다. *상위 N 수용 확률*은 상위 N위 안에 남는 비율입니다.\n"
            "- **디리클레 κ**: *시나리오 주변* 가중치를 뽑는 방식. 평균은 현재 가중치이며 κ가 "
            "클수록 그 주변에 모입니다(여기서는 50: 0.21인 가중치가 약 ±0.06 변동).\n"
            "- **기준별 단일 변화**: 한 가중치를 0에서 1까지 바꾸고 나머지는 비례 조정할 때 "
            "후보 목록(또는 1위)이 유지되는 구간.\n"
            "- **켄달 τ**: 두 전체 순위의 일치도, −1(정반대)에서 1(동일)까지.\n"
            "- **L1 거리**: 가중치 변화량 절댓값의 합(아래 두 기술의 순위 교체에 사용).",
        },
    }
)


# --- shortlist rules in the app and the workbook (issue 12, part 2: ui/pages/ranking.py,
# model.rule_link, model.rule_views, export.rules_sheet) ---
ISSUE_CODES.update(
    {
        "rules_bad_link": {"en": "Invalid rules in the link", "ko": "링크의 규칙이 잘못됨"},
    }
)
LABELS.update(
    {
        "rules_title": {"en": "Shortlist rules", "ko": "후보 선정 규칙"},
        "rules_active": {
            "en": "Shortlist rules in effect: {n}. The rule-bound shortlist below meets them all.",
            "ko": "후보 선정 규칙 {n}개 적용 중: "
            "아래 규칙 적용 후보 목록은 이 규칙을 모두 충족합니다.",
        },
        "rules_help": {
            "en": "Policy rules the shortlist must meet. With a rule set, the page shows the "
            "best-scoring shortlist that meets them all (solved exactly) and what each rule "
            "costs.",
            "ko": "후보 목록이 지켜야 할 정책 규칙입니다. 규칙을 정하면 모든 규칙을 지키는 "
            "최고 점수 후보 목록(정확한 해)과 규칙별 비용을 보여 줍니다.",
        },
        "rules_max_per_company": {"en": "At most per company", "ko": "기업당 최대 기술 수"},
        "rules_min_sme_share": {"en": "Minimum SME share (%)", "ko": "중소기업 최소 비율(%)"},
        "rules_min_non_capital": {
            "en": "At least from outside the capital region", "ko": "수도권 밖 기업 최소 기술 수",
        },
        "rules_no_rule": {"en": "no rule", "ko": "규칙 없음"},
        "rules_field_kind": {"en": "Field rule", "ko": "분야 규칙"},
        "rules_field_min": {"en": "at least", "ko": "최소"},
        "rules_field_max": {"en": "at most", "ko": "최대"},
        "rules_field": {"en": "Field", "ko": "분야"},
        "rules_field_count": {"en": "Technologies", "ko": "기술 수"},
        "rules_field_add": {"en": "Set field rule", "ko": "분야 규칙 설정"},
        "rules_field_rules": {
            "en": "Field rules (remove one to drop it)", "ko": "분야 규칙(제거하면 삭제)",
        },
        "rules_exclude": {"en": "Exclude technologies", "ko": "제외할 기술"},
        "rules_require": {"en": "Require technologies", "ko": "반드시 포함할 기술"},
        "rules_from_scenario": {
            "en": "Rules of the scenario ({scenario}): {rules}",
            "ko": "시나리오({scenario})의 규칙: {rules}",
        },
        "rules_scenario_none": {
            "en": "The scenario ({scenario}) states no shortlist rules.",
            "ko": "시나리오({scenario})에는 후보 선정 규칙이 없습니다.",
        },
        "rules_edited": {
            "en": "The rules were changed here (or came with the link); the scenario's are "
            "not applied.",
            "ko": "규칙이 여기서(또는 링크로) 바뀌었습니다. 시나리오의 규칙은 적용되지 않습니다.",
        },
        "rules_reset": {"en": "Back to the scenario's rules", "ko": "시나리오 규칙으로 되돌리기"},
        "rules_clear": {"en": "No rules", "ko": "규칙 모두 지우기"},
        "rules_link_refused": {
            "en": "The link's shortlist rules were not applied: {problem}",
            "ko": "링크의 후보 선정 규칙을 적용하지 않았습니다: {problem}",
        },
        "rules_shortlist_title": {
            "en": "Rule-bound shortlist ({n})", "ko": "규칙 기반 후보 목록({n}개)",
        },
        "rules_costs_title": {"en": "What each rule costs", "ko": "규칙별 비용"},
        "rules_score": {
            "en": "Score (sum of TOPSIS closeness): {score:.4f} under the rules against "
            "{free:.4f} for the ranking's top {n} without rules: {lost:.4f} given up "
            "({share:.1%}).",
            "ko": "점수(TOPSIS 근접도 합): 규칙 적용 {score:.4f}, 규칙 없는 상위 {n}개 "
            "{free:.4f}: {lost:.4f} 포기({share:.1%}).",
        },
        "rule_cost_binding": {
            "en": "{rule}: binding — without it the shortlist would score {lost:.4f} more; "
            "it pushed out {out} and brought in {into}.",
            "ko": "{rule}: 제약 작용 — 이 규칙이 없으면 점수가 {lost:.4f} 더 높습니다. "
            "밀려난 기술: {out}; 들어온 기술: {into}.",
        },
        "rule_cost_free": {
            "en": "{rule}: not binding — the best shortlist meets it anyway (no cost).",
            "ko": "{rule}: 제약 없음 — 최고 점수 후보 목록이 이미 지킵니다(비용 없음).",
        },
        "rules_infeasible_title": {
            "en": "No shortlist of {n} technologies meets every rule.",
            "ko": "모든 규칙을 지키는 기술 {n}개 후보 목록이 없습니다.",
        },
        "rules_relaxations_title": {
            "en": "Smallest change of one rule that makes a shortlist possible",
            "ko": "후보 목록을 가능하게 하는 규칙 하나의 가장 작은 변경",
        },
        "rules_none_listed": {"en": "none", "ko": "없음"},
        "rules_joint": {"en": "the rules together", "ko": "규칙들의 결합"},
        "rules_in_top": {"en": "in the ranking's top {n}", "ko": "순위 상위 {n}개에 포함"},
        "col_changed_by": {"en": "Changed by rule", "ko": "변경한 규칙"},
        "col_rule_id": {"en": "Rule (id)", "ko": "규칙(ID)"},
        "col_brought_in": {"en": "Brought in", "ko": "들어온 기술"},
        "col_stated_in": {"en": "Stated in", "ko": "규칙 출처"},
        "col_cost": {"en": "Cost in words", "ko": "비용 설명"},
        "col_relaxed_to": {"en": "Relaxed rule", "ko": "완화한 규칙"},
        "col_slack": {"en": "Technologies of slack", "ko": "완화한 기술 수"},
        "col_rule_bound_rank": {"en": "Rank under the rules", "ko": "규칙 적용 순위"},
        "sheet_rules": {"en": "Rules", "ko": "선정 규칙"},
        "sheet_rules_title": {
            "en": "Shortlist rules and their cost", "ko": "후보 선정 규칙과 비용",
        },
        "sheet_rules_feasible": {"en": "A shortlist meets every rule", "ko": "규칙 충족 가능"},
        "sheet_rules_score": {"en": "Score under the rules", "ko": "규칙 적용 점수"},
        "sheet_rules_free_score": {
            "en": "Score of the top {n} without rules", "ko": "규칙 없는 상위 {n}개 점수",
        },
        "sheet_rules_given_up": {"en": "Score given up", "ko": "포기한 점수"},
        "sheet_rules_solver": {"en": "Solver", "ko": "풀이 방법"},
        "sheet_rules_conflict": {"en": "Conflicting rules", "ko": "충돌하는 규칙"},
        "sheet_shortlist_rule_bound": {
            "en": "Rule-bound shortlist: the best-scoring {n} that meet every rule (see the "
            "{sheet} sheet); \"{column}\" says which rule brought a technology in.",
            "ko": "규칙 기반 후보 목록: 모든 규칙을 지키는 최고 점수 {n}개({sheet} 시트 참조). "
            "\"{column}\" 열은 어느 규칙이 기술을 넣었는지 보여 줍니다.",
        },
        "sheet_shortlist_infeasible": {
            "en": "No set of {n} technologies meets the rules (see the {sheet} sheet): the "
            "ranking's top {n} is listed.",
            "ko": "규칙을 모두 지키는 기술 {n}개 조합이 없어({sheet} 시트 참조) 순위 상위 "
            "{n}개를 실었습니다.",
        },
    }
)


class NoteLike(Protocol):
    """What :func:`note_text` reads of an ``exportmcda.errors.Note``."""

    @property
    def code(self) -> str: ...

    @property
    def params(self) -> Mapping[str, str | int | float | None]: ...


class IssueLike(Protocol):
    """What :func:`issue_text` reads of an ``exportmcda.errors.Issue``."""

    @property
    def code(self) -> str: ...

    @property
    def message(self) -> str: ...

    @property
    def path(self) -> str | None: ...

    @property
    def row(self) -> int | None: ...

    @property
    def field(self) -> str | None: ...

    @property
    def value(self) -> str | None: ...


class _Shown(dict[str, object]):
    """Template values; a placeholder without a parameter shows as ``{name}``."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _named(value: str, names: Mapping[str, str]) -> str:
    """An id (or a ", "-separated list of ids) by its display name, where one is known."""
    if value in names:
        return names[value]
    parts = value.split(", ")
    if len(parts) > 1 and all(p in names for p in parts):
        return ", ".join(names[p] for p in parts)
    return value


def note_text(note: NoteLike, lang: str = "en", names: Mapping[str, str] | None = None) -> str:
    """Render a note in ``lang`` from :data:`NOTES`.

    Parameters that are codes (:data:`NOTE_TERMS`: the ``missing`` policy, a source type,
    a class scale) are translated through labels; any other text parameter found in
    ``names`` (ids of criteria, nodes or technologies → their names in ``lang``) is shown by
    its name. Without ``names``, the English text is the library's historical sentence. An
    unknown code is shown as the code and its parameters (visible, never a crash).
    """
    entry = NOTES.get(note.code)
    if entry is None:
        shown = ", ".join(f"{k}={v}" for k, v in note.params.items())
        return f"{note.code} ({shown})" if shown else note.code
    values = _Shown()
    for key, value in note.params.items():
        if isinstance(value, str):
            term = NOTE_TERMS.get(key)
            if term is not None and term + value in LABELS:
                value = t(term + value, lang)
            elif names:
                value = _named(value, names)
        values[key] = value
    rank = note.params.get("rank")
    if isinstance(rank, int) and "rank_ordinal" not in values:
        values["rank_ordinal"] = _ordinal(rank, lang)
    template = entry.get(f"{lang}_one") if note.params.get("n") == 1 else None
    template = template or entry.get(lang) or entry["en"]
    try:
        return template.format_map(values)
    except (ValueError, TypeError):  # a parameter of the wrong kind for its format spec
        plain = re.sub(r"{(\w+)[^}]*}", r"{\1}", template)
        return plain.format_map(_Shown({k: str(v) for k, v in values.items()}))


def _ordinal(n: int, lang: str) -> str:
    """'1st', '2nd', '3rd', '11th', … in English; '1위', '2위', … in Korean."""
    if lang == "ko":
        return f"{n}위"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def explanation_text(
    notes: Sequence[NoteLike],
    lang: str = "en",
    names: Mapping[str, str] | None = None,
    rendered: dict[Any, str] | None = None,
) -> str:
    """One sentence from an explanation's notes (``exportmcda.model.explain``).

    The first note is the rank, the last (``why_furthest``) the weakest criterion, the ones
    between the reasons, listed with commas: "Ranks 3rd of 1,044 for Viet Nam (closeness
    0.674): deployed in 41 Korean local governments or sites (top 5%), GS-certified (Good
    Software), Traffic is a headline priority of Viet Nam's policy; it is furthest from the
    ideal on Sales class." ``rendered`` keeps each note's text for the next sentence with
    the same ``lang`` and ``names`` (the sentences of a full ranking repeat most reasons).
    """
    if not notes:
        return ""

    def text_of(note: NoteLike) -> str:
        if rendered is None:
            return note_text(note, lang, names)
        found = rendered.get(note)
        if found is None:
            found = rendered[note] = note_text(note, lang, names)
        return found

    head, *rest = notes
    tail = [n for n in rest if n.code == "why_furthest"]
    body = [text_of(n) for n in rest if n.code != "why_furthest"]
    text = note_text(head, lang, names)
    if body:
        text += ": " + ", ".join(body)
    if tail:
        text += "; " + text_of(tail[0])
    return text + "."


def notes_text(
    notes: Iterable[NoteLike], lang: str = "en", names: Mapping[str, str] | None = None
) -> list[str]:
    """Render several notes (see :func:`note_text`)."""
    return [note_text(note, lang, names) for note in notes]


_WHERE: Final[dict[str, tuple[str, str]]] = {
    "en": ("row {row}", "field '{field}'"),
    "ko": ("{row}행", "'{field}' 항목"),
}


def issue_text(issue: IssueLike, lang: str = "en") -> str:
    """One line naming where an issue is and what it is, in ``lang``.

    English is ``str(issue)`` (place, then the library's message). Korean names the place,
    the code's title (:data:`ISSUE_CODES`) and the offending value; the English detail
    stays available as ``issue.message``.
    """
    row_text, field_text = _WHERE.get(lang, _WHERE["en"])
    where = ", ".join(
        part
        for part in (
            issue.path,
            row_text.format(row=issue.row) if issue.row is not None else None,
            field_text.format(field=issue.field) if issue.field is not None else None,
        )
        if part
    )
    if lang == "en":
        what = issue.message
    else:
        what = issue_title(issue.code, lang)
        if issue.value not in (None, ""):
            what += f" ('{issue.value}')"
    return f"{where}: {what}" if where else what


_MORE: Final[dict[str, tuple[str, str]]] = {
    "en": (" (and {more} more problem)", " (and {more} more problems)"),
    "ko": (" (외 {more}건)", " (외 {more}건)"),
}


def issues_text(issues: Sequence[IssueLike], lang: str = "en") -> str:
    """An error's issues in one line: the first, and how many more (``str(error)`` in English)."""
    if not issues:
        return ""
    more = len(issues) - 1
    one, many = _MORE.get(lang, _MORE["en"])
    first = issue_text(issues[0], lang)
    return first if more == 0 else first + (one if more == 1 else many).format(more=more)


# --- methods: every ranking method on every decision command (cli.decide, model.attribution,
# model.explain, export.reports) ---
ISSUE_CODES.update(
    {
        "contributions_undefined": {
            "en": "No per-criterion contributions", "ko": "기준별 기여도 없음",
        },
        "sensitivity.method_not_topsis": {
            "en": "Robustness is computed for TOPSIS (use --method topsis)",
            "ko": "강건성은 TOPSIS 순위로만 계산(--method topsis 사용)",
        },
        "brief.method_not_topsis": {
            "en": "A briefing's robustness is computed for TOPSIS records",
            "ko": "브리핑의 강건성은 TOPSIS 기록으로만 계산",
        },
        "shortlist.lower_is_better": {
            "en": "Shortlist rules need a score where higher is better",
            "ko": "후보 선정 규칙은 높을수록 좋은 점수에만 적용",
        },
    }
)
ISSUE_HINTS.update(
    {
        "sensitivity.method_not_topsis": {
            "en": "Run sensitivity with --method topsis.",
            "ko": "강건성(단일 변화, SMAA, 순위 역전)은 TOPSIS 순위로만 계산합니다. "
            "--method topsis로 다시 실행하세요('{value}').",
        },
        "brief.method_not_topsis": {
            "en": "Record the decision with --method topsis for a briefing.",
            "ko": "브리핑을 만들려면 --method topsis로 결정을 기록하세요('{value}').",
        },
        "shortlist.lower_is_better": {
            "en": "Use --method topsis, wsm or promethee_ii with shortlist rules.",
            "ko": "후보 선정 규칙에는 --method topsis, wsm 또는 promethee_ii를 쓰세요('{value}').",
        },
    }
)
NOTES.update(
    {
        "contributions_wsm": {
            "en": "contributions: each criterion's part w_j·r_ij of the weighted sum; they add "
            "up to the score exactly",
            "ko": "기여도: 가중합에서 각 기준이 차지하는 몫 w_j·r_ij이며, 합하면 점수와 정확히 "
            "같습니다.",
        },
        "contributions_promethee_ii": {
            "en": "contributions: each criterion's weighted net flow w_j·φ_j(a); they add up to "
            "the net flow exactly and may be negative",
            "ko": "기여도: 기준별 가중 순흐름 w_j·φ_j(a)이며, 합하면 순흐름과 정확히 같고 음수일 "
            "수 있습니다.",
        },
        "contributions_spotis": {
            "en": "contributions: each criterion's part w_j·d_ij of the distance to the ideal "
            "point; they add up to the score exactly, and a larger part is a larger shortfall "
            "(lower is better)",
            "ko": "기여도: 이상점까지의 거리에서 각 기준이 차지하는 몫 w_j·d_ij이며, 합하면 점수와 "
            "정확히 같습니다. 몫이 클수록 부족분이 큽니다(낮을수록 좋음).",
        },
        "contributions_undefined": {
            "en": "{method} has no per-criterion contributions (its score is not a sum over the "
            "criteria and no published decomposition exists): they are left out (null in "
            "JSON), and explanations cite the evidence only",
            "ko": "{method}에는 기준별 기여도가 없습니다(점수가 기준별 합이 아니며 발표된 분해 "
            "방법이 없음). 기여도는 비워 두고, 순위 근거에는 증거만 적습니다.",
        },
        "explain_rank_vikor": {
            "en": "Ranks {rank_ordinal} of {n:,} for {country} (VIKOR Q {score:.3f}, lower is "
            "better)",
            "ko": "{country} 대상 {n:,}개 중 {rank_ordinal}(VIKOR Q {score:.3f}, 낮을수록 좋음)",
        },
        "explain_rank_wsm": {
            "en": "Ranks {rank_ordinal} of {n:,} for {country} (weighted sum {score:.3f})",
            "ko": "{country} 대상 {n:,}개 중 {rank_ordinal}(가중합 {score:.3f})",
        },
        "explain_rank_promethee_ii": {
            "en": "Ranks {rank_ordinal} of {n:,} for {country} (PROMETHEE II net flow "
            "{score:.3f})",
            "ko": "{country} 대상 {n:,}개 중 {rank_ordinal}(PROMETHEE II 순흐름 {score:.3f})",
        },
        "explain_rank_spotis": {
            "en": "Ranks {rank_ordinal} of {n:,} for {country} (SPOTIS distance to the ideal "
            "{score:.3f}, lower is better)",
            "ko": "{country} 대상 {n:,}개 중 {rank_ordinal}(SPOTIS 이상점 거리 {score:.3f}, "
            "낮을수록 좋음)",
        },
    }
)
LABELS.update(
    {
        "col_score_vikor": {
            "en": "Score (VIKOR Q, lower is better)", "ko": "점수(VIKOR Q, 낮을수록 좋음)",
        },
        "col_score_wsm": {"en": "Score (weighted sum)", "ko": "점수(가중합)"},
        "col_score_promethee_ii": {
            "en": "Score (PROMETHEE II net flow)", "ko": "점수(PROMETHEE II 순흐름)",
        },
        "col_score_spotis": {
            "en": "Score (SPOTIS distance, lower is better)",
            "ko": "점수(SPOTIS 거리, 낮을수록 좋음)",
        },
    }
)


def score_column(method: str) -> str:
    """The label key of a ranking's score column: ``col_score`` (TOPSIS) or its method's."""
    return "col_score" if method == "topsis" else f"col_score_{method}"
