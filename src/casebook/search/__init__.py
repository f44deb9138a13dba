"""Full-text search: the index built at build time (Python) and the rules it shares with
the browser runtime (content/assets/javascripts/casebook-search.js).

normalise: words -> index terms (fold, spelling, stem), the same on both sides;
documents: what a case study says, as plain text by field and tier;
index: the compact inverted index and its classic-script form (format in index.py);
files: every file the site gets for search.
"""
