"""Evaluates Sigma rules against JSON records for real: converts them with pySigma's SQLite backend (and a
processing pipeline), loads the records into an in-memory SQLite table `logs` and runs each query.

Usage: match.py PIPELINES RECORDS_JSON RULE_PATH...  (a path may be a folder: every .yml below it)
PIPELINES: pipeline files joined by commas, or none.
Prints JSON {rule name: [rows]}: for a rule, the indices (in RECORDS_JSON) of the records it matches; for a
correlation rule, the group-by values of the groups that reach its condition.
"""

import json
import sqlite3
import sys
from pathlib import Path

from sigma.backends.sqlite import sqliteBackend
from sigma.collection import SigmaCollection
from sigma.correlations import SigmaCorrelationRule
from sigma.processing.pipeline import ProcessingPipeline


def load_records(path):
    records = json.loads(Path(path).read_text())
    columns = sorted({key for record in records for key in record})
    db = sqlite3.connect(":memory:")
    quoted = ", ".join(f'"{c}"' for c in ["_row", *columns])
    db.execute(f"CREATE TABLE logs ({quoted})")
    marks = ", ".join("?" for _ in range(len(columns) + 1))
    db.executemany(
        f"INSERT INTO logs VALUES ({marks})",
        [[index, *(record.get(c) for c in columns)] for index, record in enumerate(records)],
    )
    return db


def main(args):
    pipeline_path, records_path, *paths = args
    # The backend's queries name their table from the pipeline's state.
    pipeline = ProcessingPipeline.from_dict(
        {"name": "table logs", "priority": 100, "transformations": [{"type": "set_state", "key": "table", "val": "logs"}]}
    )
    if pipeline_path != "none":
        pipeline = sum((ProcessingPipeline.from_yaml(Path(p).read_text()) for p in pipeline_path.split(",")), ProcessingPipeline()) + pipeline
    files = [f for p in map(Path, paths) for f in (sorted(p.rglob("*.yml")) if p.is_dir() else [p])]
    collection = SigmaCollection.load_ruleset(files)
    collection.rules.sort(key=lambda rule: isinstance(rule, SigmaCorrelationRule))
    db = load_records(records_path)
    sqliteBackend(pipeline).convert(collection)
    out = {}
    for rule in (rule for rule in collection.rules if rule._output):
        rows = []
        for query in rule.get_conversion_result():
            cursor = db.execute(query)
            columns = [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                values = dict(zip(columns, row))
                rows.append(values["_row"] if "_row" in values else values)
        out[rule.name or rule.title] = rows
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
