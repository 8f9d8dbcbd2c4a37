"""The tooltips' data file (termbook.tooltips)."""

from __future__ import annotations

import json

from termbook.tooltips import tooltip_data

from .sample_glossary import GLOSSARY


def test_tooltip_data_is_one_script_with_every_short_definition():
    script = tooltip_data(GLOSSARY)
    prefix, _, rest = script.partition(" = ")
    assert prefix == "window.termbookShorts"
    assert json.loads(rest.rstrip().rstrip(";")) == {i: t.short for i, t in GLOSSARY.terms.items()}
    assert script == tooltip_data(GLOSSARY)
