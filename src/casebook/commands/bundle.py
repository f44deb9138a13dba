"""`casebook bundle`: the built site as a dated zip for reading offline (unzip, open index.html).

The zip is reproducible: entries sorted, one fixed timestamp (the bundle's date), fixed
permissions, everything under one top folder named like the zip.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from mkdocs.config import load_config

from casebook.clock import build_date
from casebook.commands import Subparsers
from casebook.i18n.catalogue import strings
from casebook.i18n.languages import LANGUAGES, ORIGINAL
from casebook.publish import Publisher, PublishError, atomic_output

README = """\
Casebook, for reading offline ({date})

1. Unzip this file (on Windows: right-click, "Extract All").
2. Open the folder {folder}.
3. Open index.html in your web browser.
{editions}

Everything works without a connection: search, the case study filters, the map and the
open-data downloads (casebook.csv, casebook.json). Content: CC BY 4.0, Casebook contributors.
"""


def add_command(subparsers: Subparsers) -> None:
    command = subparsers.add_parser(
        "bundle",
        help="zip the built site for offline reading",
        description="Build the site and write dist/casebook-offline-YYYY-MM-DD.zip (the date "
        "comes from SOURCE_DATE_EPOCH when it is set). Readers unzip it and open "
        "index.html; nothing loads from the network.",
    )
    command.add_argument(
        "--no-build",
        action="store_true",
        help="zip the existing site folder instead of building it first",
    )
    command.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="folder for the zip (default: dist/ in the project folder)",
    )
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    site = site_dir(root)
    if not args.no_build:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
            cwd=root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        if result.returncode != 0:
            print("casebook bundle: the site did not build; no zip written", file=sys.stderr)
            return 1
    out = Path(args.out).resolve() if args.out else root / "dist"
    # Hold the build lock while reading site/, so a build started meanwhile cannot swap
    # the site away half-way through the zip (it waits for us instead).
    publisher = Publisher(site)
    try:
        publisher.lock()
        if not (site / "index.html").is_file():
            print(
                f"casebook bundle: {site} has no index.html; build the site first "
                "(or leave out --no-build)",
                file=sys.stderr,
            )
            return 2
        target = write_bundle(site, out)
    except PublishError as error:
        print(f"casebook bundle: {error}", file=sys.stderr)
        return 2
    finally:
        publisher.abandon()
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
    return 0


def site_dir(root: Path) -> Path:
    """The site folder mkdocs.yml names, as MkDocs itself reads it (site_dir, !ENV, …)."""
    return Path(load_config(str(root / "mkdocs.yml")).site_dir)


def write_bundle(site: Path, out: Path) -> Path:
    date = build_date()
    folder = f"casebook-offline-{date.isoformat()}"
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{folder}.zip"
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    files = sorted(p for p in site.rglob("*") if p.is_file())
    # Written whole or not at all (publish.atomic_output): a failure leaves no partial zip.
    with (
        atomic_output(target) as handle,
        zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
    ):
        _add(
            archive,
            f"{folder}/README.txt",
            stamp,
            README.format(date=date.isoformat(), folder=folder, editions=_editions(site)).encode(
                "utf-8"
            ),
        )
        for path in files:
            _add(archive, f"{folder}/{path.relative_to(site).as_posix()}", stamp, path.read_bytes())
    return target


def _editions(site: Path) -> str:
    """One line per edition in the site, each in its own language (the catalogue's
    site.bundle.open; the language's own name and the path until a translator wrote it)."""
    lines = []
    for code, language in LANGUAGES.items():
        page = f"{language.prefix}index.html"
        if code == ORIGINAL or not (site / page).is_file():
            continue
        catalogue = strings(code)
        if "site.bundle.open" in catalogue.entries:
            lines.append(catalogue.t("site.bundle.open", path=page))
        else:
            lines.append(f"{language.name}: {page}")
    if not lines:
        return ""
    return "\nOther languages (the same site, translated):\n" + "\n".join(
        f"   - {line}" for line in lines
    )


def _add(
    archive: zipfile.ZipFile, name: str, stamp: tuple[int, int, int, int, int, int], data: bytes
) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, so the permissions above are read the same everywhere
    archive.writestr(info, data, compresslevel=9)
