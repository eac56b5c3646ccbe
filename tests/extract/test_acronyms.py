"""An agency named by an acronym no table knows: the article defines it in brackets after the
body's name, or an apposition says whose body it is. Sentences of our own, the real pipeline
end to end."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("nlp")


def sources(evs):
    return {(e.source.label, e.source.country) for e in evs}


def test_an_acronym_defined_in_brackets_is_the_body_it_names(extract_text):
    text = ("The Norwegian Police Security Service (PST) said it had arrested a Russian citizen. "
            "The PST accused Russia of running a network of informers.")
    later = [e for e in extract_text(text) if e.sentence.startswith("The PST")]
    assert later and sources(later) == {("Norwegian Police Security Service", "NOR")}


def test_a_bracketed_agency_after_a_dateline_is_not_the_place(extract_text):
    text = "OSLO (NTB) - Norwegian police arrested two Swedish smugglers. NTB accused Sweden of hiding the facts."
    later = [e for e in extract_text(text) if e.sentence.startswith("NTB")]
    assert later and sources(later) == {("NTB", None)}


@pytest.mark.parametrize("text", [
    "The PST, Norway's security service, arrested a Russian citizen.",
    "The PST, the Norwegian security service, arrested a Russian citizen.",
])
def test_an_acronym_an_apposition_gives_a_state_is_that_state_s_body(extract_text, text):
    assert sources(extract_text(text)) == {("PST", "NOR")}


def test_an_acronym_without_definition_has_no_state(extract_text):
    assert sources(extract_text("The PST arrested a Russian citizen.")) == {("PST", None)}
