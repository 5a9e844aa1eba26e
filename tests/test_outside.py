"""Nothing outside the edition: an edition from a stranger's repository is built without reading,
writing or fetching anything outside it (docs/security.md).

The golden cases are tests/fixtures/bad/outside-*; here each is also checked for what the golden
comparison does not see (no secret anywhere, nothing written), and the cases whose target must be
a writable folder outside (anchors/, .edition-cache/) are made in a temporary folder. The two
layers of the XSLT restriction are tested apart: the static check, and Saxon refusing every URI
when a call slips past the check.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from edition.core.diagnostics import EditionError
from edition.core.folder import EditionFolder
from edition.project.edition import load_edition
from edition.site import transform
from edition.site.transform import Transformer
from edition.site.xslt_check import check_stylesheet
from edition.tei.schema_refs import schema_reference_problems

BAD = Path(__file__).parent / "fixtures" / "bad"
OUTSIDE_CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir() and p.name.startswith("outside-"))
SECRETS = ("root:x:0:0", "uid=0(")  # /etc/passwd's first line; the output of `id`
LOCATED = re.compile(r"^\S+:\d+:\d+: error\[[a-z-]+\]: ", re.MULTILINE)


def build(edition: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", "build", ".", "--out", str(out), *extra], cwd=edition,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)


def regular_files(folder: Path):
    """Every regular file below `folder`, never following a link (a fixture links to /etc)."""
    for top, _, names in os.walk(folder):
        for name in names:
            path = Path(top, name)
            if not path.is_symlink() and path.is_file():
                yield path


def assert_no_secret(folder: Path) -> None:
    for path in regular_files(folder):
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert not any(secret in text for secret in SECRETS), path


def small_edition(folder: Path) -> Path:
    (folder / "sources").mkdir(parents=True)
    (folder / "edition.toml").write_text('title = "T"\nbase_url = "https://example.org/"\n', encoding="utf-8")
    (folder / "sources" / "doc.txt").write_text("A title\n\n1990-02-09\n\nJ. BAKER. Hello there.\n",
                                                encoding="utf-8")
    return folder


def test_there_is_a_golden_case_for_each_way_out() -> None:
    assert len(OUTSIDE_CASES) >= 10


@pytest.mark.parametrize("case", OUTSIDE_CASES)
def test_a_way_out_is_refused_with_a_located_error_and_nothing_read(case: str, tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    shutil.copytree(BAD / case, edition, symlinks=True)
    out = tmp_path / "site"
    done = build(edition, out)
    assert done.returncode == 1, done.stderr
    assert LOCATED.search(done.stderr), done.stderr
    assert "Traceback" not in done.stderr
    assert not any(secret in done.stdout + done.stderr for secret in SECRETS)
    assert not out.exists()  # a failed build writes nothing, not even part of a site
    assert_no_secret(tmp_path)  # nor anything read from outside, anywhere (staging folders, caches)


@pytest.mark.parametrize("name", ["/etc/passwd", "//etc/passwd", "\\\\server\\share", "sources/../../x", "..", ""])
def test_a_name_that_is_not_inside_the_edition_is_refused_before_any_file_is_touched(name: str, tmp_path: Path) -> None:
    folder = EditionFolder(tmp_path)
    with pytest.raises(EditionError) as failure:
        folder.path(name)
    assert [d.code for d in failure.value.diagnostics] == ["outside-edition"]
    assert folder.path("sources//./a.txt") == tmp_path / "sources" / "a.txt"


@pytest.mark.parametrize("link", ["anchors", ".edition-cache"])
def test_a_folder_the_build_writes_linked_outside_is_refused_and_left_empty(link: str, tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    outside = tmp_path / "outside"
    outside.mkdir()
    (edition / link).symlink_to(outside)
    done = build(edition, tmp_path / "site")  # with the cache: it would be written on success
    assert done.returncode == 1
    assert f"{link}:1:1: error[outside-edition]: this folder links to a place outside the edition" in done.stderr
    assert list(outside.iterdir()) == []


def test_a_ledger_linked_to_a_file_outside_is_neither_read_nor_written(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    outside = tmp_path / "outside.json"
    outside.write_text('{"secret": "root:x:0:0"}', encoding="utf-8")
    (edition / "anchors").mkdir()
    (edition / "anchors" / "doc.json").symlink_to(outside)
    done = build(edition, tmp_path / "site")
    assert done.returncode == 1
    assert "anchors/doc.json:1:1: error[outside-edition]" in done.stderr
    assert outside.read_text(encoding="utf-8") == '{"secret": "root:x:0:0"}'
    assert "root:x" not in done.stderr


# -- templates --------------------------------------------------------------------------------------


def test_a_template_including_a_file_linked_outside_is_refused_where_it_is_named(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    (edition / "templates").mkdir()
    (edition / "templates" / "document.html").write_text('{% include "part.html" %}\n', encoding="utf-8")
    (edition / "templates" / "part.html").symlink_to("/etc/passwd")
    done = build(edition, tmp_path / "site")
    assert done.returncode == 1
    assert "templates/part.html:1:1: error[outside-edition]: this file links to a place outside the edition" \
        in done.stderr
    assert "root:" not in done.stderr


def test_a_template_still_customises_the_site_inside_the_sandbox(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    (edition / "templates" / "static").mkdir(parents=True)
    (edition / "templates" / "static" / "logo.txt").write_text("our own", encoding="utf-8")
    (edition / "templates" / "page.html").write_text(
        '{% extends "base.html" %}{% block main %}<p class="own">{{ edition.title|upper }}</p>'
        "{{ page.html }}{% endblock %}\n", encoding="utf-8")
    (edition / "pages").mkdir()
    (edition / "pages" / "about.md").write_text("# About\n\nWords.\n", encoding="utf-8")
    out = tmp_path / "site"
    done = build(edition, out)
    assert done.returncode == 0, done.stderr
    assert '<p class="own">T</p>' in (out / "pages" / "about.html").read_text(encoding="utf-8")
    assert (out / "static" / "logo.txt").read_text(encoding="utf-8") == "our own"


# -- the stylesheet: the static check ---------------------------------------------------------------


def stylesheet(folder: Path, body: str, name: str = "tei-to-html.xsl", attributes: str = "") -> None:
    """A stylesheet module in `folder`/xslt/ importing the bundled one; `body` on its third line."""
    (folder / "xslt" / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / "xslt" / name).write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
        f' xmlns:fn="http://www.w3.org/2005/xpath-functions" xmlns:my="urn:my" {attributes}>\n'
        f'<xsl:import href="edition:default"/>\n{body}\n</xsl:stylesheet>\n', encoding="utf-8")


def problems_of(tmp_path: Path, body: str, attributes: str = "") -> list[str]:
    stylesheet(tmp_path, body, attributes=attributes)
    return [f"{d.line}:{d.code}:{d.message}" for d in
            check_stylesheet(EditionFolder(tmp_path), "xslt/tei-to-html.xsl")]


def test_the_bundled_stylesheet_passes_the_check_it_imposes() -> None:
    assert check_stylesheet(EditionFolder(REPO), "xslt/tei-to-html.xsl") == []


@pytest.mark.parametrize("body", [
    "<xsl:variable name='v' select=\"unparsed-text-lines('/etc/passwd')\"/>",
    "<xsl:variable name='v' select=\"fn:doc('x.xml')\"/>",
    "<xsl:variable name='v' select=\"Q{http://www.w3.org/2005/xpath-functions}json-doc('x')\"/>",
    "<xsl:variable name='v' select=\"collection (: a comment :) ()\"/>",
    "<xsl:variable name='v' select=\"let $f := document#1 return $f('x')\"/>",
    "<xsl:variable name='v' select=\"'/etc/passwd' => unparsed-text()\"/>",
    "<xsl:variable name='v' select=\"environment-variable('HOME')\"/>",
    "<xsl:variable name='v' select=\"function-lookup(xs:QName('fn:doc'), 1)\"/>",
    "<xsl:variable name='v' select=\"transform(map{})\"/>",
    "<xsl:template match='/'><p title=\"{doc-available('x')}\"/></xsl:template>",
    "<xsl:template match='/' expand-text='yes'><p>{uri-collection('.')}</p></xsl:template>",
    "<xsl:variable name='v' use-when=\"doc-available('file:///etc/passwd')\" select='1'/>",
    "<xsl:template match='/'><xsl:result-document href='/tmp/x'>x</xsl:result-document></xsl:template>",
    "<xsl:template match='/'><xsl:evaluate xpath=\"'1'\"/></xsl:template>",
    "<xsl:template match='/'><xsl:source-document href='x.xml'>x</xsl:source-document></xsl:template>",
    "<xsl:variable name='v' _select='{$p}'/>",
    "<xsl:template match='/' xmlns:saxon='http://saxon.sf.net/'><xsl:value-of select='1'/></xsl:template>",
    "<xsl:include href='passwd' xml:base='file:///etc/'/>",
    "<xsl:import href='/etc/x.xsl'/>",
    "<xsl:import href='https://example.org/x.xsl'/>",
])
def test_what_reads_writes_or_evaluates_is_refused_at_its_line(tmp_path: Path, body: str) -> None:
    found = problems_of(tmp_path, body)
    assert found and all(problem.startswith("3:xslt-") for problem in found), found


@pytest.mark.parametrize("body", [
    "<xsl:variable name='doc' select='1'/><xsl:variable name='v' select='$doc + count(//doc) + count(@doc)'/>",
    "<xsl:function name='my:doc'><xsl:param name='x'/><xsl:sequence select='$x'/></xsl:function>"
    "<xsl:variable name='v' select='my:doc(1)'/>",
    "<xsl:template match='/'><p title='The document (as published)'>See the document (1990).</p></xsl:template>",
    "<xsl:template match='tei:p' xmlns:tei='http://www.tei-c.org/ns/1.0'><p>{.}</p></xsl:template>",
])
def test_ordinary_xpath_that_only_looks_like_it_passes(tmp_path: Path, body: str) -> None:
    assert problems_of(tmp_path, body) == []


def test_imports_are_followed_inside_the_xslt_folder_and_each_module_is_checked(tmp_path: Path) -> None:
    stylesheet(tmp_path, '<xsl:import href="parts/first.xsl"/>')
    stylesheet(tmp_path, '<xsl:include href="second.xsl"/>', name="parts/first.xsl")
    stylesheet(tmp_path, "<xsl:variable name='v' select=\"doc('x')\"/>", name="parts/second.xsl")
    found = check_stylesheet(EditionFolder(tmp_path), "xslt/tei-to-html.xsl")
    assert [(d.file.rsplit("/", 2)[-2:], d.line, d.message) for d in found] == [
        (["parts", "second.xsl"], 3, "doc() reads files or URLs")]


def test_a_module_linked_outside_is_refused_at_the_import(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    stylesheet(outside, "")
    edition = tmp_path / "edition"
    stylesheet(edition, '<xsl:import href="linked.xsl"/>')
    (edition / "xslt" / "linked.xsl").symlink_to(outside / "xslt" / "tei-to-html.xsl")
    found = check_stylesheet(EditionFolder(edition), "xslt/tei-to-html.xsl")
    assert [(d.line, d.code) for d in found] == [(3, "outside-edition")]


# -- the stylesheet: Saxon restricted, for a call that slipped past the check -----------------------


def unchecked_transformer(edition: Path, monkeypatch: pytest.MonkeyPatch) -> Transformer:
    monkeypatch.setattr(transform, "check_stylesheet", lambda folder, main: [])
    loaded, _ = load_edition(edition)
    return Transformer(loaded)


TEI = b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>'


def test_saxon_refuses_a_file_read_at_run_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition = small_edition(tmp_path / "edition")
    stylesheet(edition, "<xsl:template match='/'><pre><xsl:value-of select=\"unparsed-text('file:///etc/passwd')\"/>"
                        "</pre></xsl:template>")
    with pytest.raises(EditionError) as failure:
        unchecked_transformer(edition, monkeypatch).to_html(TEI, "doc")
    assert failure.value.diagnostics[0].code == "xslt-run"
    assert "prohibited" in failure.value.diagnostics[0].message and "root:" not in str(failure.value)


def test_saxon_refuses_a_url_without_a_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A server in another process: saxonche holds the GIL while it transforms.
    hits = tmp_path / "hits"
    server = subprocess.Popen([sys.executable, "-c", _SERVER, str(hits)], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        edition = small_edition(tmp_path / "edition")
        stylesheet(edition, "<xsl:template match='/'><p><xsl:value-of select="
                            f"\"doc-available('http://127.0.0.1:{port}/')\"/></p></xsl:template>")
        html = unchecked_transformer(edition, monkeypatch).to_html(TEI, "doc")
        assert ">false</p>" in html
    finally:
        server.kill()
        server.wait()
    assert not hits.exists()


_SERVER = """
import socket, sys
server = socket.create_server(("127.0.0.1", 0))
print(server.getsockname()[1], flush=True)
while True:
    connection, _ = server.accept()
    open(sys.argv[1], "a").write("request\\n")
    connection.sendall(b"HTTP/1.0 200 OK\\r\\nContent-Type: application/xml\\r\\n\\r\\n<x/>")
    connection.close()
