"""``refs styles``: list the CSL styles refs can render, filtered by words."""

from __future__ import annotations

import click


@click.command("styles")
@click.argument("word", nargs=-1)
def command(word: tuple[str, ...]) -> None:
    """List available styles (short name and title) whose name or title has WORD."""
    from refs.render.styles import list_styles

    rows = list_styles(" ".join(word))
    if not rows:
        click.echo(f"no style matches {' '.join(word)!r}", err=True)
        raise SystemExit(1)
    width = min(max(len(n) for n, _ in rows), 50)
    for name, title in rows:
        click.echo(f"{name:<{width}}  {title}")
