"""The study's classification of smart-city technologies and companies, as typed data.

Single source of truth for every category used anywhere in exportmcda: the 21 technology
fields, the 39 service types, the 5 company sizes, the 7-level classes for capital stock,
sales, history and employees, and the 17 regions. Numbers, English names and their order
follow Kim (2021), *A Study on Smart City Policy and Technology Status Analysis for Overseas
Smart City Technology Export*, University of Seoul (the "study"), section II. The study's
lists are in Korean alphabetical order, which fixes the Korean names given here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from exportmcda.errors import InputError
from exportmcda.labels import bilingual

__all__ = [
    "CAPITAL",
    "CLASS_SCALES",
    "COMPANY_SIZES",
    "EMPLOYEES",
    "FIELDS",
    "HISTORY",
    "REFERENCE_YEAR",
    "REGIONS",
    "SALES",
    "SERVICE_TYPES",
    "Category",
    "ClassLevel",
    "ClassScale",
    "Dimension",
    "lookup",
]

REFERENCE_YEAR = 2021
"""Year a company's history is counted to (the study was published in May 2021)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Category:
    """One item of a nominal classification (a field, a service type, a size, a region)."""

    number: int
    en: str
    ko: str
    aliases: tuple[str, ...] = ()
    definition_en: str = ""
    definition_ko: str = ""
    metropolitan: bool = False

    def name(self, lang: str = "en") -> str:
        """Return the name in ``lang`` ('en' or 'ko')."""
        return bilingual(lang, self.en, self.ko)


class Dimension(Enum):
    """The nominal classifications of the study, with their table titles."""

    FIELD = "field"
    SERVICE_TYPE = "service_type"
    REGION = "region"
    COMPANY_SIZE = "company_size"

    @property
    def categories(self) -> tuple[Category, ...]:
        """All categories of this dimension, in the study's order."""
        return _BY_DIMENSION[self]


_Row = tuple[str, str] | tuple[str, str, tuple[str, ...]]


def _cats(rows: Iterable[_Row]) -> tuple[Category, ...]:
    out = []
    for i, row in enumerate(rows, start=1):
        aliases = row[2] if len(row) == 3 else ()
        out.append(Category(number=i, en=row[0], ko=row[1], aliases=aliases))
    return tuple(out)


# Study §II "Smart city technology field classification" (21 fields).
FIELDS: tuple[Category, ...] = _cats(
    [
        ("Construction", "건설"),
        ("Labor employment", "고용·노동", ("고용노동", "Labor/employment", "Employment")),
        ("Factory", "공장"),
        ("Tourism", "관광"),
        ("Education", "교육"),
        ("Traffic", "교통", ("Transportation", "Transport")),
        ("Green·Energy", "그린·에너지", ("Green energy", "Green-Energy", "그린에너지", "Energy")),
        ("Finance", "금융"),
        ("Agriculture", "농업"),
        ("Culture and art", "문화·예술", ("문화예술", "Culture", "Culture & art")),
        ("Water management", "물관리", ("물 관리", "Water")),
        ("Logistics", "물류"),
        ("Crime prevention", "방범", ("Security",)),
        ("Disaster prevention", "방재", ("Disaster",)),
        ("Welfare", "복지"),
        ("Business", "비즈니스"),
        ("Citizen participation", "시민참여", ("시민 참여",)),
        ("Refuse disposal", "쓰레기처리", ("쓰레기 처리", "Waste", "Waste management")),
        ("Medical·Health", "의료·헬스", ("의료헬스", "Medical-Health", "Healthcare", "Health")),
        ("E-government", "전자정부", ("E-Government", "eGovernment", "전자 정부")),
        ("Communications technology", "정보통신", ("ICT", "Communications", "통신기술")),
    ]
)