"""


def test_saxon_keeps_result_documents_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition = small_edition(tmp_path / "edition")
    target = tmp_path / "written.txt"
    stylesheet(edition, f"<xsl:template match='/'><xsl:result-document href='{target.as_uri()}' method='text'>"
                        "x</xsl:result-document><p/></xsl:template>")
    unchecked_transformer(edition, monkeypatch).to_html(TEI, "doc")
    assert not target.exists()


# -- declared schemas -------------------------------------------------------------------------------


def schema_problems(folder: Path, name: str = "schema/s.rnc") -> list[tuple[str, int, str]]:
    return [(d.file.split(str(folder) + "/")[-1], d.line, d.code)
            for d in schema_reference_problems(EditionFolder(folder), name)]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_compact_includes_are_found_as_rnc2rng_reads_them(tmp_path: Path) -> None:
    write(tmp_path / "schema/s.rnc",
          '# include "/not/this.rnc"\ninclude "in" ~ "side.rnc"\nstart = element a { text }\n')
    write(tmp_path / "schema/inside.rnc", 'include "../../" ~ "outside.rnc"\n')
    assert schema_problems(tmp_path) == [("schema/inside.rnc", 1, "outside-edition")]


def test_an_include_before_a_lexing_error_is_still_checked(tmp_path: Path) -> None:
    write(tmp_path / "schema/s.rnc", 'include "/etc/passwd"\nstart = element a { text } \x01\n')
    assert schema_problems(tmp_path) == [("schema/s.rnc", 1, "outside-edition")]


def test_relax_ng_references_are_followed_through_the_resolver(tmp_path: Path) -> None:
    ns = 'xmlns="http://relaxng.org/ns/structure/1.0"'
    write(tmp_path / "schema/s.rng", f'<grammar {ns}>\n<include href="parts/a.rng"/>\n</grammar>')
    write(tmp_path / "schema/parts/a.rng", f'<grammar {ns}>\n<start>\n<externalRef href="b.rng"/></start>\n</grammar>')
    (tmp_path / "schema/parts/b.rng").symlink_to("/etc/passwd")
    write(tmp_path / "schema/c.rng", f'<grammar {ns}>\n\n<include href="x.rng" xml:base="file:///etc/"/></grammar>')
    assert schema_problems(tmp_path, "schema/s.rng") == [("schema/parts/a.rng", 3, "outside-edition")]
    assert schema_problems(tmp_path, "schema/c.rng") == [("schema/c.rng", 3, "schema-xml-base")]


def test_a_schema_including_its_parts_inside_the_edition_validates(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    (edition / "sources" / "doc.txt").unlink()
    write(edition / "schema/tei.rnc", 'default namespace = "http://www.tei-c.org/ns/1.0"\ninclude "parts.rnc"\n')
    write(edition / "schema/parts.rnc", "start = element TEI { any }\nany = (text | element * { attribute * { text }*,"
                                        " any })*\n")
    write(edition / "sources/doc.xml", '<?xml-model href="../schema/tei.rnc"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
          "<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt>"
          "<sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader><text><body><p>Hello.</p></body></text></TEI>\n")
    done = build(edition, tmp_path / "site")
    assert done.returncode == 0, done.stderr


# -- the cache --------------------------------------------------------------------------------------


def test_an_edited_cache_entry_is_rebuilt_never_published(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    assert build(edition, tmp_path / "site").returncode == 0
    entries = sorted((edition / ".edition-cache").glob("*.html"))
    assert entries
    for entry in entries:  # the signature line kept, the HTML after it replaced
        signature = entry.read_bytes().split(b"\n", 1)[0]
        entry.write_bytes(signature + b"\n<script>alert(1)</script>")
    assert build(edition, tmp_path / "site").returncode == 0
    assert all("alert(1)" not in path.read_text(encoding="utf-8", errors="replace")
               for path in regular_files(tmp_path / "site"))
