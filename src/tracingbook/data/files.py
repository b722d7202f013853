"""Read a file of data/ as text, refusing anything that could reach outside the folder.

A file is named by a plain name (no folder, no URL), must be a regular file
inside data/ (not a link, pipe or device) and is read only up to a size limit,
so a mistaken or hostile name can neither leak another file into the book nor
hang the build.

Text is UTF-8. A UTF-8 byte-order mark at the very start of a file (spreadsheet
programs write one) is accepted and is not part of the text; anywhere else, and
in every cell or descriptor string, invisible characters that could break a
line, hide text or reverse it on the page are refused.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

# The largest file in data/ is some 20 kB; a file hundreds of times larger is a
# mistake, and reading stops there rather than filling memory.
MAX_FILE_BYTES = 5_000_000

# Letters, digits, '.', '_' and '-', not starting with '.': no folder, drive,
# URL, home or variable can be spelled, so the name stays inside data/.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# C0 and C1 control characters (tab and line breaks included: a cell or a
# descriptor string is one line), Unicode line and paragraph separators, the
# byte-order mark inside text, and the bidirectional controls that can make text
# read differently from how it is stored.
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
# What surrogateescape makes of bytes that are not UTF-8.
_UNDECODED = re.compile(r"[\udc80-\udcff]")


class UnreadableFile(Exception):
    """A file that cannot be read safely; ``rule`` and ``message`` say why."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


def refuse_name(name: str) -> str | None:
    """Why ``name`` cannot name a file in data/, or None if it can."""
    if not _PLAIN_NAME.fullmatch(name):
        return (
            "must be a plain file name inside data/ (letters, digits, '.', '_' and '-'): "
            "no folder, absolute path or URL"
        )
    return None


def read_bytes(directory: Path, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``directory/name``, read only if it is a plain, regular file within the limit."""
    refusal = refuse_name(name)
    if refusal is not None:
        raise UnreadableFile("path", refusal)
    path = directory / name
    if path.is_symlink():
        raise UnreadableFile("path", "is a symbolic link: the book reads only regular files in data/")
    # O_NOFOLLOW closes the gap between the check above and the open; O_NONBLOCK
    # keeps a named pipe from hanging the open until fstat refuses it.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise UnreadableFile("missing-file", "the file does not exist") from None
    except OSError as error:
        raise UnreadableFile("unreadable", f"cannot be opened: {error.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise UnreadableFile("path", "is not a regular file")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            content = handle.read(limit + 1)
    except OSError as error:
        raise UnreadableFile("unreadable", f"cannot be read: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if len(content) > limit:
        raise UnreadableFile("too-large", f"is larger than the {limit:,} bytes a data file may hold")
    return content


def encoding_hint(content: bytes) -> str:
    """A hint for a file that is not UTF-8."""
    if content.startswith(_UTF16_BOMS):
        return "the file is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8"
    return "save the file as UTF-8"


def to_text(content: bytes) -> str:
    """The file as text: a leading UTF-8 byte-order mark dropped, undecodable bytes kept as
    surrogate escapes so that they can be reported where they stand (see :func:`undecodable`)."""
    if content.startswith(UTF8_BOM):
        content = content[len(UTF8_BOM) :]
    return content.decode("utf-8", "surrogateescape")


def undecodable(text: str) -> str | None:
    """The first byte of ``text`` that was not UTF-8, as '0xE9', or None."""
    found = _UNDECODED.search(text)
    return None if found is None else f"0x{ord(found.group()) - 0xDC00:02X}"


def as_bytes_shown(text: str) -> str:
    """Text holding surrogate escapes, with each undecodable byte written as \\xNN."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_CONTROL_NAMES = {
    "\x00": "NUL",
    "\t": "TAB",
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x85": "NEXT LINE",
}


def forbidden_character(text: str) -> str | None:
    """The first character that no cell or descriptor string may hold, as 'U+2028 LINE SEPARATOR'."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    character = found.group()
    name = _CONTROL_NAMES.get(character) or unicodedata.name(character, "CONTROL CHARACTER")
    return f"U+{ord(character):04X} {name}"