# Study §II "Classification of smart city service types" (39 types).
SERVICE_TYPES: tuple[Category, ...] = _cats(
    [
        ("3D", "3D"),
        ("AI", "인공지능", ("Artificial intelligence",)),
        ("AR", "증강현실", ("Augmented reality",)),
        ("BIM", "BIM"),
        ("CCTV", "CCTV"),
        ("DRM", "DRM"),
        ("ESS", "ESS", ("에너지저장장치",)),
        ("GIS-GPS", "GIS-GPS", ("GIS/GPS", "GIS", "GPS")),
        ("IoT", "사물인터넷", ("Internet of things",)),
        ("LTE-5G", "LTE-5G", ("LTE/5G", "5G", "LTE")),
        ("MR", "혼합현실", ("Mixed reality",)),
        ("NFC", "NFC"),
        ("RFID", "RFID"),
        ("SI-SM", "SI-SM", ("SI/SM",)),
        ("VR", "가상현실", ("Virtual reality",)),
        (
            "Construction·Operation·Maintenance",
            "건설·운영·유지관리",
            ("COM", "Construction-Operation-Maintenance", "건설운영유지관리"),
        ),
        ("Drone", "드론"),
        ("Digital twin", "디지털트윈", ("디지털 트윈",)),
        ("Robot", "로봇"),
        ("Module", "모듈"),
        ("Modular", "모듈러"),
        ("Mobile", "모바일"),
        ("Blockchain", "블록체인"),
        ("Bluetooth", "블루투스"),
        ("Big data", "빅데이터", ("Bigdata", "빅 데이터")),
        ("Biometrics", "생체인식"),
        ("Sensor", "센서"),
        ("Water treatment system", "수처리시스템", ("수처리 시스템",)),
        ("New renewable energy", "신재생에너지", ("Renewable energy", "신재생 에너지")),
        ("Edge computing", "엣지컴퓨팅", ("엣지 컴퓨팅",)),
        ("Fuel-cell", "연료전지", ("Fuel cell",)),
        ("Automatic driving", "자율주행", ("Autonomous driving",)),
        ("Eco-friendly commercial vehicle", "친환경상용차", ("친환경 상용차",)),
        ("Consulting", "컨설팅"),
        ("Contents", "콘텐츠", ("Content", "컨텐츠")),
        ("Cloud", "클라우드"),
        ("Kiosk", "키오스크"),
        ("Program", "프로그램"),
        ("Platform", "플랫폼"),
    ]
)

# Study §II "Company size definition" (5 types; definitions quoted from the study).
COMPANY_SIZES: tuple[Category, ...] = (
    Category(
        number=1,
        en="Small and medium-sized enterprise",
        ko="중소기업",
        aliases=("SME", "Small and medium-sized enterprises", "Small and medium enterprise"),
        definition_en=(
            "Companies with average annual sales of less than 40 billion to 150 billion won "
            "and total assets of less than 500 billion won"
        ),
        definition_ko="평균 매출액 400억~1,500억 원 미만이고 자산총액 5,000억 원 미만인 기업",
    ),
    Category(
        number=2,
        en="Medium-sized enterprise",
        ko="중견기업",
        aliases=("Medium-sized enterprises", "Mid-sized enterprise"),
        definition_en=(
            "Companies that exceed the sales of small and medium-sized enterprises and do not "
            "correspond to corporate groups (large corporations) restricted by mutual "
            "investment and do not correspond to public institutions"
        ),
        definition_ko=(
            "중소기업 규모를 넘고 상호출자제한기업집단(대기업)과 공공기관에 해당하지 않는 기업"
        ),
    ),
    Category(
        number=3,
        en="Major company",
        ko="대기업",
        aliases=("Large company", "Large enterprise", "Major companies"),
        definition_en=(
            "An enterprise that belongs to a publicly disclosed corporate group with total "
            "assets of 5 trillion won or more or a mutually restricted corporate group with "
            "total assets of 10 trillion won or more"
        ),
        definition_ko=(
            "자산총액 5조 원 이상 공시대상기업집단 또는 10조 원 이상 상호출자제한기업집단 소속 기업"
        ),
    ),
    Category(
        number=4,
        en="Public institution",
        ko="공공기관",
        aliases=("Public institutions",),
        definition_en=(
            "Institutions donated or supported by the government for the purpose of public "
            "interest: public enterprises, quasi-governmental and other public institutions"
        ),
        definition_ko="공익을 목적으로 정부가 출연·지원한 기관(공기업, 준정부기관, 기타공공기관)",
    ),
    Category(
        number=5,
        en="Non-profit corporation",
        ko="비영리법인",
        aliases=("Non-profit", "Non-profit corporations", "NPO"),
        definition_en="Associations and foundations for the purpose of non-profit business",
        definition_ko="비영리 사업을 목적으로 하는 사단·재단법인",
    ),
)


def _region(n: int, en: str, ko: str, aliases: tuple[str, ...], metro: bool = False) -> Category:
    return Category(number=n, en=en, ko=ko, aliases=aliases, metropolitan=metro)


