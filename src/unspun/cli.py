"""The command line: parse, call one library function, render. Nothing else lives here."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from rich.console import Console

from unspun import __version__
from unspun.api import Index, analyze
from unspun.errors import InputError, StoreError, UnspunError
from unspun.index.store import DB_NAME
from unspun.ingest.article import read_article, read_stream
from unspun.ingest.corpus import corpus_files
from unspun.report.serialize import (
    analysis_to_dict,
    analysis_to_json,
    report_to_dict,
    report_to_json,
    spin_to_dict,
)
from unspun.report.terminal import render_analysis, render_spins, render_terminal
from unspun.scan import ScanSummary, scan_corpus
from unspun.settings import Settings, load_settings
from unspun.types import Article, Progress


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unspun",
        description="Trace a news article to its sources, sentence by sentence, and show what was changed.",
    )
    parser.add_argument("--version", action="version", version=f"unspun {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    index = sub.add_parser("index", help="build, extend and describe a reference index")
    isub = index.add_subparsers(dest="index_command", required=True, metavar="ACTION")
    for name, helptext in (
        ("build", "build a new index from JSONL corpora (.jsonl, .jsonl.gz) and folders of .txt/.html"),
        ("add", "add documents to an existing index, without a rebuild"),
    ):
        p = isub.add_parser(name, help=helptext, description=helptext)
        p.add_argument("--index", required=True, type=Path, metavar="DIR", help="the index folder")
        p.add_argument(
            "files",
            nargs="+",
            type=Path,
            metavar="FILE",
            help="corpus files (.jsonl, .jsonl.gz, .parquet, .warc, .warc.gz) or folders of .txt/.html; see docs/inputs.md",
        )
        p.add_argument(
            "--strict", action="store_true", help="stop at the first bad record instead of skipping it"
        )
        p.add_argument("--settings", type=Path, metavar="TOML", help="override default settings")
        if name == "build":
            p.add_argument("--replace", action="store_true", help="delete an existing index at DIR first")
    stats = isub.add_parser("stats", help="describe an index", description="describe an index")
    stats.add_argument("--index", required=True, type=Path, metavar="DIR")
    stats.add_argument("--format", choices=["terminal", "json"], default="terminal")

    trace = sub.add_parser(
        "trace",
        help="trace an article to its sources",
        description="Trace ARTICLE (a text file: title line, optional dateline, body; '-' for stdin; "
        "one JSON record; or an http(s) URL) against an index.",
    )
    trace.add_argument("article", metavar="ARTICLE")
    trace.add_argument("--index", required=True, type=Path, metavar="DIR")
    trace.add_argument(
        "--format",
        choices=["terminal", "json", "html"],
        default="terminal",
        help="html: one self-contained page (needs the html extra: pip install 'unspun[html]')",
    )
    trace.add_argument("--settings", type=Path, metavar="TOML", help="override default settings")
    trace.add_argument(
        "--outlet", metavar="NAME", help="the site that published ARTICLE (shows its spin fingerprint)"
    )

    analyze_cmd = sub.add_parser(
        "analyze",
        help="what one article says, with no index: sources, numbers, dates, cues",
        description="Read ARTICLE (a text file: title line, optional dateline, body; '-' for stdin; one JSON "
        "record; or an http(s) URL) with no corpus: who is quoted and how, numbers with what they count, dates "
        "resolved against the dateline, loaded language, spinner fingerprints and stitching seams, and where "
        "a fact-checker should look first. See docs/analyze.md.",
    )
    analyze_cmd.add_argument("article", metavar="ARTICLE")
    analyze_cmd.add_argument("--format", choices=["terminal", "json"], default="terminal")

    scan = sub.add_parser(
        "scan",
        help="find reuse across a corpus: links, passages, who copies whom, farm scores",
        description="Trace every document of CORPUS against the rest and write every reuse link, passages "
        "grouped with their earliest appearance, an outlet-by-outlet graph and a farm score per outlet "
        "with its evidence to --out (links.jsonl, clusters.jsonl, graph.csv, outlets.csv, summary.json, "
        "summary.html).",
    )
    scan.add_argument(
        "corpus",
        nargs="+",
        type=Path,
        metavar="CORPUS",
        help="corpus files (.jsonl, .jsonl.gz, .parquet, .warc, .warc.gz) or folders of .txt/.html; see docs/inputs.md",
    )
    scan.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the results")
    scan.add_argument(
        "--index", type=Path, metavar="DIR", help="reuse (or create and keep) an unspun index here"
    )
    scan.add_argument(
        "--engine",
        choices=["local", "spark"],
        default="local",
        help="local: a process pool on this machine; spark: pyspark, local[*] or any master "
        "(pip install 'unspun[spark]'; see docs/spark.md)",
    )
    scan.add_argument(
        "--checkpoint",
        type=Path,
        metavar="DIR",
        help="spark: keep each finished stage here; a rerun resumes after the last one (default: a temporary folder)",
    )
    scan.add_argument(
        "--master", metavar="URL", help="spark: the master URL (default: spark-submit's, else local[*])"
    )
    scan.add_argument(
        "--format", choices=["terminal", "json"], default="terminal", help="how to print the summary"
    )
    scan.add_argument("--settings", type=Path, metavar="TOML", help="override default settings")

    serve = sub.add_parser(
        "serve",
        help="serve the trace report in a browser and as a JSON API",
        description="Start a local web app and JSON API over an index (pip install 'unspun[web]'). "
        "Adding documents needs a token: --token or the UNSPUN_TOKEN environment variable.",
    )
    serve.add_argument("--index", required=True, type=Path, metavar="DIR")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: this machine only)")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument(
        "--token",
        metavar="TOKEN",
        help="allow POST /api/documents with this bearer token (default: $UNSPUN_TOKEN)",
    )
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests whose Host is NAME (repeatable; 127.0.0.1, localhost and [::1] always work)",
    )
    serve.add_argument(
        "--trace-rate",
        type=float,
        default=None,
        metavar="N",
        help="traces per minute per client address (default 30, bursts of 10); 0 turns the limit off, "
        "e.g. behind a proxy where every request comes from one address",
    )

    spins = sub.add_parser(
        "spins",
        help="learn the substitutions a site makes again and again",
        description="Trace every document of an outlet against the rest of the index and list the swaps it "
        "makes repeatedly (source word -> article word, counts, examples). The fingerprint is stored in the "
        "index and shown in later traces of that outlet's articles.",
    )
    spins.add_argument("--index", required=True, type=Path, metavar="DIR")
    spins.add_argument("--outlet", metavar="NAME", help="one outlet (default: every outlet in the index)")
    spins.add_argument(
        "--min-count", type=int, default=2, metavar="N", help="keep swaps seen at least N times"
    )
    spins.add_argument("--format", choices=["terminal", "json"], default="terminal")
    return parser


@contextmanager
def _progress(enabled: bool, what: str) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    from rich.progress import Progress as Bars
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Bars(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(what)

        def update(docs: int, size: int) -> None:
            size_note = f", {size / 1e6:,.1f} MB" if size else ""
            bar.update(task, description=f"{what}: {docs:,} documents{size_note}")

        yield update


def _warn(message: str) -> None:
    print(f"unspun: warning: {message}", file=sys.stderr)


def _index_write(args: argparse.Namespace) -> int:
    settings = load_settings(args.settings)
    corpus_files(args.files)
    created = False
    if args.index_command == "build":
        if (args.index / DB_NAME).exists():
            if not args.replace:
                raise StoreError(
                    f"an index already exists at {args.index}",
                    f"add to it with 'unspun index add --index {args.index} FILE', or rebuild with --replace",
                )
            shutil.rmtree(args.index)
        created = not args.index.exists()
        index = Index.create(args.index, settings)
    else:
        index = Index(args.index, settings)
    try:
        with index, _progress(sys.stderr.isatty(), "indexing") as progress:
            result = index.add_files(args.files, warn=_warn, progress=progress, strict=args.strict)
    except UnspunError:
        if created:
            shutil.rmtree(args.index, ignore_errors=True)
        raise
    rate = result.text_bytes / 1e6 / result.seconds if result.seconds else 0.0
    print(
        f"indexed {result.added:,} documents ({result.sentences:,} sentences, {result.text_bytes / 1e6:,.1f} MB)"
        f" in {result.seconds:.1f} s ({rate:.1f} MB/s)"
        + (f"; skipped {result.duplicates:,} already indexed" if result.duplicates else ""),
        file=sys.stderr,
    )
    return 0


def _index_stats(args: argparse.Namespace) -> int:
    with Index(args.index) as index:
        data = index.describe()
    if args.format == "json":
        print(json.dumps(data, indent=2))
        return 0
    for key, value in data.items():
        if key == "top_outlets":
            value = ", ".join(f"{o['outlet']} ({o['documents']:,})" for o in value)
        shown = f"{value:,}" if isinstance(value, int) else value
        print(f"{key.replace('_', ' '):<19} {shown}")
    return 0


def _article(args: argparse.Namespace) -> Article:
    """The article ARTICLE names: '-' for what is piped in, else a file or URL; the same checks apply to both."""
    if args.article != "-":
        return read_article(args.article)
    if sys.stdin is None or sys.stdin.isatty():
        raise InputError(
            f"{args.command} - reads the article from standard input, but none was piped in", "pipe text in"
        )
    return read_stream(sys.stdin, "<stdin>")


def _analyze(args: argparse.Namespace) -> int:
    analysis = analyze(_article(args))
    if args.format == "json":
        sys.stdout.write(analysis_to_json(analysis))
    else:
        render_analysis(analysis_to_dict(analysis), Console())
    return 0


def _trace(args: argparse.Namespace) -> int:
    settings = load_settings(args.settings)
    article = _article(args)
    if args.outlet:
        article = replace(article, outlet=args.outlet)
    with Index(args.index, settings) as index:
        report = index.trace(article)
    if args.format == "json":
        sys.stdout.write(report_to_json(report, settings.trace.stale_days))
    elif args.format == "html":
        sys.stdout.write(_render_html(report_to_dict(report, settings.trace.stale_days)))
    else:
        render_terminal(report_to_dict(report, settings.trace.stale_days), Console())
    return 0


def _render_html(report: dict[str, Any]) -> str:
    """The page the web app offers for download; its template engine is an extra, so say how to get it."""
    try:
        from unspun.report.html import render_html
    except ImportError as err:
        raise InputError(
            f"--format html needs the html extra ({err.name} is not installed)", "pip install 'unspun[html]'"
        ) from err
    return render_html(report)


def _spins(args: argparse.Namespace) -> int:
    if args.min_count < 1:
        raise InputError(
            f"--min-count must be at least 1, not {args.min_count}",
            "give --min-count 2 (the default) or more",
        )
    with Index(args.index) as index:
        known = dict(index.outlets())
        if args.outlet and args.outlet not in known:
            raise InputError(
                f"no documents from outlet {args.outlet!r} in the index",
                "see the outlets with 'unspun index stats'; names are matched exactly",
            )
        outlets = [args.outlet] if args.outlet else list(known)
        learnt = {}
        for outlet in outlets:
            with _progress(sys.stderr.isatty(), f"learning {outlet}") as progress:

                def step(done: int, bar: Progress | None = progress) -> None:
                    if bar:
                        bar(done, 0)

                learnt[outlet] = [spin_to_dict(p) for p in index.spins(outlet, args.min_count, step)]
    if args.format == "json":
        print(json.dumps(learnt, ensure_ascii=False, indent=2))
        return 0
    console = Console()
    for outlet, spins in learnt.items():
        render_spins(outlet, spins, console)
    return 0


def _writable_folder(path: Path, option: str) -> None:
    """Fail before a scan starts, not after minutes of work, when its folder cannot be made or written."""
    existing = next(p for p in (path, *path.parents) if p.exists())
    if not existing.is_dir():
        raise InputError(f"cannot use {option} {path}: {existing} is a file", f"give {option} a folder path")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(
            f"cannot use {option} {path}: {existing} is not writable",
            f"give {option} a folder you can write to",
        )


def _scan(args: argparse.Namespace) -> int:
    settings = load_settings(args.settings)
    _writable_folder(args.out, "--out")
    if args.index is not None:
        _writable_folder(args.index, "--index")
    if args.engine != "spark" and (args.checkpoint or args.master):
        raise InputError(
            "--checkpoint and --master are options of the Spark engine", "add --engine spark, or drop them"
        )
    if args.checkpoint is not None:
        _writable_folder(args.checkpoint, "--checkpoint")
    with _progress(sys.stderr.isatty() and args.engine == "local", "scanning") as bar:

        def step(done: int, total: int) -> None:
            if bar is not None:
                bar(done, 0)

        try:
            if args.engine == "spark":
                summary = _scan_spark(args, settings)
            else:
                summary = scan_corpus(
                    args.corpus, args.out, index=args.index, settings=settings, progress=step, warn=_warn
                )
        except OSError as err:  # e.g. a folder where a result file goes, or the disk filled up
            raise InputError(
                f"cannot read or write {err.filename or args.out}: {err.strerror or err}",
                "check that the corpus files can be read and that --out and --index are folders you can write",
            ) from err
    if args.format == "json":
        print(json.dumps(asdict(summary), indent=2))
        return 0
    print(
        f"{summary.documents:,} documents from {summary.outlets:,} outlets: {summary.links:,} reuse links, "
        f"{summary.taken:,} sentences taken, {summary.clusters:,} passages, {summary.edges:,} outlet edges "
        f"({summary.boilerplate:,} boilerplate sentences ignored) in {summary.seconds:.1f} s; results in {summary.out}"
    )
    for rank, (outlet, score) in enumerate(summary.top, 1):
        print(f"{rank:>3}. {outlet}  farm score {score:.3f}")
    return 0


def _scan_spark(args: argparse.Namespace, settings: Settings) -> ScanSummary:
    from unspun.scan.spark import scan_spark

    def stage(name: str, how: str) -> None:
        print(f"unspun: spark stage {name}: {how}", file=sys.stderr)

    return scan_spark(
        args.corpus,
        args.out,
        index=args.index,
        settings=settings,
        checkpoint=args.checkpoint,
        master=args.master,
        warn=_warn,
        log=stage,
    )


def _serve(args: argparse.Namespace) -> int:
    """Run the web app in the foreground; the web packages are an extra, so say how to get them."""
    try:
        from unspun.web.app import TRACES_PER_MINUTE, create_app
        from unspun.web.server import serve
    except ImportError as err:
        raise InputError(
            f"unspun serve needs the web extra ({err.name} is not installed)", "pip install 'unspun[web]'"
        ) from err
    if args.trace_rate is not None and args.trace_rate < 0:
        raise InputError(
            f"--trace-rate {args.trace_rate:g} is negative", "give traces per minute, or 0 for no limit"
        )
    app = create_app(
        args.index,
        token=args.token,
        allowed_hosts=[*args.allow_host, args.host],
        traces_per_minute=TRACES_PER_MINUTE if args.trace_rate is None else (args.trace_rate or None),
    )
    print(f"unspun: serving {args.index} at http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    serve(app, args.host, args.port)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "index":
            return _index_stats(args) if args.index_command == "stats" else _index_write(args)
        if args.command == "spins":
            return _spins(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "scan":
            return _scan(args)
        if args.command == "analyze":
            return _analyze(args)
        return _trace(args)
    except UnspunError as err:
        print(f"unspun: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("unspun: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
