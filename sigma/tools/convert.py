"""Converts Sigma rules with a pySigma backend and prints the queries as JSON: {rule name: [query, ...]}.

Usage: convert.py BACKEND PIPELINES RULE_PATH...  (a path may be a folder: every .yml below it)
PIPELINES: pipeline files joined by commas, or none.
BACKEND: splunk | esql | eql | lucene | sqlite. Exits 1 naming the rule when a rule does not convert.
"""

import json
import sys
from pathlib import Path

from sigma.collection import SigmaCollection
from sigma.correlations import SigmaCorrelationRule
from sigma.processing.pipeline import ProcessingPipeline


def backend(name, pipeline):
    if name == "splunk":
        from sigma.backends.splunk import SplunkBackend

        return SplunkBackend(pipeline)
    if name == "esql":
        from sigma.backends.elasticsearch import ESQLBackend

        return ESQLBackend(pipeline)
    if name == "eql":
        from sigma.backends.elasticsearch import EqlBackend

        return EqlBackend(pipeline)
    if name == "lucene":
        from sigma.backends.elasticsearch import LuceneBackend

        return LuceneBackend(pipeline)
    if name == "sqlite":
        from sigma.backends.sqlite import sqliteBackend

        return sqliteBackend(pipeline)
    raise SystemExit(f"unknown backend {name}: use splunk, esql, eql, lucene or sqlite")


def main(args):
    name, pipeline_path, *paths = args
    pipeline = None if pipeline_path == "none" else sum((ProcessingPipeline.from_yaml(Path(p).read_text()) for p in pipeline_path.split(",")), ProcessingPipeline())
    files = [f for p in map(Path, paths) for f in (sorted(p.rglob("*.yml")) if p.is_dir() else [p])]
    collection = SigmaCollection.load_ruleset(files)
    # A correlation converts after the rules it refers to; a stable sort keeps chained correlations in order.
    collection.rules.sort(key=lambda rule: isinstance(rule, SigmaCorrelationRule))
    converter = backend(name, pipeline)
    out = {}


    try:
        converter.convert(collection)
    except Exception as error:  # a rule the backend refuses: say which and why
        raise SystemExit(f"{type(error).__name__}: {error}")
    out = {rule.name or str(rule.id): rule.get_conversion_result() for rule in collection.rules if rule._output}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
