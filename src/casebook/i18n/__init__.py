"""Editions and interface strings: which languages Casebook publishes in, and the text
Casebook itself writes in each (one catalogue per language in strings/<code>.yml)."""
