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
