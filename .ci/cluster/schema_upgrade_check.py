#!/usr/bin/env python3
"""The schema procedure's upgrade path: a database at Camunda 7.16.0 (the baseline of Camunda's
Liquibase changelog, shipped in the camunda-engine jar) upgraded by `docker/schema.sh apply` must
equal a database created by it at the current version, column by column and index by index.

Environment: CLUSTER_JAR; PGHOST/PGPORT/PGUSER of the PostgreSQL to use (a throw-away database
each, dropped at the end)."""

import io
import os
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Database, check, log, main_guard  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COMPONENTS = ["engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history"]
COLUMNS = ("select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable"
           " from information_schema.columns where table_schema = 'public' order by 1")
INDEXES = "select indexname || ' ' || indexdef from pg_indexes where schemaname = 'public' order by 1"


def main():
    jar = os.environ["CLUSTER_JAR"]
    suffix = os.getpid()
    upgraded, fresh = Database(f"parcours_upgrade_{suffix}"), Database(f"parcours_fresh_{suffix}")
    try:
        with zipfile.ZipFile(jar) as app:
            engine_jar = next(n for n in app.namelist() if n.startswith("BOOT-INF/lib/camunda-engine-7"))
            engine = zipfile.ZipFile(io.BytesIO(app.read(engine_jar)))
        with tempfile.TemporaryDirectory() as baseline:
            files = []
            for component in COMPONENTS:
                path = os.path.join(baseline, f"{component}.sql")
                with open(path, "wb") as f:
                    f.write(engine.read(f"org/camunda/bpm/engine/db/liquibase/baseline/liquibase.postgres.create.{component}.sql"))
                files += ["-f", path]
            upgraded.create()
            subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", *files],
                           env=upgraded.env(), check=True)
        check(upgraded.sql("select max(version_) from act_ge_schema_log")[0][0] == "7.16.0", "a Camunda 7.16.0 schema")
        upgraded.apply_schema(REPO, jar)
        fresh.create()
        fresh.apply_schema(REPO, jar)
        check(upgraded.sql(COLUMNS) == fresh.sql(COLUMNS), "upgraded and fresh schemas have the same columns")
        check(upgraded.sql(INDEXES) == fresh.sql(INDEXES), "upgraded and fresh schemas have the same indexes")
        check(any(row[0].startswith("parcours_idx_variable_text ") for row in fresh.sql(INDEXES)),
              "Parcours's own index (db/parcours/postgres.sql) is in the schema")
        log("schema upgrade check passed")
    finally:
        upgraded.drop()
        fresh.drop()


if __name__ == "__main__":
    main_guard(main)
