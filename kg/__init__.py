"""Marsad: Arabic security and military news into a knowledge graph."""

__version__ = "0.1.0"
__all__ = ["__version__"]
