"""`edition check` finds what would break for a reader: a missing page, a missing anchor,
a path out of the site, a root-relative link, a resource loaded from another server."""

from __future__ import annotations

from pathlib import Path

from edition.site.linkcheck import check_site


def test_check_reports_each_kind_of_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html><head><script src="https://cdn.example/x.js"></script></head><body>\n'
        '<a href="a/page.html#here">ok</a>\n'
        '<a href="a/page.html#gone">missing anchor</a>\n'
        '<a href="nowhere.html">missing page</a>\n'
        '<a href="../outside.html">outside</a>\n'
        '<a href="/a/page.html">root-relative</a>\n'
        '<a href="https://example.org/">elsewhere, fine</a>\n'
        '</body></html>', encoding="utf-8")
    (tmp_path / "a" / "page.html").write_text('<!DOCTYPE html><p id="here">x</p>', encoding="utf-8")
    problems, checked = check_site(tmp_path)
    found = sorted((p.line, p.code, p.message.split(":")[0]) for p in problems)
    assert found == [
        (1, "external-resource", "<script> loads https"),
        (3, "broken-link", "a/page.html#gone"),
        (4, "broken-link", "nowhere.html"),
        (5, "broken-link", "../outside.html"),
        (6, "broken-link", "/a/page.html"),
    ]
    assert checked == 7
