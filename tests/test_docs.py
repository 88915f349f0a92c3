"""The README documents every command and the two fresh-machine commands."""

import re
from pathlib import Path

from exportmcda.cli.main import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in sub.choices:
        assert f"exportmcda {name}" in README, name


def test_first_screen_gives_exactly_two_commands():
    first = README.split("---")[0]
    commands = re.findall(r"^bash scripts/\S+", first, flags=re.MULTILINE)
    assert commands == ["bash scripts/app.sh", "bash scripts/test.sh"]


def test_ci_runs_the_readme_test_command():
    root = Path(__file__).resolve().parent.parent
    assert "scripts/test.sh" in (root / ".ci" / "run").read_text(encoding="utf-8")
    assert (root / "scripts" / "app.sh").is_file()
