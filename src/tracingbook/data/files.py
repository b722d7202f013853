"""The files of data/: plain names, regular files, a size limit, and text a page can show.

Frictionless opens the tables; this module only says, before it does, whether a
name may be opened at all (no folder, URL, link, pipe or device, nothing too
large), and reads the descriptor itself the same way.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

# The largest file in data/ is some 40 kB; a file a hundred times larger is a mistake.
MAX_FILE_BYTES = 5_000_000
UTF8_BOM = b"\xef\xbb\xbf"
# Letters, digits, '.', '_' and '-', not starting with '.': no folder, drive, URL or variable.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# C0 and C1 controls (tab and line breaks included: a cell is one line), line and
# paragraph separators, a byte-order mark inside text, and the bidirectional controls.
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
_CONTROL_NAMES = {"\x00": "NUL", "\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN",
                  "\x0b": "LINE TABULATION", "\x0c": "FORM FEED", "\x85": "NEXT LINE"}  # fmt: skip


class UnreadableFile(Exception):
    """A file that cannot be read safely; ``rule`` and ``message`` say why."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule, self.message = rule, message


def refuse_name(name: str) -> str | None:
    """Why ``name`` cannot name a file in data/, or None if it can."""
    if _PLAIN_NAME.fullmatch(name):
        return None
    return (
        "must be a plain file name inside data/ (letters, digits, '.', '_' and '-'): "
        "no folder, absolute path or URL"
    )


def check_file(directory: Path, name: str, limit: int = MAX_FILE_BYTES) -> None:
    """Raise UnreadableFile unless ``directory/name`` is a plain, regular file within the limit."""
    refusal = refuse_name(name)
    if refusal is not None:
        raise UnreadableFile("path", refusal)
    try:
        found = os.lstat(directory / name)
    except FileNotFoundError:
        raise UnreadableFile("missing-file", "the file does not exist") from None
    except OSError as error:
        raise UnreadableFile("unreadable", f"cannot be opened: {error.strerror}") from None
    if stat.S_ISLNK(found.st_mode):
        raise UnreadableFile("path", "is a symbolic link: the book reads only regular files in data/")
    if not stat.S_ISREG(found.st_mode):
        raise UnreadableFile("path", "is not a regular file")
    if found.st_size > limit:
        raise UnreadableFile("too-large", f"is larger than the {limit:,} bytes a data file may hold")


def read_bytes(directory: Path, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``directory/name``, read only if :func:`check_file` allows it."""
    check_file(directory, name, limit)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(directory / name, flags | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as handle:
            content = handle.read(limit + 1)
    except OSError as error:
        raise UnreadableFile("unreadable", f"cannot be read: {error.strerror}") from None
    if len(content) > limit:
        raise UnreadableFile("too-large", f"is larger than the {limit:,} bytes a data file may hold")
    return content


def not_utf8(content: bytes) -> tuple[int, str, str] | None:
    """Where ``content`` stops being UTF-8: (line, byte as '0xE9', what to do), or None."""
    text = content.removeprefix(UTF8_BOM).decode("utf-8", "surrogateescape")
    found = re.search("[\udc80-\udcff]", text)
    if found is None:
        return None
    advice = "save the file as UTF-8"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        advice = "the file is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8"
    return text.count("\n", 0, found.start()) + 1, f"0x{ord(found.group()) - 0xDC00:02X}", advice


def forbidden_character(text: str) -> str | None:
    """The first character that no cell or descriptor text may hold, as 'U+2028 LINE SEPARATOR'."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    character = found.group()
    name = _CONTROL_NAMES.get(character) or unicodedata.name(character, "CONTROL CHARACTER")
    return f"U+{ord(character):04X} {name}"
