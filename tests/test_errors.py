"""The exception hierarchy and issues (exportmcda.errors): where, what, and a stable code."""

import pytest

from exportmcda.errors import ConfigError, ExportMcdaError, InputError, Issue, JudgmentError


def test_an_issue_names_file_row_and_field():
    issue = Issue.of("unknown_field", "msg", path="file.csv", row=12, field="x")
    assert str(issue) == "file.csv, row 12, field 'x': msg"


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ({}, "msg"),
        ({"path": "file.csv"}, "file.csv: msg"),
        ({"row": 3}, "row 3: msg"),
        ({"field": "region"}, "field 'region': msg"),
        ({"path": "a.xlsx", "field": "record!A2"}, "a.xlsx, field 'record!A2': msg"),
        ({"row": 0}, "row 0: msg"),
    ],
)
def test_an_issue_leaves_out_what_it_does_not_know(where, text):
    assert str(Issue.of("code", "msg", **where)) == text


def test_the_offending_value_is_kept_as_text():
    assert Issue.of("c", "m", value=0.5).value == "0.5"
    assert Issue.of("c", "m", value=["a", 1]).value == "['a', 1]"
    assert Issue.of("c", "m", value=None).value is None
    assert Issue.of("c", "m", value=0).value == "0"


def test_as_dict_has_the_json_keys():
    issue = Issue.of("unknown_field", "not a field", path="f.csv", row=2, field="field",
                     value="Teleportation")
    assert issue.as_dict() == {
        "path": "f.csv",
        "row": 2,
        "field": "field",
        "value": "Teleportation",
        "code": "unknown_field",
        "message": "not a field",
    }


def test_an_error_with_several_issues_counts_the_others():
    one = Issue.of("a", "first", row=2)
    two = Issue.of("b", "second", row=3)
    three = Issue.of("c", "third", row=4)
    assert str(InputError(one)) == "row 2: first"
    assert str(InputError([one, two])) == "row 2: first (and 1 more problem)"
    error = InputError([one, two, three])
    assert str(error) == "row 2: first (and 2 more problems)"
    assert error.code == "a"
    assert error.issues == (one, two, three)


def test_an_error_needs_an_issue():
    with pytest.raises(ValueError, match="at least one issue"):
        InputError([])


@pytest.mark.parametrize("kind", [InputError, JudgmentError, ConfigError])
def test_single_builds_the_subclass_with_one_issue(kind):
    error = kind.single("c.code", "msg", path="p", row=1, field="f", value=2)
    assert type(error) is kind
    assert isinstance(error, ExportMcdaError)
    assert error.issues == (Issue(code="c.code", message="msg", path="p", row=1, field="f",
                                  value="2"),)
    assert str(error) == "p, row 1, field 'f': msg"
