"""Generate the synthetic sample database that reproduces the study's published tables.

Kim, D. (2021), *A Study on Smart City Policy and Technology Status Analysis for Overseas
Smart City Technology Export*, University of Seoul, Institute of Urban Sciences, publishes
summary tables of a database of 1,044 smart-city technologies (1,847 technology × field
rows) held by 300 Korean companies, but not the database itself. This script builds a
fictitious database whose summary tables equal every published number (section III:
region table, company size table, capital stock table, the history and employee modes,
the six named service-type counts, the 1,847 / 1,044 totals and the top-five field
ranking). Every number the study does not publish is an assumption, listed with an id
(A1, A2, ...) and its reason in ``ASSUMPTIONS.md`` and ``metadata.json``.

Usage::

    python scripts/generate_sample.py            # rewrites data/sample/
    python scripts/generate_sample.py --out DIR  # writes the three files into DIR

The output is byte-identical on every run: a ``random.Random(SEED)`` stream (whose
``random``/``randrange``/``shuffle`` sequence is stable across Python versions) drives every
draw; integer weights avoid floating-point sums; nothing depends on dict/set order or
hash seeds.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from exportmcda.data.database import EVIDENCE_COLUMNS, REQUIRED_COLUMNS
from exportmcda.data.taxonomy import (
    CAPITAL,
    CLASS_SCALES,
    COMPANY_SIZES,
    EMPLOYEES,
    FIELDS,
    HISTORY,
    REFERENCE_YEAR,
    REGIONS,
    SALES,
    SERVICE_TYPES,
    ClassScale,
    Dimension,
    lookup,
)

SEED = 20210504  # the study's date, 2021-05-04
STUDY = (
    "Kim, D. (2021) A Study on Smart City Policy and Technology Status Analysis for Overseas "
    "Smart City Technology Export. University of Seoul, Institute of Urban Sciences."
)
TITLE = (
    "Synthetic sample database of Korean smart-city technologies and companies "
    "(reproduces the published tables of Kim 2021; fictitious companies and technologies)"
)
CSV_NAME = "technologies.csv"
EVIDENCE = tuple(c.name for c in EVIDENCE_COLUMNS)
COLUMNS = (
    *REQUIRED_COLUMNS,
    *(s.class_column for s in CLASS_SCALES),
    "technology_name_ko",
    "company_name_ko",
    *EVIDENCE,
)
"""The sample gives classes only (the study publishes classes, not raw won/years/people),
Korean names beside the English ones, and every technology-level evidence column."""
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "sample"

# ----------------------------------------------------------------- published (study §III)

N_ROWS, N_TECHNOLOGIES, N_COMPANIES = 1847, 1044, 300

# Region table: (technologies, companies) per region, taxonomy order 1..17.
REGION_COUNTS: tuple[tuple[int, int], ...] = (
    (530, 148), (12, 5), (11, 5), (55, 8), (12, 4), (18, 8), (1, 1), (10, 8), (304, 86),
    (40, 4), (1, 1), (5, 2), (11, 5), (2, 2), (18, 6), (9, 5), (5, 2),
)  # fmt: skip
# Size table, taxonomy order: SME, medium-sized, major, public institution, non-profit.
SIZE_COUNTS: tuple[int, ...] = (196, 24, 52, 22, 6)
# Capital stock table: classes 1..7, then "The others" (no class).
CAPITAL_COUNTS: tuple[int, ...] = (22, 113, 78, 36, 24, 13, 9, 5)
HISTORY_MODE = (4, 84)  # 20 to <30 years: 84 companies (28.0 %)
EMPLOYEES_MODE = (3, 89)  # 20 to <100 people: 89 companies (29.7 %)
# Service types over technology × field rows (20.4, 13.9, 12.3, 7.4, 7.4, 5.3 %).
PUBLISHED_SERVICE_ROWS: dict[str, int] = {
    "Platform": 375, "IoT": 255, "AI": 225, "Big data": 135, "GIS-GPS": 135, "Cloud": 97,
}  # fmt: skip
TOP_FIELDS = ("Traffic", "Green·Energy", "E-government", "Crime prevention", "Construction")

# --------------------------------------------------------------------- assumed numbers

# A1: 12 technology × field rows without a service type (12 single-field technologies).
NO_SERVICE_TYPE_ROWS = 12
# A2: the other 33 service types (rows; each < 97, each >= 1, sum 1,835 - 1,222 = 613).
OTHER_SERVICE_ROWS: dict[str, int] = {
    "Program": 52, "Sensor": 50, "CCTV": 46, "Mobile": 42, "SI-SM": 40, "Contents": 35,
    "New renewable energy": 32, "Drone": 28, "Automatic driving": 26, "Digital twin": 24,
    "ESS": 22, "3D": 20, "Consulting": 18, "Blockchain": 17, "LTE-5G": 16, "VR": 15,
    "Water treatment system": 14, "Robot": 13, "Kiosk": 12, "RFID": 11, "BIM": 10,
    "Construction·Operation·Maintenance": 10, "Edge computing": 9, "AR": 8, "Biometrics": 8,
    "Fuel-cell": 7, "Eco-friendly commercial vehicle": 6, "Bluetooth": 5, "Module": 5,
    "Modular": 4, "NFC": 3, "MR": 3, "DRM": 2,
}  # fmt: skip
# A3: rows per field (the study ranks only the top five).
FIELD_ROWS: dict[str, int] = {
    "Traffic": 290, "Green·Energy": 215, "E-government": 180, "Crime prevention": 160,
    "Construction": 140, "Disaster prevention": 95, "Communications technology": 90,
    "Water management": 80, "Logistics": 75, "Medical·Health": 70, "Welfare": 65,
    "Business": 60, "Citizen participation": 55, "Refuse disposal": 50, "Tourism": 45,
    "Education": 42, "Factory": 38, "Finance": 35, "Culture and art": 30, "Agriculture": 22,
    "Labor employment": 10,
}  # fmt: skip
# A4: technologies by number of fields (1..4): 1,044 technologies, 1,847 rows.
FIELDS_PER_TECHNOLOGY: tuple[int, ...] = (474, 383, 141, 46)
# A5-A8: class by company size (rows: SME, medium, major, public, non-profit; columns: class
# 1..max, then for capital "no class"). Column sums are the published or assumed marginals.
CAPITAL_BY_SIZE: tuple[tuple[int, ...], ...] = (
    (21, 108, 59, 8, 0, 0, 0, 0),
    (0, 3, 10, 9, 2, 0, 0, 0),
    (0, 0, 4, 11, 16, 12, 9, 0),
    (0, 1, 4, 8, 6, 1, 0, 2),
    (1, 1, 1, 0, 0, 0, 0, 3),
)
SALES_BY_SIZE: tuple[tuple[int, ...], ...] = (
    (40, 88, 62, 6, 0, 0, 0),
    (0, 0, 8, 14, 2, 0, 0),
    (0, 0, 1, 9, 22, 18, 2),
    (0, 2, 5, 7, 6, 2, 0),
    (3, 2, 1, 0, 0, 0, 0),
)
HISTORY_BY_SIZE: tuple[tuple[int, ...], ...] = (
    (30, 43, 66, 42, 12, 3),
    (0, 1, 5, 10, 6, 2),
    (0, 0, 3, 16, 17, 16),
    (0, 1, 3, 12, 4, 2),
    (0, 0, 1, 4, 1, 0),
)
EMPLOYEES_BY_SIZE: tuple[tuple[int, ...], ...] = (
    (38, 41, 80, 37, 0, 0, 0),
    (0, 0, 2, 14, 8, 0, 0),
    (0, 0, 0, 2, 25, 22, 3),
    (0, 0, 3, 4, 15, 0, 0),
    (0, 1, 4, 1, 0, 0, 0),
)
# A9: relative weight of a company size for holding more than one technology.
SIZE_TECH_WEIGHT: tuple[int, ...] = (10, 12, 20, 15, 8)
# A10: service type -> fields it is more likely to serve (weight x AFFINITY).
AFFINITY = 4
SERVICE_FIELD_AFFINITY: dict[str, tuple[str, ...]] = {
    "GIS-GPS": ("Traffic", "Logistics", "Disaster prevention"),
    "Automatic driving": ("Traffic", "Logistics"),
    "Eco-friendly commercial vehicle": ("Traffic", "Green·Energy"),
    "ESS": ("Green·Energy",),
    "Fuel-cell": ("Green·Energy",),
    "New renewable energy": ("Green·Energy",),
    "CCTV": ("Crime prevention", "Traffic", "Disaster prevention"),
    "Biometrics": ("Crime prevention", "Finance"),
    "Water treatment system": ("Water management", "Refuse disposal"),
    "BIM": ("Construction",),
    "Construction·Operation·Maintenance": ("Construction",),
    "Modular": ("Construction",),
    "Digital twin": ("Construction", "Traffic"),
    "3D": ("Construction", "Culture and art"),
    "Blockchain": ("Finance", "E-government"),
    "Drone": ("Disaster prevention", "Agriculture", "Logistics"),
    "Robot": ("Factory", "Medical·Health", "Logistics"),
    "Kiosk": ("E-government", "Tourism"),
    "Contents": ("Culture and art", "Tourism", "Education"),
    "AR": ("Culture and art", "Tourism", "Education"),
    "VR": ("Culture and art", "Tourism", "Education"),
    "MR": ("Culture and art", "Education"),
    "Consulting": ("E-government", "Business"),
    "Platform": ("E-government", "Citizen participation", "Business"),
    "Big data": ("E-government", "Traffic"),
    "Sensor": ("Traffic", "Disaster prevention", "Green·Energy"),
}


# ------------------------------------------------------- names and evidence (A13-A20)

# A13: readable technology names: a topic of the technology's main field × the product form
# of its service type. Topics: (English, Korean); forms: (English, Korean) with {t} = topic.
FIELD_TOPICS: dict[str, tuple[tuple[str, str], ...]] = {
    "Construction": (("construction-site safety", "건설현장 안전"),
                     ("building energy", "건물 에너지"), ("facility inspection", "시설물 점검")),
    "Labor employment": (("job matching", "일자리 매칭"), ("worker safety", "근로자 안전")),
    "Factory": (("smart-factory process", "스마트공장 공정"),
                ("equipment fault prediction", "설비 고장 예측")),
    "Tourism": (("tourist guide", "관광 안내"), ("visitor flow", "방문객 동선")),
    "Education": (("digital classroom", "디지털 교실"), ("learning analytics", "학습 분석")),
    "Traffic": (("traffic-signal optimisation", "교통신호 최적화"),
                ("parking guidance", "주차 안내"), ("bus arrival information", "버스 도착 정보"),
                ("congestion forecasting", "교통 혼잡 예측")),
    "Green·Energy": (("energy management", "에너지 관리"),
                     ("solar power monitoring", "태양광 발전 모니터링"),
                     ("building power saving", "건물 전력 절감")),
    "Finance": (("local currency payment", "지역화폐 결제"), ("fraud detection", "이상거래 탐지")),
    "Agriculture": (("smart-farm climate control", "스마트팜 환경 제어"),
                    ("crop monitoring", "작물 생육 모니터링")),
    "Culture and art": (("digital heritage", "디지털 문화유산"),
                        ("immersive exhibition", "실감형 전시")),
    "Water management": (("water-leak detection", "누수 탐지"),
                         ("water-quality monitoring", "수질 모니터링")),
    "Logistics": (("last-mile delivery", "라스트마일 배송"),
                  ("freight tracking", "화물 추적")),
    "Crime prevention": (("intelligent surveillance", "지능형 영상감시"),
                         ("safe-return service", "안심귀가")),
    "Disaster prevention": (("flood early-warning", "침수 조기경보"),
                            ("fire detection", "화재 감지"),
                            ("slope collapse alert", "급경사지 붕괴 경보")),
    "Welfare": (("elderly care", "독거노인 돌봄"),
                ("welfare blind-spot detection", "복지 사각지대 발굴")),
    "Business": (("local business analytics", "상권 분석"), ("smart office", "스마트 오피스")),
    "Citizen participation": (("civil complaint", "민원 처리"),
                              ("citizen living-lab", "시민 리빙랩")),
    "Refuse disposal": (("waste collection", "폐기물 수거"),
                        ("recycling sorting", "재활용 선별")),
    "Medical·Health": (("remote health care", "원격 건강관리"),
                       ("emergency medical response", "응급의료 대응")),
    "E-government": (("administrative data", "행정 데이터"),
                     ("city operations centre", "도시통합운영센터")),
    "Communications technology": (("public Wi-Fi", "공공 와이파이"),
                                  ("urban network", "도시 통신망")),
}
SERVICE_FORMS: dict[str, tuple[str, str]] = {
    "3D": ("3D {t} modelling system", "3D {t} 모델링 시스템"),
    "AI": ("AI {t} platform", "AI {t} 플랫폼"),
    "AR": ("AR {t} app", "AR {t} 앱"),
    "BIM": ("BIM-based {t} system", "BIM 기반 {t} 시스템"),
    "CCTV": ("CCTV {t} system", "CCTV {t} 시스템"),
    "DRM": ("DRM {t} content protection", "{t} 콘텐츠 DRM 보호"),
    "ESS": ("ESS-linked {t} system", "ESS 연계 {t} 시스템"),
    "GIS-GPS": ("GIS {t} map service", "GIS {t} 지도 서비스"),
    "IoT": ("IoT {t} sensor network", "IoT {t} 센서 네트워크"),
    "LTE-5G": ("5G {t} network", "5G {t} 네트워크"),
    "MR": ("MR {t} training", "MR {t} 훈련"),
    "NFC": ("NFC {t} tag", "NFC {t} 태그"),
    "RFID": ("RFID {t} tracking", "RFID {t} 추적"),
    "SI-SM": ("{t} system integration", "{t} 시스템 통합 구축"),
    "VR": ("VR {t} simulator", "VR {t} 시뮬레이터"),
    "Construction·Operation·Maintenance": ("{t} operation and maintenance", "{t} 운영·유지관리"),
    "Drone": ("drone {t} service", "드론 {t} 서비스"),
    "Digital twin": ("digital-twin {t} simulation", "디지털트윈 {t} 시뮬레이션"),
    "Robot": ("{t} robot", "{t} 로봇"),
    "Module": ("{t} communication module", "{t} 통신 모듈"),
    "Modular": ("modular {t} unit", "모듈러 {t} 유닛"),
    "Mobile": ("{t} mobile app", "{t} 모바일 앱"),
    "Blockchain": ("blockchain {t} ledger", "블록체인 {t} 원장"),
    "Bluetooth": ("Bluetooth {t} beacon", "블루투스 {t} 비콘"),
    "Big data": ("big-data {t} analytics", "빅데이터 {t} 분석"),
    "Biometrics": ("biometric {t} authentication", "생체인식 {t} 인증"),
    "Sensor": ("{t} sensor", "{t} 센서"),
    "Water treatment system": ("{t} water treatment unit", "{t} 수처리 장치"),
    "New renewable energy": ("renewable {t} plant", "신재생 {t} 발전 설비"),
    "Edge computing": ("edge-computing {t} gateway", "엣지컴퓨팅 {t} 게이트웨이"),
    "Fuel-cell": ("fuel-cell {t} power unit", "연료전지 {t} 전원 장치"),
    "Automatic driving": ("autonomous {t} shuttle", "자율주행 {t} 셔틀"),
    "Eco-friendly commercial vehicle": ("electric {t} vehicle", "전기 {t} 차량"),
    "Consulting": ("{t} consulting", "{t} 컨설팅"),
    "Contents": ("{t} content", "{t} 콘텐츠"),
    "Cloud": ("cloud {t} service", "클라우드 {t} 서비스"),
    "Kiosk": ("{t} kiosk", "{t} 키오스크"),
    "Program": ("{t} software", "{t} 소프트웨어"),
    "Platform": ("{t} platform", "{t} 플랫폼"),
    "": ("{t} solution", "{t} 솔루션"),  # A1: no service type
}
# A13: a qualifier put in front of half of the names, so that one company's products differ.
QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("integrated", "통합"), ("real-time", "실시간"), ("smart", "스마트"),
    ("predictive", "예측형"), ("low-power", "저전력"), ("citizen-facing", "시민 참여형"),
    ("multi-site", "다지점"), ("open-API", "개방형 API"), ("compact", "소형"),
    ("next-generation", "차세대"), ("secure", "보안 강화"), ("cloud-connected", "클라우드 연동"),
)
# A13: fictional Korean-style company names: two invented syllables + a kind of firm.
NAME_SYLLABLES: tuple[tuple[str, str], ...] = (
    ("Han", "한"), ("Bit", "빛"), ("Sae", "새"), ("Nu", "누"), ("Ri", "리"), ("Da", "다"),
    ("On", "온"), ("Ga", "가"), ("Ram", "람"), ("Seo", "서"), ("Yul", "율"), ("Ha", "하"),
    ("Neul", "늘"), ("Bom", "봄"), ("Ye", "예"), ("Jin", "진"), ("Mi", "미"), ("Rae", "래"),
    ("So", "소"), ("Won", "원"), ("Gyeol", "결"), ("Sol", "솔"), ("Dam", "담"), ("Chan", "찬"),
)
FIRM_KINDS: tuple[tuple[tuple[str, str], ...], ...] = (
    # SME, medium-sized, major, public institution, non-profit (taxonomy order)
    (("Smart Systems", "스마트시스템"), ("Tech", "테크"), ("Solutions", "솔루션"),
     ("Data Lab", "데이터랩"), ("Info & Comm", "정보통신"), ("Mobility", "모빌리티"),
     ("Engineering", "엔지니어링"), ("Sensing", "센싱")),
    (("Smart Systems", "스마트시스템"), ("ICT", "아이씨티"), ("Engineering", "엔지니어링"),
     ("Networks", "네트웍스")),
    (("Industries", "산업"), ("Smart City Group", "스마트시티그룹"),
     ("Construction", "건설"), ("Energy", "에너지")),
    (("Smart City Corporation", "스마트도시공사"), ("Urban Development Agency", "도시개발공사"),
     ("Information Agency", "정보원")),
    (("Smart City Foundation", "스마트시티재단"), ("Urban Research Institute", "도시연구원")),
)
FICTIONAL_EN, FICTIONAL_KO = " (fictional)", "(가상)"
# Syllable pairs that spell a known Korean company brand are never used (the names stay
# invented even without their "(fictional)" mark).
REAL_BRANDS = frozenset({
    "Hanbit", "Hanmi", "Hanon", "Hansae", "Hansol", "Mirae", "Nuri", "Nuon", "Dasol",
    "Hanha", "Daon", "Hanra", "Samsung", "Hanwha", "Sohan", "Seowon",
})

# A14-A20: the technology-level evidence columns.
SIZE_SITES: tuple[float, ...] = (3.0, 6.0, 12.0, 15.0, 3.0)  # A16 mean domestic sites
SIZE_ABROAD: tuple[int, ...] = (10, 25, 45, 30, 8)  # A17: % of technologies deployed abroad
SIZE_PATENTS: tuple[float, ...] = (2.0, 4.0, 8.0, 2.0, 1.0)  # A20 mean patents
HISTORY_MAX_AGE: tuple[int, ...] = (4, 9, 19, 29, 49, 70)  # history class -> oldest company
LOCAL_GOVERNMENTS = 243  # 17 metropolitan + 226 basic local governments (2021)
EXPORT_MARKETS: dict[str, int] = {  # A18: weight of a country among export destinations
    "VNM": 10, "IDN": 8, "PHL": 6, "THA": 5, "MYS": 5, "KHM": 4, "LAO": 3, "MMR": 3,
    "SGP": 2, "IND": 4, "SAU": 4, "ARE": 4, "QAT": 3, "KWT": 3, "EGY": 2, "MNG": 3,
    "UZB": 3, "KAZ": 2, "PER": 2, "COL": 2, "CHL": 1, "USA": 2, "ESP": 1, "GHA": 1,
}  # fmt: skip
SOFTWARE_TYPES = frozenset({
    "AI", "Platform", "Big data", "Cloud", "Program", "Mobile", "GIS-GPS", "Blockchain",
    "Contents", "SI-SM", "Digital twin", "Edge computing", "VR", "AR", "MR", "DRM", "3D",
    "BIM", "Biometrics",
})  # fmt: skip
# A19: probability (%) of each certification: (software, other) technologies.
CERT_PERCENT: dict[str, tuple[int, int]] = {"GS": (35, 0), "NEP": (3, 15), "NET": (6, 8)}
INNO_PERCENT, INNO_FROM = 12, 2017  # A19: innovative-product designation, launched >= 2017
OTHER_CERTS: tuple[tuple[str, int], ...] = (("other:ISO/IEC 27001", 4), ("other:KC", 4))


def _number(dimension: Dimension, name: str) -> int:
    category = lookup(dimension, name)
    if category is None:
        raise ValueError(f"{name!r} is not a {dimension.value} of the taxonomy")
    return category.number


# ------------------------------------------------------------------------- assumptions

_SIZE_SHORT = ("SME", "medium", "major", "public", "non-profit")


def _by_size(table: tuple[tuple[int, ...], ...], scale: ClassScale) -> str:
    """'SME 21/108/...; medium ...; totals ...' for a class-by-size table (classes 1..max)."""
    parts = []
    for short, row in zip(_SIZE_SHORT, table, strict=True):
        text = f"{short} " + "/".join(str(n) for n in row[: scale.max_level])
        none = sum(row[scale.max_level :])
        parts.append(text + (f" + {none} without class" if none else ""))
    totals = [sum(col) for col in zip(*table, strict=True)]
    parts.append("totals " + "/".join(str(n) for n in totals[: scale.max_level]))
    return "; ".join(parts)


def _per_size(values: Sequence[float], unit: str = "") -> str:
    """'SME 3, medium 6, ...' for a per-size table."""
    return ", ".join(f"{short} {v:g}{unit}" for short, v in zip(_SIZE_SHORT, values, strict=True))


def assumptions() -> list[str]:
    """The assumptions, as 'A<n>: what (why)' lines, shared by ASSUMPTIONS.md and metadata."""
    top = ", ".join(f"{k} {v}" for k, v in FIELD_ROWS.items())
    others = ", ".join(f"{k} {v}" for k, v in OTHER_SERVICE_ROWS.items())
    n1, n2, n3, n4 = FIELDS_PER_TECHNOLOGY
    weights = ", ".join(f"{_SIZE_SHORT[i]} {w}" for i, w in enumerate(SIZE_TECH_WEIGHT))
    return [
        "A1: 12 technology × field rows have no service type (12 single-field technologies), "
        "so 1,835 rows carry one. Why: the study's service-type percentages (375 = 20.4 %, "
        "255 = 13.9 %, 225 = 12.3 %, 135 = 7.4 %, 97 = 5.3 %) round correctly half-up only "
        "over 1,834-1,836 rows, not over the 1,847 rows it reports; 1,835 is the middle value.",
        f"A2: rows of the 33 unnamed service types (sum 613): {others}. Why: the study names "
        "only the top six; each other type is kept below Cloud's 97 and used at least once, "
        "with a long tail as in a patent-based database.",
        f"A3: rows per field (sum 1,847): {top}. Why: the study gives only the ranking of the "
        "top five (traffic, green energy, e-government, crime prevention, construction); the "
        "counts are invented, strictly decreasing over the top five, every field used.",
        f"A4: technologies with 1/2/3/4 fields: {n1}/{n2}/{n3}/{n4} (1,044 technologies, "
        "1,847 rows). Why: only the totals are published; most technologies serve one or two "
        "fields.",
        f"A5: capital class by company size ({_by_size(CAPITAL_BY_SIZE, CAPITAL)}). Why: the "
        "study publishes only the capital margin and the size margin; major companies take "
        "the high classes, SMEs the low ones, and the 5 'others' are public institutions and "
        "non-profits, which need not have capital stock.",
        f"A6: sales class, no 'others' ({_by_size(SALES_BY_SIZE, SALES)}). Why: nothing on "
        "sales is published; SMEs stay below the SME ceiling of 150 billion won (study's "
        "size definition), major companies are high.",
        f"A7: history class, no 'others' ({_by_size(HISTORY_BY_SIZE, HISTORY)}). Why: only "
        "the mode is published (class 4, 84 companies, 28.0 %); the rest is assumed, with "
        "older major companies.",
        f"A8: employees class, no 'others' ({_by_size(EMPLOYEES_BY_SIZE, EMPLOYEES)}). Why: "
        "only the mode is published (class 3, 89 companies, 29.7 %); the rest follows "
        "company size.",
        "A9: within a size, a company's capital, sales and employee classes rise together "
        "(one latent scale per company plus noise) and history loosely follows it. Why: "
        "keeps each fictitious company internally plausible.",
        "A10: sizes are paired with regions at random; within a region every company holds "
        "at least one technology and the remaining technologies go to companies with weights "
        f"{weights} (times a random factor 1-4). Why: the study publishes only the region and "
        "size margins.",
        "A11: a technology's service type and company are chosen so that most companies "
        "hold one or two service types (companies take consecutive blocks of technologies "
        "ordered by service type). Why: specialised firms are typical in patent data; "
        "nothing is published.",
        f"A12: fields are drawn with weight x{AFFINITY} for the fields a service type "
        "typically serves (e.g. GIS-GPS -> traffic, logistics, disaster prevention), so "
        "field and service type are plausibly related. Why: the study publishes no "
        "cross-table.",
        "A13: companies and technologies are fictitious. A technology's name joins a topic "
        "of one of its fields (e.g. Traffic: traffic-signal optimisation) to the product form "
        "of its service type (e.g. AI: 'AI ... platform'), in English (technology_name) and "
        "Korean (technology_name_ko); half of the names get a qualifier in front (e.g. "
        "'integrated', 'real-time'); a repeated name gets a version ('... 2.0'). Companies "
        "get invented Korean-style names (two syllables and a kind of firm by size) marked "
        f"'{FICTIONAL_EN.strip()}' in company_name and '{FICTIONAL_KO}' in company_name_ko "
        f"(never a known brand: {', '.join(sorted(REAL_BRANDS))} are excluded); "
        "ids are C001-C300 and T0001-T1044. No real company or product name is used. Why: the "
        "study's database is not public; readable names make the sample look like a real "
        "register without passing for one.",
        "A14: launch year = 2021 - age, with age = floor(Gamma(shape 2, scale 2.5)) years "
        "(mean about 5), at most the oldest age of the company's history class "
        f"({'/'.join(str(a) for a in HISTORY_MAX_AGE)} years for classes 1-6). Why: nothing "
        "is published; smart-city products are young and no older than their company.",
        "A15: TRL 9 after 4 or more years on the market, 8 after 2-3, 7 before; one level "
        "lower for 20 % of technologies. Why: a launched technology is at least "
        "demonstrated in an operational environment (TRL 7); maturity grows with use.",
        "A16: domestic_sites ~ negative binomial (gamma-Poisson, shape 1.2) with mean = "
        f"company-size base ({_per_size(SIZE_SITES)}) "
        f"x (1 + age / 3), at most {LOCAL_GOVERNMENTS} (Korea's 17 metropolitan and 226 basic "
        "local governments). Why: larger firms and older products reach more local "
        "governments; deployment counts are overdispersed (few technologies are everywhere), "
        "so technologies of one company differ.",
        "A17: overseas_sites: a technology is deployed abroad with probability "
        f"{_per_size(SIZE_ABROAD, ' %')} (halved "
        "when on the market less than 3 years); overseas_sites is then 1 + negative binomial "
        "(shape 1, mean = the size base of A16 / 3), else 0. Why: most Korean smart-city "
        "technologies have no foreign reference; large and public bodies export more.",
        "A18: export_countries: 1 + Poisson(0.5) distinct countries (at most overseas_sites), "
        "drawn without replacement with weights "
        f"{', '.join(f'{k} {v}' for k, v in EXPORT_MARKETS.items())}. Why: ASEAN, the Gulf, "
        "India and Central Asia are the usual destinations of Korean smart-city exports "
        "(K-City Network, KOTRA); the weights themselves are invented.",
        "A19: certifications, drawn independently per technology: "
        + ", ".join(f"{k} {sw} % of software and {o} % of other technologies"
                    for k, (sw, o) in CERT_PERCENT.items())
        + f", INNO (innovative-product designation) {INNO_PERCENT} % of those launched "
        f"{INNO_FROM} or later, 'other:ISO/IEC 27001' 4 % of software and 'other:KC' 4 % of "
        "other technologies (software = the service types "
        f"{', '.join(sorted(SOFTWARE_TYPES))}). Why: GS certifies software, NEP products, "
        "NET technologies; the designation scheme is recent; the rates are invented.",
        "A20: patents ~ negative binomial (shape 1) with mean = company-size base "
        f"({_per_size(SIZE_PATENTS)}) x "
        "(1 + age / 5). Why: patent counts are overdispersed and grow with firm size and "
        "product age; nothing is published. A14-A20 draw from their own seeded stream, so "
        "the structure of A1-A12 (and every published table) does not depend on them.",
    ]


# ------------------------------------------------------------------------- generation


@dataclass(slots=True, kw_only=True)
class _Company:
    region: int
    size: int
    classes: dict[str, int | None] = field(default_factory=dict)
    n_tech: int = 1
    latent: float = 0.0
    id: str = ""


@dataclass(slots=True, kw_only=True)
class _Technology:
    n_fields: int
    service_type: int | None = None
    fields: list[int] = field(default_factory=list)


def _weighted_index(rng: random.Random, weights: Sequence[int]) -> int:
    """Index drawn with probability proportional to the integer ``weights``."""
    total = sum(weights)
    if total <= 0:
        raise RuntimeError("no positive weight left to draw from")
    r = rng.randrange(total)
    for i, w in enumerate(weights):
        r -= w
        if r < 0:
            return i
    raise AssertionError("unreachable")  # pragma: no cover


def _check_margins() -> None:
    """Fail fast if the literal tables above stop adding up to the published numbers."""
    checks = {
        "regions/technologies": (sum(t for t, _ in REGION_COUNTS), N_TECHNOLOGIES),
        "regions/companies": (sum(c for _, c in REGION_COUNTS), N_COMPANIES),
        "sizes": (sum(SIZE_COUNTS), N_COMPANIES),
        "fields": (sum(FIELD_ROWS.values()), N_ROWS),
        "fields per technology": (sum(FIELDS_PER_TECHNOLOGY), N_TECHNOLOGIES),
        "rows per technology": (
            sum((i + 1) * n for i, n in enumerate(FIELDS_PER_TECHNOLOGY)),
            N_ROWS,
        ),
        "service types": (
            sum(PUBLISHED_SERVICE_ROWS.values())
            + sum(OTHER_SERVICE_ROWS.values())
            + NO_SERVICE_TYPE_ROWS,
            N_ROWS,
        ),
    }
    tables = (CAPITAL_BY_SIZE, SALES_BY_SIZE, HISTORY_BY_SIZE, EMPLOYEES_BY_SIZE)
    for name, table in zip(("capital", "sales", "history", "employees"), tables, strict=True):
        for i, row in enumerate(table):
            checks[f"{name} size {i + 1}"] = (sum(row), SIZE_COUNTS[i])
    capital_margin = tuple(sum(col) for col in zip(*CAPITAL_BY_SIZE, strict=True))
    checks["capital margin"] = (int(capital_margin == CAPITAL_COUNTS), 1)
    for name, table, (mode, count) in (
        ("history", HISTORY_BY_SIZE, HISTORY_MODE),
        ("employees", EMPLOYEES_BY_SIZE, EMPLOYEES_MODE),
    ):
        margin = [sum(col) for col in zip(*table, strict=True)]
        unique_mode = margin[mode - 1] == count and margin.count(max(margin)) == 1
        checks[f"{name} mode"] = (int(unique_mode and max(margin) == count), 1)
    field_counts = [FIELD_ROWS[f] for f in TOP_FIELDS]
    rest = [v for k, v in FIELD_ROWS.items() if k not in TOP_FIELDS]
    ranked = field_counts == sorted(set(field_counts), reverse=True)
    checks["top fields"] = (int(ranked and max(rest) < field_counts[-1] and min(rest) > 0), 1)
    checks["other service types"] = (
        int(all(0 < v < PUBLISHED_SERVICE_ROWS["Cloud"] for v in OTHER_SERVICE_ROWS.values())),
        1,
    )
    checks["field names"] = (len(FIELD_ROWS), len(FIELDS))
    checks["service type names"] = (
        len(PUBLISHED_SERVICE_ROWS) + len(OTHER_SERVICE_ROWS),
        len(SERVICE_TYPES),
    )
    checks["service forms"] = (
        int(set(SERVICE_FORMS) == {c.en for c in SERVICE_TYPES} | {""}), 1
    )
    checks["field topics"] = (int(set(FIELD_TOPICS) == {c.en for c in FIELDS}), 1)
    bad = {k: v for k, v in checks.items() if v[0] != v[1]}
    if bad:
        raise RuntimeError(f"generator tables do not add up: {bad}")


def _make_companies(rng: random.Random) -> list[_Company]:
    regions = [r + 1 for r, (_, n) in enumerate(REGION_COUNTS) for _ in range(n)]
    sizes = [s + 1 for s, n in enumerate(SIZE_COUNTS) for _ in range(n)]
    rng.shuffle(sizes)  # A10: sizes paired with regions at random
    companies = [_Company(region=r, size=s) for r, s in zip(regions, sizes, strict=True)]
    for c in companies:
        c.latent = rng.random()
    scales: tuple[tuple[ClassScale, tuple[tuple[int, ...], ...], float], ...] = (
        (CAPITAL, CAPITAL_BY_SIZE, 0.15),
        (SALES, SALES_BY_SIZE, 0.15),
        (EMPLOYEES, EMPLOYEES_BY_SIZE, 0.15),
        (HISTORY, HISTORY_BY_SIZE, 0.6),
    )
    for size in range(1, len(SIZE_COUNTS) + 1):
        group = [c for c in companies if c.size == size]
        for scale, table, noise in scales:
            row = table[size - 1]
            levels = [lv + 1 for lv in range(scale.max_level) for _ in range(row[lv])]
            n_none = sum(row[scale.max_level :])
            members = list(group)
            rng.shuffle(members)
            for c in members[:n_none]:  # A5: "no class" companies picked at random
                c.classes[scale.class_column] = None
            rest = members[n_none:]
            keyed = sorted(((c.latent + noise * rng.random(), i) for i, c in enumerate(rest)))
            for level, (_, i) in zip(levels, keyed, strict=True):  # A9: rise together
                rest[i].classes[scale.class_column] = level
    return companies


def _assign_tech_counts(rng: random.Random, companies: list[_Company]) -> None:
    for r, (n_tech, n_comp) in enumerate(REGION_COUNTS, start=1):
        group = [c for c in companies if c.region == r]
        weights = [SIZE_TECH_WEIGHT[c.size - 1] * rng.randint(1, 4) for c in group]
        for _ in range(n_tech - n_comp):
            group[_weighted_index(rng, weights)].n_tech += 1


def _make_technologies(rng: random.Random) -> list[_Technology]:
    techs = [
        _Technology(n_fields=k + 1) for k, n in enumerate(FIELDS_PER_TECHNOLOGY) for _ in range(n)
    ]
    rng.shuffle(techs)
    singles = [t for t in techs if t.n_fields == 1]
    multis = sorted((t for t in techs if t.n_fields > 1), key=lambda t: -t.n_fields)
    targets = {
        _number(Dimension.SERVICE_TYPE, name): rows
        for name, rows in (*PUBLISHED_SERVICE_ROWS.items(), *OTHER_SERVICE_ROWS.items())
    }
    order = sorted(targets)
    left = [targets[s] for s in order]
    # Multi-field technologies first, weighted by remaining capacity; single-field ones
    # then fill every type's remainder exactly (A1: the first 12 singles get no type).
    for t in multis:
        weights = [cap if cap >= t.n_fields else 0 for cap in left]
        i = _weighted_index(rng, weights)
        t.service_type = order[i]
        left[i] -= t.n_fields
    for t in singles[NO_SERVICE_TYPE_ROWS:]:
        i = _weighted_index(rng, left)
        t.service_type = order[i]
        left[i] -= 1
    if any(left):
        raise RuntimeError("service-type rows could not be matched exactly")
    return techs


def _assign_fields(rng: random.Random, techs: list[_Technology]) -> None:
    left = [FIELD_ROWS[f.en] for f in FIELDS]
    affinity: dict[int, set[int]] = {
        _number(Dimension.SERVICE_TYPE, s): {_number(Dimension.FIELD, f) for f in fs}
        for s, fs in SERVICE_FIELD_AFFINITY.items()
    }
    # Multi-field technologies first (most fields first), then single-field ones, which
    # always fit because the remaining capacity equals their number exactly.
    for t in sorted(techs, key=lambda t: -t.n_fields):
        liked = affinity.get(t.service_type or 0, set())
        for _ in range(t.n_fields):
            weights = [
                0 if (i + 1) in t.fields else cap * (AFFINITY if (i + 1) in liked else 1)
                for i, cap in enumerate(left)
            ]
            i = _weighted_index(rng, weights)
            t.fields.append(i + 1)
            left[i] -= 1
        t.fields.sort()
    if any(left):
        raise RuntimeError("field rows could not be matched exactly")


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's product method; the means here stay below ~100)."""
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _overdispersed(rng: random.Random, mean: float, shape: float) -> int:
    """A negative-binomial count: Poisson with a gamma-distributed mean (shape ``shape``).

    Counts of deployments and patents are overdispersed (a few technologies have many);
    a smaller ``shape`` gives a longer tail.
    """
    return _poisson(rng, rng.gammavariate(shape, mean / shape)) if mean > 0 else 0


