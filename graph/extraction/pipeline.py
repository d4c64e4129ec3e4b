"""The spaCy pipeline of the rule-based extractor: blank English, sentences, lookup lemmas, gazetteer matcher.

No statistical model is used, so nothing is downloaded at run time and the output is deterministic for a given
text and extractor version. Components:

1. ``sentencizer`` — punctuation-based sentence boundaries (paragraph breaks also end a sentence);
2. ``lemmatizer`` in ``lookup`` mode — tables from ``spacy-lookups-data`` (the pipe is disabled: ``dkg_norm``
   looks the lemmas up itself, in the same pass over the tokens);
3. ``dkg_norm`` — sets ``token.norm_`` to the lower-cased lemma, the attribute trigger patterns match on;
4. a ``PhraseMatcher`` over the gazetteer's names, aliases, demonyms and capitals (built in
   :mod:`dkg.extraction.entities`, applied by the linker, not as a pipe, so one pipeline serves any lexicon).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Lemma fixes where the lookup table is wrong for news text ("matter" -> "matt", "as" -> "a", ...).
LEMMA_FIXES: dict[str, str] = {
    "matter": "matter", "as": "as", "more": "more", "lives": "life", "fifth": "fifth", "bombing": "bombing",
    "shelling": "shelling", "strikes": "strike", "casualties": "casualty", "killed": "kill", "dead": "dead",
    "talks": "talks", "forces": "force", "favoured": "favour", "favored": "favor", "left": "leave",
    "united": "united", "taken": "take", "overran": "overrun", "fighters": "fighter", "retook": "retake",
    "withdrew": "withdraw", "withdrawn": "withdraw", "struck": "strike", "met": "meet", "fell": "fall",
    "airstrikes": "airstrike", "bombed": "bomb", "shelled": "shell", "raids": "raid", "sides": "side",
    "pounded": "pound", "pushed": "push", "drafted": "draft", "sponsored": "sponsor",
}  # fmt: skip


class TokenView:
    """Plain Python lists of token attributes, built in the one pass over the tokens that sets their norms and
    shared by the extractor's matchers and slot fillers (spaCy creates a Token object on every access)."""

    def __init__(self, low: list[str], norm: list[str], orth: list[str], like_num: list[bool],
                 is_alpha: list[bool]) -> None:  # fmt: skip
        self.low, self.norm, self.orth, self.like_num, self.is_alpha = low, norm, orth, like_num, is_alpha


@Language.component("dkg_norm")
def dkg_norm(doc: Doc) -> Doc:
    """Set ``norm_`` to the lower-cased lookup lemma (with :data:`LEMMA_FIXES` applied) and keep the document's
    :class:`TokenView`. The lookup is spaCy's ``lemmatizer`` in lookup mode (the lemma of a text is its table
    entry, else the text itself), done here in the same pass; the lemmatizer pipe only holds the table."""
    table = lemma_table()
    low, norm, orth, like_num, is_alpha = [], [], [], [], []
    for tok in doc:
        text = tok.text
        lower = tok.lower_
        value = LEMMA_FIXES.get(text.lower()) or (table.get(text, text) or text).lower()
        tok.norm_ = value
        low.append(lower)
        norm.append(value)
        orth.append(text)
        like_num.append(tok.like_num)
        is_alpha.append(tok.is_alpha)
    doc.user_data["dkg_tokens"] = TokenView(low, norm, orth, like_num, is_alpha)
    return doc


@Language.component("dkg_paragraphs")
def dkg_paragraphs(doc: Doc) -> Doc:
    """End a sentence at every line break (titles and paragraphs are never joined to the next line)."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text:
            doc[i + 1].is_sent_start = True
    return doc


def doc_text(doc: Doc) -> str:
    """The document's text, computed once (``Doc.text`` joins all tokens on every access)."""
    text = doc.user_data.get("dkg_text")
    if text is None:
        text = doc.text
        doc.user_data["dkg_text"] = text
    return text


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared, initialised pipeline (built once per process)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("dkg_paragraphs")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("dkg_norm")
    nlp.initialize()
    nlp.disable_pipe("lemmatizer")  # its table is read by dkg_norm
    return nlp


@lru_cache(maxsize=1)
def lemma_table() -> Any:
    """The lookup lemma table of ``spacy-lookups-data`` (English)."""
    return get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