# Study §III region table (17 rows, in the study's order). The capital region (수도권) is
# Seoul, Incheon and Gyeonggi-do (Seoul Metropolitan Area Readjustment Planning Act, art. 2).
REGIONS: tuple[Category, ...] = (
    _region(1, "Seoul", "서울", ("서울특별시", "서울시", "Seoul-si"), True),
    _region(2, "Busan", "부산", ("부산광역시",)),
    _region(3, "Daegu", "대구", ("대구광역시",)),
    _region(4, "Incheon", "인천", ("인천광역시",), True),
    _region(5, "Gwangju", "광주", ("광주광역시",)),
    _region(6, "Daejeon", "대전", ("대전광역시",)),
    _region(7, "Ulsan", "울산", ("울산광역시",)),
    _region(8, "Sejong", "세종", ("세종특별자치시",)),
    _region(9, "Gyeonggi-do", "경기도", ("경기", "Gyeonggi"), True),
    _region(10, "Gangwon-do", "강원도", ("강원", "강원특별자치도", "Gangwon")),
    _region(11, "Chungcheongbuk-do", "충청북도", ("충북", "Chungbuk")),
    _region(12, "Chungcheongnam-do", "충청남도", ("충남", "Chungnam")),
    _region(13, "Jeollabuk-do", "전라북도", ("전북", "전북특별자치도", "Jeonbuk")),
    _region(14, "Jeollanam-do", "전라남도", ("전남", "Jeonnam")),
    _region(15, "Gyeongsangbuk-do", "경상북도", ("경북", "Gyeongbuk")),
    _region(16, "Gyeongsangnam-do", "경상남도", ("경남", "Gyeongnam")),
    _region(17, "Jeju-do", "제주도", ("제주", "제주특별자치도", "Jeju")),
)

_BY_DIMENSION: dict[Dimension, tuple[Category, ...]] = {
    Dimension.FIELD: FIELDS,
    Dimension.SERVICE_TYPE: SERVICE_TYPES,
    Dimension.REGION: REGIONS,
    Dimension.COMPANY_SIZE: COMPANY_SIZES,
}


def _key(text: str) -> str:
    """Fold case, spaces and the separators the study mixes (·, -, /, _) for matching."""
    return re.sub(r"[\s·\-/_.,&]+", "", text).casefold()


def _index(cats: tuple[Category, ...]) -> dict[str, Category]:
    index: dict[str, Category] = {}
    for c in cats:
        for name in (str(c.number), c.en, c.ko, *c.aliases):
            k = _key(name)
            other = index.setdefault(k, c)
            if other is not c:  # pragma: no cover - guarded by tests on the tables above
                raise ValueError(f"ambiguous taxonomy name {name!r}")
    return index


_INDEXES: dict[Dimension, dict[str, Category]] = {d: _index(c) for d, c in _BY_DIMENSION.items()}


def lookup(dimension: Dimension, text: str | int) -> Category | None:
    """Find a category by its number, English or Korean name or an alias.

    Matching ignores case, spaces and the separators ``· - / _`` so that "Green energy",
    "green·energy" and "그린에너지" all find field 7. Numbers given as "7" or "7.0" (what
    Excel often writes) are accepted. Returns ``None`` when nothing matches.
    """
    s = str(text).strip()
    if re.fullmatch(r"\d+\.0+", s):
        s = s.split(".")[0]
    return _INDEXES[dimension].get(_key(s))


# --------------------------------------------------------------------------- class scales


@dataclass(frozen=True, slots=True, kw_only=True)
class ClassLevel:
    """One level of a 7-level class: the half-open interval [lower, upper)."""

    number: int
    lower: float
    upper: float
    en: str
    ko: str

    def name(self, lang: str = "en") -> str:
        """Return the label in ``lang`` ('en' or 'ko')."""
        return bilingual(lang, self.en, self.ko)

    def contains(self, value: float) -> bool:
        """Whether ``value`` falls in [lower, upper)."""
        return self.lower <= value < self.upper


@dataclass(frozen=True, slots=True, kw_only=True)
class ClassScale:
    """A class table of the study: raw values (won, years, people) cut into levels."""

    key: str
    raw_column: str
    class_column: str
    unit: str
    en: str
    ko: str
    levels: tuple[ClassLevel, ...]
    note: str = ""
    missing_en: str = "The others (no class)"
    missing_ko: str = "기타(등급 없음)"
    _bounds: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        bounds = tuple(level.lower for level in self.levels[1:])
        object.__setattr__(self, "_bounds", bounds)

    @property
    def max_level(self) -> int:
        """Highest level number (7 for capital, sales and employees, 6 for history)."""
        return len(self.levels)

    def classify(self, value: float) -> int:
        """Return the level whose [lower, upper) interval holds ``value``.

        Raises
        ------
        InputError
            ``number_out_of_range`` for NaN, infinities and values below the first level's
            lower bound (negative won, people or years): a data value, so an input error.
        """
        if not math.isfinite(value) or value < self.levels[0].lower:
            raise InputError.single(
                "number_out_of_range", f"{value!r} is outside every {self.key} class",
                field=self.key, value=value,
            )
        for level in self.levels:
            if level.contains(value):
                return level.number
        raise AssertionError("unreachable: the last level is unbounded")  # pragma: no cover

    def level(self, number: int) -> ClassLevel:
        """The level with this number (1-based)."""
        return self.levels[number - 1]


