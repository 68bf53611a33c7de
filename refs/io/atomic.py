"""Atomic file writes: a temporary file in the target's folder, then a rename.

Files read through :func:`refs.io.read_text` are remembered (:func:`protect`), and a
write that would replace one of them is refused (:class:`OverwriteRefused`): the
last line of defence behind the command line's own check, so that no code path can
write over its input, whatever names (``./x``, a symlink, a hard link) lead to it.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

#: (device, inode, size, mtime) of every file read by this process: an unchanged input
_PROTECTED: set[tuple[int, int, int, int]] = set()


class OverwriteRefused(OSError):
    """A write would replace a file this process read."""


def protect(path: str | os.PathLike[str]) -> None:
    """Remember ``path`` (an input) so that no atomic write replaces it."""
    key = _key(path)
    if key:
        _PROTECTED.add(key)


def is_protected(path: str | os.PathLike[str]) -> bool:
    key = _key(path)
    return key is not None and key in _PROTECTED


def _key(path: str | os.PathLike[str]) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` so that readers see either the old or the new file."""
    write_bytes(path, text.encode(encoding))


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Atomically replace the file at ``path`` (through a symlink: the file it points to).
    A device or pipe (``-o /dev/null``, a FIFO) is written into, never replaced."""
    write_chunks(path, (data,))


def write_chunks(path: str | os.PathLike[str], chunks: Iterable[bytes]) -> None:
    """:func:`write_bytes` of the chunks joined, each written as it comes (the whole is
    never held): the file is replaced once the last chunk is in, and a failure (or an
    interruption) while the chunks are made leaves the old file as it was."""
    target = Path(os.path.realpath(path))
    if is_protected(target):
        raise OverwriteRefused(f"{path}: refusing to write over a file refs read as input")
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    if mode is not None and not stat.S_ISREG(mode):  # /dev/null, /dev/stdout, a named pipe
        with open(target, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        return
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
