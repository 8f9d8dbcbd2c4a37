"""Every label termbook writes into pages and scripts, in the site's language.

:data:`MESSAGES` holds each label's English text by a stable id; the translations are gettext
catalogues (``locales/<language>/LC_MESSAGES/termbook.po``, each label's id as its context),
read with Babel and compiled when first used, so nothing is fetched and no build step is
needed. The labels are in the site's language (:attr:`termbook.pipeline.Project.language`:
``language`` in termbook.yml, else ``theme.language``), and a site can reword any label in
``termbook.yml`` (``labels:``, by id), with the same placeholders as the English text.

Placeholders are names in braces (``{count}``), filled by :func:`termbook.taxonomy.fill`, as
every text of termbook.yml is: a label can hold no format specification or attribute access.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
from collections.abc import Iterable
from importlib import resources

from .taxonomy import fill

#: Each label's English text, by id. A pair is a label that depends on a count: its singular
#: and its plural, chosen by ``count`` (and by the language's own plural rules in a catalogue).
MESSAGES: dict[str, str | tuple[str, str]] = {
    # Term pages
    "also_known_as": "Also known as: {names}.",
    "list_separator": ", ",
    "abbreviation_note": "{name} (abbreviation)",
    "contested_title": "Contested term",
    "contested_note": "People use this term in different ways; the definition below says where "
                      "they disagree.",
    "draft_title": "Draft",
    "draft_note": "This entry has not been reviewed yet.",
    "related_terms": "Related terms",
    "relation_row": "**{relation}:** {links}",
    "broader": "Broader",
    "narrower": "Narrower",
    "related": "Related",
    "in_the_articles": "In the articles",
    "sources": "Sources",
    "mentioned_in": "Mentioned in",
    "permanent_link": "Permanent link",
    "meta_categories": ("Category: {categories}", "Categories: {categories}"),
    "meta_status": "Status: {status}",
    "meta_reviewed": "Reviewed: {date}",
    "meta_separator": " · ",
    "status_stable": "stable",
    "status_contested": "contested",
    "status_draft": "draft",
    # The A–Z index
    "nav_glossary": "Glossary",
    "az_title": "Glossary A–Z",
    "az_description": ("The {count} term of the glossary, A to Z.",
                       "All {count} terms of the glossary, A to Z."),
    "az_count": ("{count} term.", "{count} terms."),
    "az_see_categories": "See them [by category]({page}).",
    "az_see_alias": "{name}: see {link}",
    "az_other": "#",
    "az_filter_legend": "Show the terms of",
    "az_filter_all": "All categories",
    "az_filter_status": "{shown} of {total} terms shown.",
    # The category index
    "categories_title": "Glossary by category",
    "categories_description": "The glossary's terms, grouped by topic.",
    "categories_see_az": "See all terms [A to Z]({page}).",
    # Articles
    "sources_description": "The articles this site summarises, with their key claims.",
    "sources_intro": "Each page gives the article's citation, a summary and its key claims, "
                     "each attributed to the article.",
    "key_claims_count": ("{count} key claim.", "{count} key claims."),
    "article_description": "Summary and key claims of “{title}” ({publisher}, {date}).",
    "summary": "Summary",
    "summary_note": "*Our summary, in our own words.*",
    "key_claims": "Key claims",
    "key_claims_intro": "Each claim is the article's, not ours. Where other sources disagree, "
                        "the note under the claim says so.",
    "claim_number": "Claim {number}",
    # Dated events
    "history": "History",
    "events_date": "Date",
    "events_what": "What happened",
    "events_none": "No events.",
    "quote_attribution": "(the article)",
    "claim_terms": "Terms: {links}",
    "claim_context": "**Context:** {note}",
    # The scorecard page and a rated entry's table
    "scorecard_component": "Component",
    "scorecard_rating": "Rating",
    "scorecard_why": "Why",
    "scorecard_evidence": "Evidence",
    "scorecard_source": "source",
    "scorecard_no_evidence": "none",
    "scorecard_legend": "Legend",
    "scorecard_as_of": "Ratings as of {date}.",
    "scorecard_how_to": "Sort by any column, filter by rating or type, and tick two to four rows to "
                        "compare them side by side; the page's address keeps the view, so it can "
                        "be shared.",
    "scorecard_how_to_no_types": "Sort by any column, filter by rating, and tick two to four rows "
                                 "to compare them side by side; the page's address keeps the view, "
                                 "so it can be shared.",
    "scorecard_types_intro": "The type of each entry follows from its ratings:",
    "scorecard_downloads": "Download the ratings: [CSV]({csv}) · [JSON]({json}) (ratings as of "
                           "{date}; each file states its date and licence).",
    "scorecard_downloads_undated": "Download the ratings: [CSV]({csv}) · [JSON]({json}) (each file "
                                   "states its licence).",
    "scorecard_caption": "{count} rated, component by component, A–Z",
    "scorecard_summary_count": "{count} of {total}",
    # The scorecard page's controls (assets/termbook/scorecard.js)
    "scorecard_ui_controls": "Sort, filter and compare",
    "scorecard_ui_sort": "Sort",
    "scorecard_ui_sort_by": "Sort by",
    "scorecard_ui_order": "Order",
    "scorecard_ui_ascending": "Ascending",
    "scorecard_ui_descending": "Descending",
    "scorecard_ui_filter": "Filter",
    "scorecard_ui_type": "Type",
    "scorecard_ui_all_types": "All types",
    "scorecard_ui_any_rating": "Any rating",
    "scorecard_ui_show_all": "Show all",
    "scorecard_ui_pick": "Compare {name}",
    "scorecard_ui_compare": "Compare {count} of {max}",
    "scorecard_ui_showing": "Showing {shown} of {total}.",
    "scorecard_ui_caption": "{total} rated, component by component; showing {shown}, sorted by "
                            "{column} ({order})",
    "scorecard_ui_side_by_side": "Side by side: {names}",
    "scorecard_ui_back": "Back to the table",
    "scorecard_ui_summary_count": "{summary}: {count} of {total}",
    # Charts (termbook.charts): the table of each chart's numbers
    "chart_numbers": "The numbers",
    "chart_date": "Date",
    "chart_year": "Year",
    "chart_release": "Release",
    "chart_method": "Method",
    "chart_value": "Value",
    "chart_range": "Range",
    "chart_total": "Total",
    "chart_approximate": "about {value}",
}

#: The labels the scorecard page's script writes, by the name of the attribute of the table's
#: box that carries each (``data-label-<name>``).
SCORECARD_SCRIPT_LABELS = {
    **{key.removeprefix("scorecard_ui_").replace("_", "-"): key
       for key in MESSAGES if key.startswith("scorecard_ui_")},
    "component": "scorecard_component", "evidence": "scorecard_evidence"}

#: The languages with a catalogue (``locales/``); any other gets English labels.
DOMAIN = "termbook"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def english(message_id: str) -> str:
    """The English text of a label (its plural form for a label that depends on a count)."""
    text = MESSAGES[message_id]
    return text if isinstance(text, str) else text[1]


def languages() -> list[str]:
    """The languages termbook has a catalogue for."""
    folder = resources.files(__package__).joinpath("locales")
    return sorted(entry.name for entry in folder.iterdir() if entry.is_dir())


@functools.cache
def _catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` ("de", "pt-BR"), or of its base language, or
    none (English)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    tag = language.replace("-", "_")
    base = tag.split("_")[0]
    # The base language's catalogue serves a regional variant in the same script ("de-CH"),
    # not one in another ("zh-TW" is written in traditional characters, "zh" in simplified).
    candidates = [tag] + ([base] if _script(tag) == _script(base) else [])
    for candidate in dict.fromkeys(candidates):
        po = resources.files(__package__) / "locales" / candidate / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            with po.open("rb") as source:
                catalogue = read_po(source, locale=candidate)
            compiled = io.BytesIO()
            write_mo(compiled, catalogue)
            compiled.seek(0)
            return gettext.GNUTranslations(compiled)
    return gettext.NullTranslations()


@functools.cache  # a timeline writes the same few hundred dates on many pages
def _date(language: str, value: str) -> str:
    import datetime

    from babel import Locale, UnknownLocaleError
    from babel.dates import format_skeleton

    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return value
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse("en")
    day = datetime.date(*(parts + [1] * (3 - len(parts))))
    return format_skeleton("yMMMd" if len(parts) == 3 else "yMMM", day, locale=locale)


def _script(tag: str) -> str | None:
    """The script a language tag is written in, as CLDR's likely subtags give it ("zh_TW":
    Hant, "zh": Hans); None for a tag Babel does not know."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    try:
        locale = Locale.parse(tag)
        likely = get_global("likely_subtags").get(locale.language, locale.language)
        return locale.script or Locale.parse(likely).script
    except (ValueError, UnknownLocaleError):
        return None


