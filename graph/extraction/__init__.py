"""Rule-based extraction of facts from news articles (spaCy blank English + the shipped gazetteer).

Public entry points: :func:`dkg.extraction.extract` (text -> fact sheet dict), :func:`match_sheet` (point a
sheet's facts at events already in the knowledge graph) and :func:`disagreements` (values sources disagree on).
"""

from dkg.extraction.extractor import (
    EXTRACTOR,
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    PUBLISHED_RANGE,
    PublishedOutOfRange,
    checked_published,
    extract,
)
from dkg.extraction.matching import disagreements, match_sheet

__all__ = ["EXTRACTOR", "EXTRACTOR_NAME", "EXTRACTOR_VERSION", "PUBLISHED_RANGE", "PublishedOutOfRange",
           "checked_published", "disagreements", "extract", "match_sheet"]