def _company_name(rng: random.Random, size: int, used: set[str]) -> tuple[str, str]:
    """A13: an invented Korean-style name marked fictional in both languages."""
    while True:
        (en1, ko1), (en2, ko2) = rng.sample(NAME_SYLLABLES, 2)
        kind_en, kind_ko = rng.choice(FIRM_KINDS[size - 1])
        name_en = f"{en1}{en2.lower()} {kind_en}{FICTIONAL_EN}"
        if name_en not in used and f"{en1}{en2.lower()}" not in REAL_BRANDS:
            used.add(name_en)
            return name_en, f"{ko1}{ko2}{kind_ko}{FICTIONAL_KO}"


def _technology_name(
    rng: random.Random, t: _Technology, service: str, seen: dict[str, int]
) -> tuple[str, str]:
    """A13: '<topic of one of its fields> × <form of its service type>', in both languages.

    A name given before gets a version number ('… 2.0'), as a product line would.
    """
    topic_en, topic_ko = rng.choice(FIELD_TOPICS[FIELDS[rng.choice(t.fields) - 1].en])
    form_en, form_ko = SERVICE_FORMS[service]
    name_en, name_ko = form_en.format(t=topic_en), form_ko.format(t=topic_ko)
    if rng.randrange(2):
        qualifier_en, qualifier_ko = rng.choice(QUALIFIERS)
        name_en, name_ko = f"{qualifier_en} {name_en}", f"{qualifier_ko} {name_ko}"
    name_en = name_en[0].upper() + name_en[1:]
    n = seen[name_en] = seen.get(name_en, 0) + 1
    return (name_en, name_ko) if n == 1 else (f"{name_en} {n}.0", f"{name_ko} {n}.0")


