"""The README's command table is the real command list, with each command's own help."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from coprod.views.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_commands() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    table = text.split("<!-- commands", 1)[1].split("<!-- /commands -->", 1)[0]
    return dict(re.findall(r"^\| `coprod (\w+)` \| (.+?) \|$", table, flags=re.MULTILINE))


def _real_commands() -> dict[str, str]:
    group = typer.main.get_group(app)
    out = {}
    for name, command in group.commands.items():
        first = (command.help or "").strip().splitlines()[0]
        out[name] = first
    return out


def test_readme_lists_exactly_the_real_commands() -> None:
    assert list(_readme_commands()) == list(_real_commands())


def test_readme_describes_each_command_with_its_help_line() -> None:
    real = _real_commands()
    for name, line in _readme_commands().items():
        assert real[name].startswith(line.rstrip(".")), (name, line, real[name])


def test_readme_shows_the_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
