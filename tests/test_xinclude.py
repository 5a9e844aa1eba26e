"""XInclude: followed inside the edition, a fallback (with a warning) or an error otherwise; nothing outside read."""

from __future__ import annotations

from pathlib import Path

from edition.core.diagnostics import Severity
from edition.core.folder import EditionFolder
from edition.tei.views import READING
from edition.tei.viewtext import view_text
from edition.tei.xinclude import resolve_includes
from edition.tei.xml import parse

TEI = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
       '<teiHeader/><text><body>{}</body></text></TEI>')


def _resolve(edition: Path, body: str) -> tuple[list[str], list[tuple[str, Severity, int]]]:
    (edition / "sources").mkdir(exist_ok=True)
    source = edition / "sources" / "doc.xml"
    source.write_text(TEI.format(body), encoding="utf-8")
    tree = parse(source.read_bytes(), str(source))
    found = resolve_includes(tree, source, str(source), EditionFolder(edition))
    return view_text(tree, READING).words, [(d.code, d.severity, d.line) for d in found]


def test_an_include_inside_the_edition_is_followed_with_its_own_includes(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "one.xml").write_text(
        '<p xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">Included '
        '<xi:include href="two.txt" parse="text"/> words.</p>', encoding="utf-8")
    (tmp_path / "parts" / "two.txt").write_text("plain", encoding="utf-8")
    words, found = _resolve(tmp_path, '<p>Before.</p><xi:include href="../parts/one.xml"/> <p>After.</p>')
    assert words == ["Before.", "Included", "plain", "words.", "After."]
    assert found == []


def test_an_xpointer_naming_an_id_takes_that_element(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "many.xml").write_text(
        '<div xmlns="http://www.tei-c.org/ns/1.0"><p xml:id="a">First.</p><p xml:id="b">Second.</p></div>',
        encoding="utf-8")
    words, found = _resolve(tmp_path, '<xi:include href="../parts/many.xml" xpointer="b"/>')
    assert (words, found) == (["Second."], [])


def test_a_remote_include_is_never_fetched_and_its_fallback_is_used_with_a_warning(tmp_path: Path) -> None:
    words, found = _resolve(tmp_path, '<p>A</p>\n<xi:include href="http://example.org/x.xml">'
                                      '<xi:fallback><p>fallback words</p></xi:fallback></xi:include>')
    assert words == ["A", "fallback", "words"]
    assert found == [("xinclude-remote", Severity.WARNING, 2)]


def test_without_a_fallback_a_missing_or_outside_include_is_an_error_and_nothing_outside_is_read(
        tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    edition.mkdir()
    (tmp_path / "secret.xml").write_text('<p xmlns="http://www.tei-c.org/ns/1.0">secret</p>', encoding="utf-8")
    (edition / "link.xml").symlink_to(tmp_path / "secret.xml")
    words, found = _resolve(edition, '<p>A</p><xi:include href="../../secret.xml"/>'
                                     '<xi:include href="../link.xml"/><xi:include href="../nowhere.xml"/>')
    assert words == ["A"]
    assert [code for code, severity, _ in found if severity is Severity.ERROR] == [
        "xinclude-outside", "xinclude-outside", "xinclude-missing"]


def test_an_include_loop_is_reported_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "loop.xml").write_text(
        '<p xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">again '
        '<xi:include href="loop.xml"/></p>', encoding="utf-8")
    words, found = _resolve(tmp_path, '<xi:include href="../loop.xml"/>')
    assert words == ["again"]
    assert [code for code, _, _ in found] == ["xinclude-loop"]
