"""Text utilities shared by every stage: Arabic normalisation, dates."""

from kg.text.arabic import normalize, normalize_with_map

__all__ = ["normalize", "normalize_with_map"]
