"""MkDocs hooks: forward build events to the casebook package. No logic lives here.

MkDocs imports this file by path and does not reload it under `mkdocs serve`: restart
serve after editing it (edits to the casebook package need a restart too).
"""

from mkdocs.plugins import event_priority

from casebook import theme_markup
from casebook.site import CasebookSite

site = CasebookSite()


def on_startup(command, dirty):
    site.command = command


def on_config(config):
    site.configure(config)  # validates every case study before site/ is touched
    return config


@event_priority(100)  # before plugins, so link checks and search see generated pages
def on_files(files, config):
    return site.add_files(files, config)


def on_nav(nav, config, files):
    site.translate_nav(nav)  # mkdocs.yml's nav titles in the edition's language
    return nav


def on_page_markdown(markdown, page, config, files):
    return site.page_markdown(markdown, page)


@event_priority(100)
def on_page_content(html, page, config, files):
    return site.page_content(html, page)


def on_env(env, config, files):
    site.theme_env(env)
    return env


@event_priority(-1000)  # the final HTML, after every plugin (`mkdocs serve` reuses it)
def on_post_page(output, page, config):
    output = theme_markup.mend(output)  # Material's markup on pages out of its nav
    output = site.with_direction(output)  # <html dir>: Material sets it on <body> only
    site.page_output(output, page)
    return output


def on_post_template(output_content, template_name, config):
    return site.with_direction(output_content)  # 404.html


@event_priority(-1000)  # after the offline plugin has written its search index script
def on_post_build(config):
    site.finish(config)


def on_build_error(error):
    site.abandon_current()
