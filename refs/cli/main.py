"""The ``refs`` command: a click group whose commands live one per module.

Commands are imported only when used, so ``refs --help`` stays fast. Each module
named in :data:`COMMANDS` defines a click command called ``command``.
"""

from __future__ import annotations

import importlib

import click

from refs import __version__

#: command name -> module defining ``command``
COMMANDS: dict[str, str] = {
    "convert": "refs.cli.convert",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        return importlib.import_module(module).command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="refs")
def cli() -> None:
    """refs: turn messy reading lists into clean bibliographic data, and back.

    Every command reads and writes BibTeX (.bib), CSL-JSON (.json) or RIS (.ris),
    so commands chain: parse, enrich, dedup, then render, convert or check-links.
    """


def main() -> None:
    cli(prog_name="refs")
