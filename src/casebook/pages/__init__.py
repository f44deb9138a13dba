"""Generated pages contributed by modules, found automatically.

A module here defines `pages(renderer) -> list[casebook.site.GeneratedPage]`.
"""
