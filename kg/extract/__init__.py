"""Extraction: entities and relations from one article (spaCy components + rules)."""
