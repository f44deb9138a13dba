"""The four editions of one site: English at the root, French, Spanish and Arabic under
fr/, es/ and ar/ (docs/decisions/0003-editions.md says why separate builds).

- `config`: which edition a MkDocs configuration builds, and which editions a full build has;
- `builds`: the other editions built beside the English one, published together;
- `guide`: guide pages read from content-translations/<code>/, or English under a notice;
- `links`: the language switcher and hreflang links (the same page in every edition),
  `dir` on <html>, and navigation titles in the edition's language.
"""