def _evidence(rng: random.Random, c: _Company, service: str) -> dict[str, str]:
    """A14-A20: one technology's evidence cells, drawn from its company and launch year."""
    history = c.classes[HISTORY.class_column] or 1
    age = min(HISTORY_MAX_AGE[history - 1], int(rng.gammavariate(2.0, 2.5)))  # A14
    trl = 9 if age >= 4 else 8 if age >= 2 else 7  # A15
    if rng.randrange(100) < 20:
        trl -= 1
    size = c.size - 1
    domestic = min(LOCAL_GOVERNMENTS, _overdispersed(rng, SIZE_SITES[size] * (1 + age / 3), 1.2))
    chance = SIZE_ABROAD[size] if age >= 3 else SIZE_ABROAD[size] // 2  # A17
    abroad = rng.randrange(100) < chance
    overseas = 1 + _overdispersed(rng, SIZE_SITES[size] / 3, 1.0) if abroad else 0
    countries: list[str] = []
    if overseas:  # A18
        markets = list(EXPORT_MARKETS)
        weights = [EXPORT_MARKETS[m] for m in markets]
        for _ in range(min(overseas, 1 + _poisson(rng, 0.5))):
            i = _weighted_index(rng, weights)
            countries.append(markets[i])
            weights[i] = 0
    software = service in SOFTWARE_TYPES
    certs = [code for code, (sw, other) in CERT_PERCENT.items()
             if rng.randrange(100) < (sw if software else other)]  # A19
    if REFERENCE_YEAR - age >= INNO_FROM and rng.randrange(100) < INNO_PERCENT:
        certs.append("INNO")
    certs += [name for name, pct in OTHER_CERTS if rng.randrange(100) < pct
              and (name.endswith("27001") == software)]
    patents = _overdispersed(rng, SIZE_PATENTS[size] * (1 + age / 5), 1.0)  # A20
    return {
        "domestic_sites": str(domestic),
        "overseas_sites": str(overseas),
        "export_countries": ";".join(sorted(countries)),
        "certifications": ";".join(certs),
        "patents": str(patents),
        "trl": str(trl),
        "launched": str(REFERENCE_YEAR - age),
    }


