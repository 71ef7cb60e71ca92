"""The ``newskit`` command: a thin shell over the library.

    newskit figures PATH [--columns article_id=ID,text=Body] [--reviews reviews.csv] [-o claims.csv]
    newskit report [--params P] [--corpus PATH] [--columns article_id=ID,text=Body] [--title T] [--out DIR]
                   [-p key=value ...]

Exit status: 0 done; 2 refused (a bad input or parameter, named on standard error, nothing written);
3 ``figures`` wrote every other article's claims but some articles failed (named on standard error).
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

from newskit.errors import NewskitError, NewskitWarning
from newskit.schema import DEFAULT_CHUNK_SIZE, ENGINES
from newskit.tables import write_csv

EXIT_SOME_ARTICLES_FAILED = 3


def parse_mapping(text: str | None) -> dict[str, str] | None:
    """``"article_id=ID,text=Body"`` -> ``{"article_id": "ID", "text": "Body"}``; None stays None.

    >>> parse_mapping("article_id=Article_ID,text=Article")
    {'article_id': 'Article_ID', 'text': 'Article'}
    """
    if not text:
        return None
    mapping = {}
    for pair in text.split(","):
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise NewskitError(f"--columns: {pair!r} is not key=value (e.g. text=Article)")
        mapping[key.strip()] = value.strip()
    return mapping


def run_figures(args: argparse.Namespace) -> int:
    if args.stream and (args.vocabulary or args.reviews):
        raise NewskitError("--vocabulary and --reviews do not work with --stream yet: run without --stream")
    if args.stream:
        return run_figures_stream(args)
    from newskit.clean import clean_articles
    from newskit.corpus import load_corpus
    from newskit.pipeline import claims_table
    from newskit.reviews import apply_reviews, describe_reviews, load_reviews, unmatched_reviews
    from newskit.vocabulary import load_vocabulary

    vocabulary = load_vocabulary(args.vocabulary)
    # A bad reviews file fails before any extraction.
    reviews = load_reviews(args.reviews, vocabulary=vocabulary) if args.reviews else None
    articles = load_corpus(args.path, columns=parse_mapping(args.columns), encoding=args.encoding)
    passages, _removals = clean_articles(articles)
    # An article that fails extraction is named in a warning and in the summary; the others' claims are kept.
    claims = claims_table(passages, articles, engine=args.engine, scheduler=args.scheduler, vocabulary=vocabulary)
    if reviews is not None:
        claims = apply_reviews(claims, reviews, articles=articles, vocabulary=vocabulary)
        print(describe_reviews(claims), file=sys.stderr)
    failed = [str(f["article_id"]) for f in claims.attrs.get("failures", [])]
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        write_csv(claims, args.output)
        if reviews is not None and claims.attrs["unmatched_reviews"]:
            unmatched_path = Path(args.output).with_suffix(".unmatched_reviews.csv")
            write_csv(unmatched_reviews(claims), unmatched_path)
            print(f"reviews not applied (listed with the reason) -> {unmatched_path}", file=sys.stderr)
    else:
        write_csv(claims, sys.stdout)
    print(f"{len(claims)} figures from {len(articles)} articles ({failed_articles(failed)})"
          f" -> {args.output or 'standard output'}", file=sys.stderr)
    return EXIT_SOME_ARTICLES_FAILED if failed else 0


def run_figures_stream(args: argparse.Namespace) -> int:
    from newskit.pipeline import run_claims_stream

    if not args.output:
        raise NewskitError("--stream writes a file: give -o claims.parquet (or claims.csv)")
    counts = run_claims_stream(
        args.path, args.output, columns=parse_mapping(args.columns), encoding=args.encoding,
        chunk_size=args.chunk_size, engine=args.engine, scheduler=args.scheduler, n_workers=args.workers,
    )
    print(f"{counts.claims} figures from {counts.articles} articles ({counts.chunks} chunks; "
          f"{len(counts.dropped_rows)} rows dropped, {failed_articles(counts.failed_articles)}) "
          f"-> {args.output}", file=sys.stderr)
    return EXIT_SOME_ARTICLES_FAILED if counts.failed_articles else 0


def failed_articles(article_ids: list[str]) -> str:
    """'0 articles failed', or '2 articles failed: a, b' naming the first 20."""
    named = f": {', '.join(article_ids[:20])}{', ...' if len(article_ids) > 20 else ''}" if article_ids else ""
    return f"{len(article_ids)} article{'' if len(article_ids) == 1 else 's'} failed{named}"


def report_overrides(args: argparse.Namespace) -> list[str]:
    """``--title`` and ``--columns`` of ``newskit report`` as ``-p`` overrides (``-p`` given later wins)."""
    overrides = [f"title={args.title}"] if args.title is not None else []
    columns = parse_mapping(args.columns)
    if columns is not None:
        overrides.append(f"corpus_columns={json.dumps(columns)}")
    return overrides


def run_report_command(args: argparse.Namespace) -> int:
    from newskit.params import resolve_params

    overrides = [*report_overrides(args), *args.p]
    # Fail on a bad parameter in well under a second, before pandas, papermill or a kernel load.
    resolve_params(args.params, corpus=args.corpus, overrides=overrides)
    from newskit.report import run_report

    out_dir = run_report(params_path=args.params, corpus=args.corpus, out_dir=args.out, overrides=overrides)
    print(f"report written to {out_dir}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newskit", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    figures = commands.add_parser("figures", help="extract every casualty figure in a corpus as a claims table")
    figures.add_argument("path", help="a folder of .txt files, or one .csv/.jsonl/.parquet file")
    figures.add_argument("--columns", help="map the kit's fields to the file's: article_id=ID,text=Body,...")
    figures.add_argument("--encoding", help="text encoding of the corpus files (default: detect)")
    figures.add_argument("--engine", default="local", choices=list(ENGINES))
    figures.add_argument("--scheduler", help="address of an existing Dask scheduler (engine=dask)")
    figures.add_argument("-o", "--output", help="write the claims CSV here (default: standard output)")
    figures.add_argument("--vocabulary", help="a vocabulary YAML file merged over the default word lists (README)")
    figures.add_argument("--reviews", help="a reviews CSV of reviewer corrections applied to the claims (README)")
    figures.add_argument("--stream", action="store_true",
                         help="read, clean and extract chunk by chunk, appending to -o (.parquet or .csv)")
    figures.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE,
                         help="articles per chunk with --stream")
    figures.add_argument("--workers", type=int,
                         help="with --stream: workers of the pool or LocalCluster (default: cores)")
    figures.set_defaults(run=run_figures)

    report = commands.add_parser("report", help="run the notebooks with papermill into an HTML report")
    report.add_argument("--params", default=None, help="a params/*.yaml file (default: params/sample.yaml)")
    report.add_argument("--corpus", default=None, help="override the corpus path of the params file")
    report.add_argument("--out", default=None, help="report folder (default: reports/<params name>)")
    report.add_argument("--title", default=None, help="the report's title (default: the params file's)")
    report.add_argument("--columns", help="map the kit's fields to the corpus file's: article_id=ID,text=Body,...")
    report.add_argument("-p", action="append", default=[], metavar="KEY=VALUE", help="override one parameter")
    report.set_defaults(run=run_report_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    warnings.simplefilter("default", NewskitWarning)
    try:
        return args.run(args)
    except NewskitError as error:
        print(f"newskit: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
