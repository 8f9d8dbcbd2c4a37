"""Addresses (termbook.urls): one parser for every address field and Markdown link, and one
writer for each output."""

from __future__ import annotations

import re
from urllib.parse import unquote

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from termbook.urls import Url, markdown_destination, problem


@pytest.mark.parametrize("address", [
    "https://example.org/", "http://example.org/a/b?c=d&e=f#g", "https://example.org:8443/x",
    "https://de.wikipedia.org/wiki/Gewichtung_(Statistik)", "https://example.org/%3Cscript%3E",
    "https://a.invalid/[Read](javascript:alert(1))", "https://[2001:db8::1]/",
    "https://example.org/Über",
])
def test_an_http_address_that_reads_back_as_written_is_accepted(address: str):
    assert problem(address) is None
    assert Url(address) == address


@pytest.mark.parametrize("address, what", [
    ("https://a.invalid/>)<svg/onload=alert(1)>", "holds greater-than sign ('>') at character 19"),
    ('https://a.invalid/" onmouseover="x', "holds quotation mark"),
    ("https://a.invalid/it's", "holds apostrophe"),
    ("https://a.invalid/a b", "holds space"),
    ("https://a.invalid/\\x", "holds reverse solidus"),
    ("https://a.invalid/a\tb", "holds U+0009 ('\\t')"),
    ("https://a.invalid/\u202egnp.exe", "holds right-to-left override"),
    ("https://a.invalid/`x`", "holds grave accent"),
    ("javascript:alert(1)", "is not an http(s) address"),
    ("java&#115;cript:alert(1)", "is not an http(s) address"),
    ("data:text/html,x", "is not an http(s) address"),
    ("//example.org/x", "is not an http(s) address"),
    ("https:///path", "has no host name"),
    ("https://example.org:port/", "is not a valid address"),
    ("https://[::1/", "is not a valid address"),
    ("HTTPS://example.org/", "does not read back as written"),
    ("https://example.org/?", "does not read back as written"),
])
def test_an_address_is_refused_with_what_is_wrong_and_how_to_fix_it(address: str, what: str):
    found = problem(address)
    assert found is not None and found[0].startswith(what), found
    with pytest.raises(ValueError, match=re.escape(f"{address!r} {what}")):
        Url(address)


def test_a_refused_character_is_named_with_its_percent_encoding():
    assert problem("https://a.invalid/>") == (
        "holds greater-than sign ('>') at character 19", "percent-encode it as %3E, or remove it")


@pytest.mark.parametrize("address", [
    "https://a.invalid/[Read](javascript:alert(1))", "https://example.org/a_b*c*[[weights]]",
    "https://example.org/?q=a&b=<c>".replace("<c>", "%3Cc%3E"), "https://example.org/(x)#(y)",
])
def test_each_writer_keeps_the_address_and_nothing_else(address: str):
    """In Markdown and in an attribute of HTML that Markdown reads, the link goes exactly where
    the address says, and no character of it becomes markup."""
    url = Url(address)
    page = markdown.markdown(f"[text]({url.markdown()}) and <span markdown>"
                             f'<a href="{url.attribute()}">attr</a></span>',
                             extensions=["attr_list", "md_in_html"])
    links = HTMLParser(page).css("a")
    assert [a.text() for a in links] == ["text", "attr"], page
    assert {unquote(a.attributes["href"]) for a in links} == {unquote(address)}


def test_a_relative_address_is_written_as_a_link_destination_too():
    assert markdown_destination("../my page (draft).md") == "<../my%20page%20(draft).md>"
