"""Citation links (casebook.citations): which [n] become links, and the first-citation ids the
sources list links back to."""

from __future__ import annotations

from bs4 import BeautifulSoup
from markupsafe import Markup

from casebook.citations import Citations
from casebook.safe_markdown import SafeMarkdown


def links(html: str) -> list[tuple[str, str, str | None]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(), a["href"], a.get("id")) for a in soup.select("a.cb-citation")]


def test_markers_link_to_their_source_and_the_first_gets_an_id():
    citations = Citations(3)
    html = citations.in_html(SafeMarkdown().convert("One [1], two [2][1] and three [3]."))
    assert links(html) == [
        ("[1]", "#source-1", "cite-1"),
        ("[2]", "#source-2", "cite-2"),
        ("[1]", "#source-1", None),
        ("[3]", "#source-3", "cite-3"),
    ]
    assert [citations.first(n) for n in (1, 2, 3)] == ["cite-1", "cite-2", "cite-3"]


def test_markers_in_code_links_and_out_of_range_stay_text():
    citations = Citations(1)
    markdown = "Code `[1]`, a [link [1]](https://example.org) and a missing source [4]."
    html = citations.in_html(SafeMarkdown().convert(markdown))
    assert links(html) == []
    assert "[4]" in BeautifulSoup(html, "html.parser").get_text()
    assert citations.first(1) is None


def test_plain_text_is_escaped_before_markers_are_linked():
    html = Citations(1).in_text("<script>alert(1)</script> [1]")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and "<script>" in soup.get_text()
    assert links(html) == [("[1]", "#source-1", "cite-1")]


def test_a_link_made_for_a_quote_counts_as_the_first_citation():
    citations = Citations(2)
    quote = citations.link(2, "2")
    assert isinstance(quote, Markup) and links(quote) == [("2", "#source-2", "cite-2")]
    assert links(citations.in_text("Later [2].")) == [("[2]", "#source-2", None)]
