"""Translations of case studies (case_studies/translations/<lang>/<id>.yml) and of guide
pages (content-translations/<lang>/<path>.md): which fields may be translated, which
version of the original a translation follows, and whether it is still up to date."""