def _scale_levels(bounds: list[float], en: list[str], ko: list[str]) -> tuple[ClassLevel, ...]:
    edges = [*bounds, math.inf]
    return tuple(
        ClassLevel(number=i + 1, lower=edges[i], upper=edges[i + 1], en=en[i], ko=ko[i])
        for i in range(len(en))
    )


_E8, _E9, _E12 = 1e8, 1e9, 1e12

# Study §II "Classification of companies", column "Capital stock (won)".
CAPITAL = ClassScale(
    key="capital",
    raw_column="capital_krw",
    class_column="capital_class",
    unit="KRW",
    en="Capital stock",
    ko="자본금",
    levels=_scale_levels(
        [0, _E8, _E9, 10 * _E9, 100 * _E9, _E12, 10 * _E12],
        [
            "Less than 100 million",
            "100 million to less than 1 billion",
            "1 billion to less than 10 billion",
            "10 billion to less than 100 billion",
            "100 billion to less than 1 trillion",
            "1 trillion to less than 10 trillion",
            "10 trillion or more",
        ],
        [
            "1억 원 미만",
            "1억~10억 원 미만",
            "10억~100억 원 미만",
            "100억~1,000억 원 미만",
            "1,000억~1조 원 미만",
            "1조~10조 원 미만",
            "10조 원 이상",
        ],
    ),
)

# Study §II, column "Sales amount (won)". The study prints level 6 *and* level 7 as
# "10 trillion to less than 100 trillion"; the decade pattern of every other row means
# level 7 is "100 trillion or more", which is how it is read here.
SALES = ClassScale(
    key="sales",
    raw_column="sales_krw",
    class_column="sales_class",
    unit="KRW",
    en="Sales amount",
    ko="매출액",
    levels=_scale_levels(
        [0, _E9, 10 * _E9, 100 * _E9, _E12, 10 * _E12, 100 * _E12],
        [
            "Less than 1 billion",
            "1 billion to less than 10 billion",
            "10 billion to less than 100 billion",
            "100 billion to less than 1 trillion",
            "1 trillion to less than 10 trillion",
            "10 trillion to less than 100 trillion",
            "100 trillion or more",
        ],
        [
            "10억 원 미만",
            "10억~100억 원 미만",
            "100억~1,000억 원 미만",
            "1,000억~1조 원 미만",
            "1조~10조 원 미만",
            "10조~100조 원 미만",
            "100조 원 이상",
        ],
    ),
    note=(
        "The study prints levels 6 and 7 both as '10 trillion to less than 100 trillion'; "
        "level 7 is read as '100 trillion or more' (the decade pattern of the other rows)."
    ),
)

# Study §II, column "History (years)": 6 levels (level 7 is '-' in the study).
HISTORY = ClassScale(
    key="history",
    raw_column="founded_year",
    class_column="history_class",
    unit="years",
    en="History",
    ko="업력",
    levels=_scale_levels(
        [0, 5, 10, 20, 30, 50],
        [
            "Less than 5 years",
            "5 to less than 10 years",
            "10 to less than 20 years",
            "20 to less than 30 years",
            "30 to less than 50 years",
            "50 years or more",
        ],
        ["5년 미만", "5~10년 미만", "10~20년 미만", "20~30년 미만", "30~50년 미만", "50년 이상"],
    ),
    note=(
        f"History = {REFERENCE_YEAR} − founded_year (the study's year); the study defines "
        "six history levels (its level 7 is '-')."
    ),
)

# Study §II, column "Number of employees".
EMPLOYEES = ClassScale(
    key="employees",
    raw_column="employees",
    class_column="employees_class",
    unit="people",
    en="Number of employees",
    ko="종업원 수",
    levels=_scale_levels(
        [0, 10, 20, 100, 1_000, 10_000, 100_000],
        [
            "Less than 10 people",
            "10 to less than 20 people",
            "20 to less than 100 people",
            "100 to less than 1,000 people",
            "1,000 to less than 10,000 people",
            "10,000 to less than 100,000 people",
            "100,000 or more",
        ],
        [
            "10명 미만",
            "10~20명 미만",
            "20~100명 미만",
            "100~1,000명 미만",
            "1,000~10,000명 미만",
            "10,000~100,000명 미만",
            "100,000명 이상",
        ],
    ),
)

CLASS_SCALES: tuple[ClassScale, ...] = (CAPITAL, SALES, HISTORY, EMPLOYEES)


def history_years(founded_year: int, reference_year: int = REFERENCE_YEAR) -> int:
    """Company history in whole years counted to ``reference_year``."""
    return reference_year - founded_year
