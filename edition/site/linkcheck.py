"""`edition check SITE_DIR`: every internal link and #fragment of a built site resolves,
nothing is loaded from outside the site, and every published anchor is there."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from edition.core.diagnostics import Diagnostic, error

# Attributes that load something into the page: all of it must come from the site itself.
# A <link> that only names a related address (cite-as, version-history, license) loads nothing.
_LOADS = ("//script/@src | //link[not(@rel='cite-as' or @rel='version-history' or @rel='license')]/@href"
          " | //img/@src | //iframe/@src | //source/@src | //video/@src | //audio/@src")


def check_site(site: Path) -> tuple[list[Diagnostic], int]:
    """Problems found, and how many links were checked."""
    site = site.resolve()
    problems, files = _regular_files(site)
    ids: dict[Path, set[str]] = {}
    pages = sorted(path for path in files if path.suffix == ".html")
    parsed = {page: lxml.html.parse(str(page)) for page in pages}
    for page, tree in list(parsed.items()):
        if tree.getroot() is None:  # an empty file, or nothing lxml reads as HTML
            problems.append(error(str(page.relative_to(site)), 1, 1, "empty-page", "this page holds no HTML",
                                  "build the site again; never edit a built site by hand"))
            del parsed[page]
            continue
        ids[page] = set(tree.getroot().xpath("//@id"))
    checked = 0
    for page, tree in parsed.items():
        name = str(page.relative_to(site))
        for attribute in tree.getroot().xpath(_LOADS):
            element = attribute.getparent()
            if _is_external(attribute) and not attribute.startswith("data:"):  # a data: URL carries its bytes
                problems.append(error(name, element.sourceline or 1, 1, "external-resource",
                                      f"<{element.tag}> loads {attribute} from outside the site",
                                      "copy the file into the site; a static edition must not depend on other servers"))
        for element in tree.getroot().xpath("//a[@href] | //link[@href] | //script[@src] | //img[@src]"):
            url = element.get("href") or element.get("src")
            checked += 1
            if _is_external(url):
                continue  # loads were reported above; a link to another site is the reader's to follow
            problem = _resolve(site, page, url, ids)
            if problem:
                problems.append(error(name, element.sourceline or 1, 1, "broken-link", f"{url}: {problem}",
                                      "fix the link, or the anchor it points to"))
    problems += _published_anchors(site, ids, files)
    return problems, checked


def _regular_files(site: Path) -> tuple[list[Diagnostic], list[Path]]:
    """The regular files of the site, and an error for anything else in it. A build writes regular
    files only: a link (to /etc/passwd, to a folder outside, to itself) or a FIFO was put there by
    someone else, and is neither followed nor opened (a FIFO would block the check for ever)."""
    problems, files = [], []
    for folder, folders, names in os.walk(site):  # never follows a link to a folder
        for name in sorted(folders + names):
            path = Path(folder, name)
            status = path.lstat()
            if stat.S_ISREG(status.st_mode):
                files.append(path)
            elif not stat.S_ISDIR(status.st_mode):
                what = f"a link to {os.readlink(path)}" if stat.S_ISLNK(status.st_mode) else "not a regular file"
                problems.append(error(str(path.relative_to(site)), 1, 1, "site-not-file",
                                      f"{what}: a site edition builds holds only files and folders",
                                      "remove it and build the site again; it was not read"))
    return problems, files


def _published_anchors(site: Path, ids: dict[Path, set[str]], files: list[Path]) -> list[Diagnostic]:
    """Every anchor a release published (site/anchors/<doc>.json) is on its page."""
    problems = []
    for ledger_file in sorted(path for path in files if path.parent == site / "anchors" and path.suffix == ".json"):
        page = site / "documents" / f"{ledger_file.stem}.html"
        present = ids.get(page.resolve(), set())
        try:
            anchors = json.loads(ledger_file.read_text(encoding="utf-8"))["anchors"]
            published = {key: entry["published"] for key, entry in anchors.items() if entry.get("published")}
        except (ValueError, LookupError, AttributeError, TypeError):
            problems.append(error(f"anchors/{ledger_file.name}", 1, 1, "anchor-ledger",
                                  "not a ledger edition wrote: JSON with an object of anchors",
                                  "build the site again; never edit a built site by hand"))
            continue
        for key, release in published.items():
            if key not in present:
                problems.append(error(f"documents/{ledger_file.stem}.html", 1, 1, "anchor-missing",
                                      f"anchor '{key}', published in release {release}, is not on the page",
                                      "rebuild the site with edition build; never edit a built page by hand"))
    return problems


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def _resolve(site: Path, page: Path, url: str, ids: dict[Path, set[str]]) -> str:
    parts = urlsplit(url)
    if parts.path.startswith("/"):
        return "a root-relative path breaks under a sub-path and from file://"
    target = Path(os.path.realpath(page.parent / unquote(parts.path))) if parts.path else page  # loops: no raise
    if not target.is_relative_to(site):
        return "points outside the site"
    if target.is_dir():
        target = target / "index.html"
    if not target.exists():
        return "no such file"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in ids.get(target, set()):
        return f"no element with id '{fragment}'"
    return ""
