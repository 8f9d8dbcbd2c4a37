"""The "Mentioned in" section of term pages (termbook.backlinks)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from termbook.backlinks import add_mentioned_in


def test_mentioned_in_section_is_sorted_escaped_and_before_the_sources():
    content = '<p>Definition.</p>\n<div class="tb-sources">\n<h2 id="sources">Sources</h2></div>'
    result = add_mentioned_in(content, [("Zebra &amp; co", "../../z/"), ("alpha", "../a/"),
                                        ("Beta", "../b/"), ("alpha", "../a/")])
    section = result.split('<div class="tb-sources">')[0]
    tree = HTMLParser(section)
    assert [a.text() for a in tree.css(".tb-mentions li a")] == ["alpha", "Beta", "Zebra & co"]
    assert "Zebra &amp; co" in section and tree.css_first("h2").attributes["id"] == "mentioned-in"
