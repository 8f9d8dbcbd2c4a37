"""A small glossary built in memory, for the tests of the matcher and the linker."""

from __future__ import annotations

from pathlib import Path

from termbook.model import Category, Glossary, Source, Term
from termbook.read import read_taxonomy
from termbook.taxonomy import Taxonomy

ROOT = Path(__file__).resolve().parent.parent
#: This site's taxonomy, as its termbook.yml declares it.
SITE_TAXONOMY = read_taxonomy(ROOT / "termbook.yml", ROOT)[0]
#: The ids of its scorecard's components, in order.
COMPONENTS = [c.id for c in SITE_TAXONOMY.scorecard.components]


def make_term(term_id: str, name: str, *, aliases: tuple[str, ...] = (),
              abbreviation: str | None = None, category: str = "fundamentals") -> Term:
    return Term(id=term_id, term=name, short=f"What {name} means.", definition="A test term.",
                categories=(category,) if category else (), sources=(Source("Source", "Publisher", "2025"),),
                reviewed="2026-01-01", path=f"glossary/{term_id}.yaml", aliases=aliases,
                abbreviation=abbreviation)


GLOSSARY = Glossary(
    terms={t.id: t for t in [
        make_term("open-source", "Open source", category="openness"),
        make_term("open-source-ai", "Open source AI", category="openness"),
        make_term("mixture-of-experts", "Mixture-of-Experts", abbreviation="MoE",
                  aliases=("mixture of experts",), category="architecture"),
        make_term("weights", "Weights", aliases=("model weights",)),
        make_term("token", "Token"),
        make_term("transformer", "Transformer", category="architecture"),
        make_term("acceptable-use-policy", "Acceptable use policy", category="safety-and-policy"),
        make_term("large-language-model", "Large language model", abbreviation="LLM"),
        make_term("llama", "Llama", category="models"),
        make_term("meta", "Meta", aliases=("Meta Platforms, Inc.",), category="organisations"),
        make_term("open-source-ai-definition", "Open Source AI Definition", category="openness"),
    ]},
    articles={},
    taxonomy=Taxonomy(categories=(Category("fundamentals", "Fundamentals", ""),
                                  Category("models", "Models", proper_nouns=True),
                                  Category("organisations", "Organisations", proper_nouns=True))),
)
