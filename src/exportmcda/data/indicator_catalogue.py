"""The catalogue of country market indicators, defined once: names, unit, direction, editions.

Each entry describes one indicator of the reference data set ``country-indicators.md``
("Indicators" table, compiled December 2026): what it measures (definition in English and
Korean), its unit exactly as the reference's CSV spells it, the editions (years) a country
file is expected to carry, whether the reference computed it, a direction hint for a market
criterion, and the stated missing-value policy. :mod:`exportmcda.data.indicators` validates
the data files against it.
"""

from __future__ import annotations

from dataclasses import dataclass

from exportmcda.errors import ConfigError
from exportmcda.labels import bilingual

__all__ = ["BY_ID", "DIRECTIONS", "INDICATORS", "MISSING_POLICIES", "Indicator", "indicator"]

MISSING_POLICIES = ("report",)
"""``report``: the value stays ``None`` with an ``indicator_missing`` note (never 0)."""
DIRECTIONS = ("benefit", "cost")
"""Direction hints: more is more attractive (benefit) or less is (cost)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator:
    """One indicator of the catalogue.

    ``editions`` are the years a country file is expected to carry, newest first (the first
    is what :meth:`CountryIndicators.get` returns without a year). ``direction`` is a hint
    for a market criterion (``benefit``: more is more attractive; ``cost``: less is), not a
    judgment: which indicators count, and how much, belongs to the scenario.
    """

    id: str
    name_en: str
    name_ko: str
    unit: str
    direction: str
    definition_en: str
    definition_ko: str
    editions: tuple[str, ...]
    computed: bool = False
    missing: str = "report"

    def name(self, lang: str = "en") -> str:
        """Return the name in ``lang`` ('en' or 'ko')."""
        return bilingual(lang, self.name_en, self.name_ko)

    def definition(self, lang: str = "en") -> str:
        """Return the definition in ``lang`` ('en' or 'ko')."""
        return bilingual(lang, self.definition_en, self.definition_ko)


_EGOV = ("2024",)
INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="egdi", name_en="E-Government Development Index", name_ko="전자정부발전지수",
        unit="index 0-1", direction="benefit", editions=("2024", "2022"),
        definition_en="UN DESA's readiness to deliver digital public services: the mean of "
        "the online service, human capital and telecommunication infrastructure indices.",
        definition_ko="유엔 경제사회국(UN DESA)의 디지털 공공서비스 제공 준비도: 온라인 서비스·"
        "인적 자본·통신 인프라 지수의 평균.",
    ),
    Indicator(
        id="egdi_rank", name_en="EGDI rank", name_ko="전자정부발전지수 순위",
        unit="rank of 193", direction="cost", editions=("2024", "2022"),
        definition_en="Rank of the country's EGDI among the 193 UN member states (1 = best).",
        definition_ko="유엔 회원국 193개국 중 전자정부발전지수 순위(1위가 가장 높음).",
    ),
    Indicator(
        id="online_service_index", name_en="Online Service Index", name_ko="온라인 서비스 지수",
        unit="index 0-1", direction="benefit", editions=_EGOV,
        definition_en="OSI: scope and quality of online public services.",
        definition_ko="OSI: 온라인 공공서비스의 범위와 품질.",
    ),
    Indicator(
        id="human_capital_index", name_en="Human Capital Index", name_ko="인적 자본 지수",
        unit="index 0-1", direction="benefit", editions=_EGOV,
        definition_en="HCI: literacy, enrolment and years of schooling.",
        definition_ko="HCI: 문해율, 취학률, 교육 연수.",
    ),
    Indicator(
        id="telecom_infrastructure_index", name_en="Telecommunication Infrastructure Index",
        name_ko="통신 인프라 지수", unit="index 0-1", direction="benefit", editions=_EGOV,
        definition_en="TII: internet users, mobile and broadband subscriptions.",
        definition_ko="TII: 인터넷 이용자, 이동통신·초고속인터넷 가입.",
    ),
    Indicator(
        id="e_participation_index", name_en="E-Participation Index", name_ko="전자참여 지수",
        unit="index 0-1", direction="benefit", editions=_EGOV,
        definition_en="EPI: online information, consultation and decision-making with "
        "citizens.",
        definition_ko="EPI: 온라인 정보 제공, 시민 협의, 정책 결정 참여.",
    ),
    Indicator(
        id="population", name_en="Population", name_ko="인구", unit="people",
        direction="benefit", editions=("2020",),
        definition_en="Total population (World Bank SP.POP.TOTL).",
        definition_ko="총인구(세계은행 SP.POP.TOTL).",
    ),
    Indicator(
        id="urban_share", name_en="Urban share", name_ko="도시화율", unit="% of population",
        direction="benefit", editions=("2020",),
        definition_en="Urban population as a percentage of the total (World Bank "
        "SP.URB.TOTL.IN.ZS).",
        definition_ko="총인구 대비 도시 인구 비율(세계은행 SP.URB.TOTL.IN.ZS).",
    ),
    Indicator(
        id="urban_population", name_en="Urban population", name_ko="도시 인구", unit="people",
        direction="benefit", editions=("2020",), computed=True,
        definition_en="Population x urban share, computed in the reference: the size of the "
        "urban market.",
        definition_ko="인구 × 도시화율(참고 자료에서 계산): 도시 시장의 규모.",
    ),
    Indicator(
        id="urban_population_growth", name_en="Urban population growth",
        name_ko="도시 인구 증가율", unit="% per year", direction="benefit",
        editions=("2000-2020",), computed=True,
        definition_en="Compound annual growth of the urban population 2000-2020, computed in "
        "the reference: the growth of the urban market.",
        definition_ko="2000~2020년 도시 인구의 연평균 복합 증가율(참고 자료에서 계산): 도시 "
        "시장의 성장.",
    ),
    Indicator(
        id="gdp_per_capita_ppp", name_en="GDP per capita, PPP", name_ko="1인당 GDP(PPP)",
        unit="international $ (2021 prices)", direction="benefit", editions=("2023",),
        definition_en="GDP per capita at purchasing-power parity (World Bank via Our World "
        "in Data): the ability to pay.",
        definition_ko="구매력평가 기준 1인당 국내총생산(세계은행, Our World in Data 경유): "
        "지불 능력.",
    ),
    Indicator(
        id="ascn_cities", name_en="ASEAN Smart Cities Network cities",
        name_ko="아세안 스마트시티 네트워크 도시 수", unit="cities", direction="benefit",
        editions=("2024",),
        definition_en="Member cities of the ASEAN Smart Cities Network (26 pilot cities in "
        "2018, 5 added in 2024). The network is ASEAN's own: a non-ASEAN country has no "
        "value, which is not zero interest.",
        definition_ko="아세안 스마트시티 네트워크 회원 도시 수(2018년 시범 26개, 2024년 5개 "
        "추가). 아세안 자체의 네트워크이므로 비아세안 국가는 값이 없으며, 이는 관심이 없다는 "
        "뜻이 아닙니다.",
    ),
)
BY_ID = {i.id: i for i in INDICATORS}
"""The catalogue by id."""


def indicator(indicator_id: str) -> Indicator:
    """The catalogue entry of an indicator id; an unknown id names the known ones."""
    if indicator_id not in BY_ID:
        raise ConfigError.single(
            "indicator.unknown_indicator",
            f"unknown indicator {indicator_id!r}; known: {', '.join(BY_ID)}",
            field="indicator", value=indicator_id,
        )
    return BY_ID[indicator_id]
