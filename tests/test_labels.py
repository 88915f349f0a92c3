"""Every user-facing label exists in both languages."""

import re

from exportmcda import labels


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
