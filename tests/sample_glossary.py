"""A small glossary built in memory, for the tests of the matcher and the linker."""

from __future__ import annotations

from termbook.model import Category, Glossary, Source, Term


def make_term(term_id: str, name: str, *, aliases: tuple[str, ...] = (),
              abbreviation: str | None = None, category: str = "fundamentals") -> Term:
    return Term(id=term_id, term=name, short=f"What {name} means.", definition="A test term.",
                category=category, sources=(Source("Source", "Publisher", "2025"),),
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
    categories=(Category("fundamentals", "Fundamentals", ""),),
)
