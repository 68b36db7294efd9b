"""Handwritten helper mixins of the generated resource classes (named in the generator config)."""
