"""The themes' stylesheets, cut to the rules the site can use.

Every page waits for its stylesheets before its first paint, and on a phone
over a slow connection their bytes are most of that wait. The pydata theme's
stylesheet carries all of Bootstrap and Font Awesome's table of glyphs: about
nine tenths of its rules name a class, id, element or attribute that no page
of this book has and no script of it adds. The same holds, less so, for the
other stylesheets the themes and extensions link.

So, once the site is written, each stylesheet that a page links from
``_static`` (other than the site's own ``house-*.css``) is rewritten with only
the rules that could apply. The test is the one PurgeCSS makes: a selector is
kept if every class, id, element and attribute name it requires occurs as a
word somewhere in the site's pages or in any of its scripts, where a class a
script adds is spelt out. Pseudo-classes and what is inside ``:not()``,
``:is()``, ``:where()`` and ``:has()`` are not required, so a selector is only
ever kept too often, never dropped wrongly. At-rules other than ``@media``,
``@supports``, ``@layer`` and ``@container`` (fonts, keyframes, ``@page``) are
kept whole. A local ``@import`` is replaced by the imported sheet's kept rules,
which spares the browser a second round trip before the paint.

Sphinx copies each theme file afresh on every build, so the cut is always made
from the theme's own stylesheet and follows the pages as they change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tinycss2
from sphinx.util import logging

logger = logging.getLogger(__name__)

Imported = Callable[[str], str | None]
OWN_STYLESHEET = re.compile(r"(?:^|/)house-[\w-]+\.css$")
# Rules inside these are cut like the sheet itself; any other at-rule is kept whole.
_GROUPING = frozenset({"media", "supports", "layer", "container"})
_COMBINATORS = frozenset({">", "+", "~", "|"})
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_STYLESHEET_LINK = re.compile(
    r"""<link\b(?=[^>]*\brel=["']?stylesheet)[^>]*\bhref=["']?([^"'\s>]+)""", re.IGNORECASE
)


@dataclass(frozen=True)
class Cut:
    """What cutting one stylesheet did."""

    kept: int
    dropped: int


def site_words(texts: Iterable[str]) -> frozenset[str]:
    """Every word that could name a class, id, element or attribute in these texts."""
    words: set[str] = set()
    for text in texts:
        words.update(_WORD.findall(text))
    return frozenset(words)


def _selectors(prelude: list[Any]) -> list[list[Any]]:
    """A rule's selector list, split at its top-level commas."""
    selectors: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def required_names(selector: list[Any]) -> list[str]:
    """The class, id, element and attribute names a selector requires of the page."""
    names: list[str] = []
    previous: Any = None
    for token in selector:
        after_colon = previous is not None and previous.type == "literal" and previous.value in (":", "::")
        if token.type == "ident" and not after_colon:
            if previous is not None and previous.type == "literal" and previous.value == ".":
                names.append(token.value)
            elif (
                previous is None
                or previous.type == "whitespace"
                or (previous.type == "literal" and previous.value in _COMBINATORS)
            ):
                names.append(token.value.lower())  # an element's name
        elif token.type == "hash":
            names.append(token.value)
        elif token.type == "[] block":
            attribute = next((part for part in token.content if part.type == "ident"), None)
            if attribute is not None:
                names.append(attribute.value)
        # Functional pseudo-classes (``:not(...)``, ``:is(...)``) require nothing here.
        previous = token
    return names


def _could_apply(selector: list[Any], words: frozenset[str]) -> bool:
    return all(name in words for name in required_names(selector))


def _kept_rules(rules: Iterable[Any], words: frozenset[str], imported: Imported, cut: list[int]) -> str:
    kept: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [selector for selector in _selectors(rule.prelude) if _could_apply(selector, words)]
            if not selectors:
                cut[1] += 1
                continue
            cut[0] += 1
            prelude = ",".join(tinycss2.serialize(selector).strip() for selector in selectors)
            kept.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword == "import":
            url = _import_url(rule.prelude)
            css = imported(url) if url else None
            if css is None:
                kept.append(rule.serialize())
            else:
                kept.append(_kept_rules(_parse(css), words, imported, cut))
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content is not None:
            inner = _kept_rules(
                tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                words,
                imported,
                cut,
            )
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        else:
            kept.append(rule.serialize())
    return "".join(kept)


def _parse(css: str) -> list[Any]:
    return list(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _import_url(prelude: list[Any]) -> str | None:
    for token in prelude:
        if token.type in ("string", "url"):
            return str(token.value)
        if token.type == "function" and token.lower_name == "url":
            strings = [part for part in token.arguments if part.type == "string"]
            return str(strings[0].value) if strings else None
    return None


def used_rules(css: str, words: frozenset[str], imported: Imported = lambda url: None) -> tuple[str, Cut]:
    """The stylesheet with only the rules that could apply, and how many were kept and dropped.

    ``imported`` gives the text of a sheet that ``@import`` names, or None to keep
    the ``@import`` as it is.
    """
    counts = [0, 0]
    errors = [rule for rule in _parse(css) if rule.type == "error"]
    if errors:
        first = errors[0]
        raise ValueError(f"the stylesheet cannot be read at line {first.source_line}: {first.message}")
    text = _kept_rules(_parse(css), words, imported, counts)
    # Written back as CSS escapes, as the themes write them: the sheet is then the
    # same whatever encoding a server declares for it.
    ascii_text = _NON_ASCII.sub(lambda found: f"\\{ord(found.group()):x} ", text)
    return ascii_text, Cut(kept=counts[0], dropped=counts[1])


def linked_stylesheets(outdir: Path, pages: Iterable[Path]) -> list[Path]:
    """The stylesheets under ``_static`` that some page links, other than the site's own."""
    static = (outdir / "_static").resolve()
    found: set[Path] = set()
    for page in pages:
        for href in _STYLESHEET_LINK.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or OWN_STYLESHEET.search(parts.path):
                continue
            target = (page.parent / parts.path).resolve()
            if target.is_relative_to(static) and target.suffix == ".css" and target.is_file():
                found.add(target)
    return sorted(found)


def _local_import(sheet: Path, static: Path) -> Imported:
    def imported(url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        target = (sheet.parent / parts.path).resolve()
        if not target.is_relative_to(static) or not target.is_file():
            return None
        return target.read_text(encoding="utf-8")

    return imported


def cut_site_stylesheets(outdir: Path) -> dict[str, Cut]:
    """Rewrite every linked theme stylesheet of a built site with only its usable rules."""
    pages = sorted(outdir.rglob("*.html"))
    static = (outdir / "_static").resolve()
    scripts = sorted(static.rglob("*.js"))
    words = site_words(path.read_text(encoding="utf-8") for path in [*pages, *scripts])
    cuts: dict[str, Cut] = {}
    for sheet in linked_stylesheets(outdir, pages):
        try:
            text, cut = used_rules(sheet.read_text(encoding="utf-8"), words, _local_import(sheet, static))
        except ValueError as error:
            raise ValueError(f"{sheet.relative_to(static).as_posix()}: {error}") from error
        sheet.write_text(text + "\n", encoding="utf-8")
        cuts[sheet.relative_to(static).as_posix()] = cut
    return cuts


def _cut_after_build(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    try:
        cut_site_stylesheets(Path(app.outdir))
    except ValueError as error:
        logger.warning(f"[tracingbook] a theme stylesheet is published whole: {error}")
