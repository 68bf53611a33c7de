"""``refs review DIR``: open a build's report.html in the browser (or print its path)."""

from __future__ import annotations

import os
import sys
import webbrowser
from pathlib import Path

import click

from refs.cli import common


def has_display() -> bool:
    """Whether a browser window can be opened here (not on a headless Linux box)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@click.command("review")
@click.argument("folder", type=str, default=".")
@click.option("--print", "print_only", is_flag=True, help="Only print the page's path.")
def command(folder: str, print_only: bool) -> None:
    """Open FOLDER/report.html (written by refs build) in the web browser.

    Without a display (or with --print) the page's path is printed instead, to open
    elsewhere. FOLDER may also be the report.html file itself.
    """
    path = Path(folder)
    if path.is_dir():
        path = path / "report.html"
    if not path.is_file():
        common.fail(f"{path}: no such file (run refs build first)")
    url = path.resolve().as_uri()
    if print_only or not has_display() or not webbrowser.open(url):
        click.echo(str(path.resolve()))
        return
    click.echo(f"opened {url}", err=True)