def generate(seed: int = SEED) -> tuple[bytes, bytes, bytes]:
    """Build the sample; return the CSV, metadata.json and ASSUMPTIONS.md as bytes."""
    _check_margins()
    rng = random.Random(seed)
    companies = _make_companies(rng)
    _assign_tech_counts(rng, companies)
    techs = _make_technologies(rng)
    _assign_fields(rng, techs)
    # A11: companies, in random order, take consecutive blocks of the technologies
    # ordered by service type; ids are then given in a second, independent random order.
    rng.shuffle(companies)
    techs.sort(key=lambda t: t.service_type or 0)
    holdings: list[list[_Technology]] = []
    start = 0
    for c in companies:
        block = techs[start : start + c.n_tech]
        rng.shuffle(block)
        holdings.append(block)
        start += c.n_tech
    if start != N_TECHNOLOGIES:
        raise RuntimeError(f"{start} technologies assigned, expected {N_TECHNOLOGIES}")
    order = list(range(len(companies)))
    rng.shuffle(order)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    # A13-A20 draw from their own streams, so the structure above (and every published
    # table) does not depend on them, nor the evidence on the company names.
    extra = random.Random(f"{seed}:names-and-evidence")
    naming = random.Random(f"{seed}:company-names")
    company_names: set[str] = set()
    technology_names: dict[str, int] = {}
    pos = 0
    for number, k in enumerate(order, start=1):
        c = companies[k]
        c.id = f"C{number:03d}"
        name_en, name_ko = _company_name(naming, c.size, company_names)
        for t in holdings[k]:
            pos += 1
            tid = f"T{pos:04d}"
            st = SERVICE_TYPES[t.service_type - 1].en if t.service_type else ""
            tech_en, tech_ko = _technology_name(extra, t, st, technology_names)
            evidence = _evidence(extra, c, st)
            for f in t.fields:
                writer.writerow(
                    [
                        tid,
                        tech_en,
                        c.id,
                        name_en,
                        FIELDS[f - 1].en,
                        st,
                        REGIONS[c.region - 1].en,
                        COMPANY_SIZES[c.size - 1].en,
                        *(
                            "" if (v := c.classes[s.class_column]) is None else str(v)
                            for s in (CAPITAL, SALES, HISTORY, EMPLOYEES)
                        ),
                        tech_ko,
                        name_ko,
                        *(evidence[column] for column in EVIDENCE),
                    ]
                )
    csv_bytes = buf.getvalue().encode("utf-8")
    meta = {
        "synthetic": True,
        "title": TITLE,
        "study": STUDY,
        "generator": "scripts/generate_sample.py",
        "seed": seed,
        "csv": CSV_NAME,
        "csv_sha256": hashlib.sha256(csv_bytes).hexdigest(),
        "assumptions": assumptions(),
    }
    meta_bytes = (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return csv_bytes, meta_bytes, _assumptions_md(seed).encode("utf-8")


def _assumptions_md(seed: int) -> str:
    lines = [
        "# Synthetic sample database: assumptions",
        "",
        "Generated by `scripts/generate_sample.py` (seed "
        f"{seed}); do not edit by hand, re-run the script.",
        "",
        "**Synthetic data.** Every company and technology in `technologies.csv` is "
        "fictitious. The file is built so that its summary tables equal the numbers "
        f"published in: {STUDY}",
        "",
        "## Reproduced exactly (published in the study, section III)",
        "",
        "- 1,044 unique technologies, 1,847 technology × field rows, 300 companies "
        "(each holding at least one technology).",
        "- Technologies and companies per region (17 rows, e.g. Seoul 530 / 148, "
        "Gyeonggi-do 304 / 86).",
        "- Companies by size: 196 / 24 / 52 / 22 / 6 (SME, medium-sized, major, public "
        "institution, non-profit).",
        "- Companies by capital stock class 1-7: 22 / 113 / 78 / 36 / 24 / 13 / 9, and 5 "
        "'The others' (no class).",
        "- History mode: class 4 (20 to <30 years), 84 companies (28.0 %). Employees mode: "
        "class 3 (20 to <100 people), 89 companies (29.7 %).",
        "- Service types (technology × field rows): Platform 375, IoT 255, AI 225, Big data "
        "135, GIS-GPS 135, Cloud 97 (20.4 / 13.9 / 12.3 / 7.4 / 7.4 / 5.3 %, over the 1,835 "
        "rows that have a service type, see A1).",
        "- Field ranking: Traffic > Green·Energy > E-government > Crime prevention > "
        "Construction > every other field.",
        "",
        "## Assumptions (not published; invented to complete the database)",
        "",
    ]
    for a in assumptions():
        ident, text = a.split(": ", 1)
        lines.append(f"- **{ident}**: {text}")
    lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: write the three files into ``--out`` (default data/sample)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--seed", type=int, default=SEED, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    csv_bytes, meta_bytes, md_bytes = generate(args.seed)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name, data in ((CSV_NAME, csv_bytes), ("metadata.json", meta_bytes),
                       ("ASSUMPTIONS.md", md_bytes)):  # fmt: skip
        tmp = out / f".{name}.tmp"
        tmp.write_bytes(data)
        tmp.replace(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