class Messages:
    """The labels of one site: its language's catalogue, with the site's own wording on top."""

    def __init__(self, language: str = "en", overrides: Iterable[tuple[str, str]] = ()):
        self.language = language
        self._catalogue = _catalogue(language)
        self._overrides = dict(overrides)

    def __call__(self, message_id: str, count: int | None = None, **values: str | int) -> str:
        """The label ``message_id`` with its placeholders filled; ``count`` chooses the form
        of a label that depends on a count, and fills ``{count}``."""
        if count is not None:
            values["count"] = count
        return fill(self.text(message_id, count), **values)

    def text(self, message_id: str, count: int | None = None) -> str:
        """The label's text, placeholders unfilled."""
        if message_id in self._overrides:
            return self._overrides[message_id]
        english_text = MESSAGES[message_id]
        if isinstance(english_text, str):
            return self._catalogue.pgettext(message_id, english_text)
        singular, plural = english_text
        return self._catalogue.npgettext(message_id, singular, plural, 1 if count is None else count)

    def date(self, value: str) -> str:
        """A date of any precision (``2025``, ``2025-12``, ``2025-12-01``) as the site's
        language writes it, no more precise than it is ("Dec 2025", never an invented day)."""
        return _date(self.language, value)

    def join(self, items: Iterable[str]) -> str:
        """Items listed in running text (", " in English, "、" in Japanese)."""
        return self("list_separator").join(items)
