"""What termbook adds to converted pages, the same way for every front end
(termbook.additions): the "Mentioned in" section and the head data."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from termbook.additions import (
    add_mentioned_in,
    add_to_head,
    mentioned_in_section,
    mentioned_in_toc,
    permalink_text,
)
from termbook.messages import Messages


def test_mentioned_in_section_is_sorted_escaped_and_before_the_sources():
    content = '<p>Definition.</p>\n<div class="tb-sources">\n<h2 id="sources">Sources</h2></div>'
    section = mentioned_in_section([("Zebra & co", "../../z/"), ("alpha", "../a/"),
                                    ("Beta", "../b/"), ("alpha", "../a/")], Messages())
    result = add_mentioned_in(content, section)
    before = result.split('<div class="tb-sources">')[0]
    tree = HTMLParser(before)
    assert [a.text() for a in tree.css(".tb-mentions li a")] == ["alpha", "Beta", "Zebra & co"]
    assert "Zebra &amp; co" in before and tree.css_first("h2").attributes["id"] == "mentioned-in"


def test_a_page_without_sources_gets_the_section_last():
    assert add_mentioned_in("<p>x</p>", "<div>section</div>") == "<p>x</p><div>section</div>"


def test_the_permalink_follows_the_toc_options():
    assert permalink_text({"permalink": True}) == "&para;"
    assert permalink_text({"permalink": "#"}) == "#"
    assert permalink_text({}) is None
    section = mentioned_in_section([("A", "a/")], Messages(), permalink="#")
    assert '<a class="headerlink" href="#mentioned-in" title="Permanent link">#</a>' in section


def test_the_section_and_its_toc_entry_speak_the_sites_language_and_wording():
    german = Messages("de")
    tree = HTMLParser(mentioned_in_section([("A", "a/")], german, permalink="#"))
    assert tree.css_first("h2").text() == "Erwähnt in#"
    assert tree.css_first("h2 a").attributes["title"] == german("permanent_link") != "Permanent link"
    assert mentioned_in_toc(german) == ("Erwähnt in", "mentioned-in", 2)
    reworded = Messages("en", [("mentioned_in", "Used <here> & there")])
    assert "<h2 id=\"mentioned-in\">Used &lt;here&gt; &amp; there</h2>" in mentioned_in_section(
        [("A", "a/")], reworded)


def test_head_data_goes_at_the_end_of_the_head_once():
    page = "<html><head><title>x</title></head><body></head></body></html>"
    assert add_to_head(page, "<script>1</script>") == (
        "<html><head><title>x</title><script>1</script></head><body></head></body></html>")
