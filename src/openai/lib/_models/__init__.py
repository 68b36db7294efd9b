"""Handwritten mixins of generated response models (helper properties, no fields)."""
