"""Lighthouse (mobile, simulated throttling) on Casebook's pages and a plain Material site's.

    npm ci --prefix benchmarks/lighthouse          # lighthouse 12.2.3, pinned in its lock file
    CHROME_PATH=/usr/bin/chromium python benchmarks/lighthouse_bench.py [--runs 3]

Builds the real site (the repository's mkdocs.yml, case_studies/ and content/) and, in the
same run, a plain MkDocs + Material site with the same four kinds of page written as Markdown
(home, the list of case studies, one case, one guide chapter; Material's defaults, fonts off
as in Casebook, since nothing may load from outside). Each is served from 127.0.0.1 the way a
static host serves it: gzip for text, Cache-Control max-age=600 (GitHub Pages' headers).
Lighthouse's default mobile profile (Moto G Power, slow 4G, 4x CPU slowdown, simulated)
measures each page; with --runs N the run with the median performance score is reported, runs
interleaved between the sites so both meet the same load (simulated throttling multiplies the
CPU time it observes, so a busy machine lowers scores: benchmarkIndex says how busy it was).
Prints a Markdown table, then every audit below full marks outside performance.

Targets (issue 19): performance >= 95, accessibility, best practices and SEO 100 on each of
Casebook's pages, CLS <= 0.05 on the finder (case-studies/index.html).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import mimetypes
import os
import re
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CASE_ID = "oslo-salto"
GUIDE = "preparation/building-relationships"
PAGES = {  # kind -> path in both sites
    "home": "index.html",
    "finder": "case-studies/index.html",
    "case": f"case-studies/{CASE_ID}.html",
    "guide": f"{GUIDE}.html",
}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")


# ---------------------------------------------------------------- the two sites


def build(project: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        check=True,
        env=env,
        cwd=project,
    )


def plain_project(root: Path) -> Path:
    """Plain Material: the same pages as Markdown, Material's defaults, no Casebook assets."""
    from casebook.loader import load_file

    cases = sorted(
        (load_file(str(p)).data for p in (REPO / "case_studies").glob("*.yml")),
        key=lambda case: case["title"],
    )
    docs = root / "content"
    (docs / "case-studies").mkdir(parents=True)
    (docs / "preparation").mkdir()
    links = {case["id"]: f"[{case['title']}](/case-studies/{case['id']}.md)" for case in cases}

    def markers(text: str, prefix: str) -> str:
        """Casebook's [[case:ID]], [[card:ID]], [[newest:N]] as plain Markdown links."""
        newest = "\n".join(
            f"- [{c['title']}]({prefix}case-studies/{c['id']}.md): {c['summary']}"
            for c in cases[:5]
        )
        text = re.sub(r"\[\[newest:\d+\]\]", newest, text)
        return re.sub(
            r"\[\[(?:case|card):([^\]\s]+)\]\]",
            lambda m: links[m.group(1)].replace("(/", f"({prefix}"),
            text,
        )

    home = (REPO / "content" / "index.md").read_text(encoding="utf-8")
    (docs / "index.md").write_text(markers(home, ""), encoding="utf-8")
    guide = (REPO / "content" / f"{GUIDE}.md").read_text(encoding="utf-8")
    (docs / f"{GUIDE}.md").write_text(markers(guide, "../"), encoding="utf-8")
    listing = ["# Case studies", ""] + [
        f"- [{c['title']}]({c['id']}.md)  \n  {c['place']['name']}" for c in cases
    ]
    (docs / "case-studies" / "index.md").write_text("\n".join(listing) + "\n", encoding="utf-8")
    for case in cases:
        (docs / "case-studies" / f"{case['id']}.md").write_text(
            _case_markdown(case), encoding="utf-8"
        )
    config = {
        "site_name": "Plain Material",
        "docs_dir": "content",
        "use_directory_urls": False,
        "theme": {"name": "material", "language": "en", "font": False},
        "plugins": ["search"],
        "nav": [
            {"Home": "index.md"},
            {"Case studies": "case-studies/index.md"},
            {"Building relationships": f"{GUIDE}.md"},
        ],
        "not_in_nav": "/case-studies/*\n!/case-studies/index.md",
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


def _case_markdown(case: dict) -> str:
    lines = [f"# {case['title']}", "", case["summary"], ""]
    for key, value in (case.get("narrative") or {}).items():
        if isinstance(value, str):
            lines += [f"## {key.replace('_', ' ').capitalize()}", "", value, ""]
    lines += ["## Sources", ""] + [
        f"- {s.get('title', s.get('url', ''))}" for s in case.get("sources", [])
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- a static host


class _StaticHost(SimpleHTTPRequestHandler):
    """Files as a static host sends them: gzip for text, a short cache lifetime, connections
    kept open (HTTP/1.1; hosts speak HTTP/2, which needs TLS)."""

    protocol_version = "HTTP/1.1"

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        data = path.read_bytes()
        gzipped = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            data = gzip.compress(data, 6, mtime=0)
        self.send_response(200)
        self.send_header(
            "Content-Type",
            (mimetypes.guess_type(path.name)[0] or "application/octet-stream")
            + ("; charset=utf-8" if path.suffix in COMPRESSIBLE else ""),
        )
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def log_message(self, *args) -> None:  # quiet
        pass


def serve(site: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_StaticHost, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# ---------------------------------------------------------------- lighthouse


def lighthouse(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--form-factor=mobile",
            "--throttling-method=simulate",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
            "--disable-dev-shm-usage --no-first-run",
        ],
        check=True,
        env=env,
        timeout=300,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def figures(report: dict) -> dict:
    audits = report["audits"]
    result = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    result.update(
        lcp=audits["largest-contentful-paint"]["numericValue"] / 1000,
        fcp=audits["first-contentful-paint"]["numericValue"] / 1000,
        tbt=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        kib=audits["total-byte-weight"]["numericValue"] / 1024,
        speed=report["environment"]["benchmarkIndex"],
    )
    result["failing"] = sorted(
        f"{c}: {ref['id']}"
        for c in CATEGORIES
        if c != "performance"
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"]
        and audits[ref["id"]]["score"] is not None
        and audits[ref["id"]]["score"] < 1
    )
    result["opportunities"] = sorted(
        audit_id
        for audit_id, audit in audits.items()
        if audit.get("details", {}).get("type") == "opportunity"
        and (audit.get("numericValue") or 0) > 0
        and (audit.get("score") or 1) < 0.9
    )
    return result


def median(results: list[dict]) -> dict:
    """The run with the median performance score, with every run's score and the machine's
    speed as Lighthouse measured it (benchmarkIndex: lower is a busier machine)."""
    ordered = sorted(results, key=lambda r: r["performance"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["performance_runs"] = [r["performance"] for r in results]
    return chosen


def table(rows: list[tuple[str, str, dict]]) -> str:
    lines = [
        "| site | page | perf. (each run) | a11y | best pr. | SEO | LCP (s) | FCP (s) "
        "| TBT (ms) | CLS | KiB | benchmarkIndex |",
        "|---" * 12 + "|",
    ]
    for site, kind, r in rows:
        runs = (
            ""
            if len(r["performance_runs"]) == 1
            else f" ({', '.join(map(str, r['performance_runs']))})"
        )
        lines.append(
            f"| {site} | {kind} | {r['performance']}{runs} | {r['accessibility']} | "
            f"{r['best-practices']} | {r['seo']} | {r['lcp']:.1f} | {r['fcp']:.1f} | "
            f"{r['tbt']:.0f} | {r['cls']:.3f} | {r['kib']:.0f} | {r['speed']:.0f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median reported)")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports here")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} missing: run `npm ci --prefix benchmarks/lighthouse`")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        reports = args.reports or work
        reports.mkdir(parents=True, exist_ok=True)
        build(REPO, work / "casebook")
        build(plain_project(work / "plain"), work / "plain-site")
        # Runs interleave the two sites page by page, so both meet the same machine load.
        servers = {
            "Casebook": serve(work / "casebook"),
            "plain Material": serve(work / "plain-site"),
        }
        results: dict[tuple[str, str], list[dict]] = {}
        try:
            for run in range(args.runs):
                for kind, page in PAGES.items():
                    for name, server in servers.items():
                        url = f"http://127.0.0.1:{server.server_port}/{page}"
                        label = f"{name.split()[-1].lower()}-{kind}-{run}"
                        result = figures(lighthouse(url, reports / f"{label}.json"))
                        results.setdefault((name, kind), []).append(result)
                        print(f"{label}: performance {result['performance']}", file=sys.stderr)
        finally:
            for server in servers.values():
                server.shutdown()
        rows = [
            (name, kind, median(runs))
            for (name, kind), runs in sorted(
                results.items(), key=lambda item: item[0][0] != "Casebook"
            )
        ]
    print(table(rows))
    print()
    for name, kind, r in rows:
        if r["failing"] or r["opportunities"]:
            print(f"- {name} {kind}: {', '.join(r['failing'] + r['opportunities'])}")
    if args.json:
        args.json.write_text(
            json.dumps([{"site": s, "page": k, **r} for s, k, r in rows], indent=1),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
