#!/usr/bin/env bash
# Creates or upgrades the Parcours database schema on PostgreSQL with Camunda's own SQL scripts
# (shipped in the camunda-engine jar inside the application jar) and Spring Session's table
# script. The application never alters the schema in production (PARCOURS_SCHEMA_UPDATE=false):
# run this before the first start and before starting a new version. See docker/README.md.
#
#   docker/schema.sh [--jar FILE | --sql-dir DIR] status   what the database has, what the application needs
#   docker/schema.sh [--jar FILE | --sql-dir DIR] apply    empty database: create everything;
#                                                          older schema: apply Camunda's upgrade scripts in order
#   docker/schema.sh --jar FILE extract DIR                copy the scripts out of the jar (the Docker image does this)
#
# The database is the one of the libpq variables: PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD.
# Scripts: --jar (default: target/parcours-*.jar) or --sql-dir (default: $PARCOURS_SQL_DIR when set):
# Camunda's, Spring Session's, and Parcours's additions (indexes of the application's own queries,
# src/main/resources/db/parcours/postgres.sql), applied after the others on every run (idempotent).
# Needs psql, and to read the jar unzip, python3 or jar. Exit status: 0 done, 1 error, 3 manual step needed.
set -euo pipefail

die() { echo "schema.sh: $*" >&2; exit 1; }
say() { echo "schema.sh: $*"; }

jar="" sql_dir="${PARCOURS_SQL_DIR:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --sql-dir) sql_dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
command="${1:-}"
[ -n "$command" ] || die "no command (status, apply, extract); --help for usage"

# Camunda's create scripts, in the order of Camunda's installation guide.
COMPONENTS=(engine history identity case.engine case.history decision.engine decision.history)

# unzip_member ZIP MEMBER > file: one member of a zip file on stdout.
unzip_member() {
  if command -v unzip >/dev/null; then
    unzip -p "$1" "$2"
  elif command -v python3 >/dev/null; then
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2"
  elif command -v jar >/dev/null; then
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && jar xf "$1" "$2") && cat "$tmp/$2"; rm -rf "$tmp"
  else
    die "need unzip, python3 or jar to read $1"
  fi
}

# unzip_list ZIP: names of the members.
unzip_list() {
  if command -v unzip >/dev/null; then
    unzip -Z1 "$1"
  elif command -v python3 >/dev/null; then
    python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"
  else
    jar tf "$1"
  fi
}

# extract JAR DIR: the PostgreSQL scripts of the application jar into DIR.
extract() {
  local app="$1" dir="$2" tmp engine session
  [ -f "$app" ] || die "no application jar: $app (build it with ./mvnw -DskipTests package)"
  app=$(cd "$(dirname "$app")" && pwd)/$(basename "$app")
  tmp=$(mktemp -d)
  engine=$(unzip_list "$app" | grep -E '^BOOT-INF/lib/camunda-engine-[0-9][^/]*\.jar$' | head -1)
  session=$(unzip_list "$app" | grep -E '^BOOT-INF/lib/spring-session-jdbc-[^/]*\.jar$' | head -1)
  [ -n "$engine" ] || die "$app holds no camunda-engine jar"
  [ -n "$session" ] || die "$app holds no spring-session-jdbc jar"
  unzip_member "$app" "$engine" > "$tmp/engine.jar"
  unzip_member "$app" "$session" > "$tmp/session.jar"
  mkdir -p "$dir/camunda/create" "$dir/camunda/upgrade" "$dir/spring-session" "$dir/parcours"
  for component in "${COMPONENTS[@]}"; do
    unzip_member "$tmp/engine.jar" "org/camunda/bpm/engine/db/create/activiti.postgres.create.$component.sql" \
      > "$dir/camunda/create/activiti.postgres.create.$component.sql"
  done
  unzip_list "$tmp/engine.jar" | grep -E '^org/camunda/bpm/engine/db/upgrade/postgres_engine_.*\.sql$' |
    while read -r member; do
      unzip_member "$tmp/engine.jar" "$member" > "$dir/camunda/upgrade/$(basename "$member")"
    done
  unzip_member "$tmp/session.jar" org/springframework/session/jdbc/schema-postgresql.sql \
    > "$dir/spring-session/schema-postgresql.sql"
  unzip_member "$app" BOOT-INF/classes/db/parcours/postgres.sql > "$dir/parcours/postgres.sql"
  rm -rf "$tmp"
  target_version "$dir" > "$dir/CAMUNDA_VERSION"
}

# target_version DIR: the Camunda version the create scripts install, e.g. 7.24.0.
target_version() {
  grep -oE "'[0-9]+\.[0-9]+\.[0-9]+'" "$1/camunda/create/activiti.postgres.create.engine.sql" | tail -1 | tr -d "'"
}

minor() { echo "$1" | cut -d. -f1,2; }

# version_gt A B: A > B in version order.
version_gt() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -1)" = "$1" ]; }

psql_run() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
query() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }

wait_for_database() {
  for _ in $(seq 1 60); do
    if query "select 1" >/dev/null 2>&1; then return 0; fi
    sleep 2
  done
  die "cannot connect to the database (PGHOST=${PGHOST:-} PGPORT=${PGPORT:-} PGDATABASE=${PGDATABASE:-} PGUSER=${PGUSER:-})"
}

# current_version: the newest version in Camunda's schema log, empty on an empty database.
current_version() {
  if [ "$(query "select to_regclass('act_ge_schema_log') is not null")" != "t" ]; then
    return 0
  fi
  query "select version_ from act_ge_schema_log" | sort -V | tail -1
}

has_table() { [ "$(query "select to_regclass('$1') is not null")" = "t" ]; }

case "$command" in
  extract)
    [ -n "${2:-}" ] || die "extract needs a target directory"
    extract "${jar:-$(ls target/parcours-*.jar 2>/dev/null | head -1)}" "$2"
    say "scripts for Camunda $(cat "$2/CAMUNDA_VERSION") extracted into $2"
    exit 0 ;;
  status|apply) ;;
  *) die "unknown command: $command" ;;
esac

# The scripts: a directory prepared by `extract` (the Docker image), or read from the jar now.
if [ -z "$sql_dir" ]; then
  jar="${jar:-$(ls target/parcours-*.jar 2>/dev/null | head -1)}"
  [ -n "$jar" ] || die "no application jar (target/parcours-*.jar): give --jar FILE or --sql-dir DIR"
  sql_dir=$(mktemp -d)
  trap 'rm -rf "$sql_dir"' EXIT
  extract "$jar" "$sql_dir"
fi
[ -f "$sql_dir/camunda/create/activiti.postgres.create.engine.sql" ] || die "no Camunda scripts in $sql_dir"
[ -f "$sql_dir/parcours/postgres.sql" ] || die "no Parcours schema additions in $sql_dir (extract them again)"
target=$(target_version "$sql_dir")

wait_for_database
current=$(current_version)
session_table=no; has_table spring_session && session_table=yes

if [ "$command" = status ]; then
  echo "database:    ${PGDATABASE:-} on ${PGHOST:-local}:${PGPORT:-5432}"
  echo "camunda:     ${current:-none} in the database, $target needed by the application"
  echo "sessions:    table spring_session $([ $session_table = yes ] && echo present || echo missing)"
  exit 0
fi

if [ -z "$current" ]; then
  if has_table act_ge_property || has_table act_ru_execution; then
    die "Camunda tables without a schema log: an incomplete or foreign schema, fix it by hand"
  fi
  say "empty database: creating the Camunda $target schema and the session table (one transaction)"
  files=()
  for component in "${COMPONENTS[@]}"; do
    files+=(-f "$sql_dir/camunda/create/activiti.postgres.create.$component.sql")
  done
  [ $session_table = yes ] || files+=(-f "$sql_dir/spring-session/schema-postgresql.sql")
  files+=(-f "$sql_dir/parcours/postgres.sql")
  psql_run --single-transaction "${files[@]}"
  say "created: Camunda $(current_version), sessions table, Parcours's indexes"
  exit 0
fi

if version_gt "$(minor "$current")" "$(minor "$target")"; then
  die "the database is at Camunda $current, newer than the application's $target: deploy the newer application"
fi

# Upgrade minor by minor with Camunda's scripts postgres_engine_<from>_to_<to>.sql, each in its
# own transaction. Patch scripts (postgres_engine_<minor>_patch_<a>_to_<b>.sql) fix rare schema
# bugs of a minor version: Camunda's update guide asks to review them, so they stop this script.
while [ "$(minor "$current")" != "$(minor "$target")" ]; do
  from=$(minor "$current")
  patches=$(cd "$sql_dir/camunda/upgrade" && ls postgres_engine_"${from}"_patch_*.sql 2>/dev/null |
    while read -r patch; do
      to=$(echo "$patch" | sed -E 's/.*_to_([0-9.]+)(_[0-9]+)?\.sql$/\1/')
      if version_gt "$to" "$current"; then echo "$patch"; fi
    done) || true
  if [ -n "$patches" ]; then
    echo "schema.sh: Camunda patch scripts exist for $from after $current; review and apply them by hand" >&2
    echo "(Camunda's update guide, 'patch level update'), then run this again:" >&2
    echo "$patches" | sed "s|^|  $sql_dir/camunda/upgrade/|" >&2
    exit 3
  fi
  step=$(cd "$sql_dir/camunda/upgrade" && ls postgres_engine_"${from}"_to_*.sql 2>/dev/null | head -1) || true
  [ -n "$step" ] || die "no upgrade script from Camunda $from in the application's scripts"
  say "upgrading Camunda $current: $step"
  psql_run --single-transaction -f "$sql_dir/camunda/upgrade/$step"
  current=$(current_version)
done

if [ $session_table = no ]; then
  say "creating the sessions table"
  psql_run --single-transaction -f "$sql_dir/spring-session/schema-postgresql.sql"
fi
psql_run --single-transaction -f "$sql_dir/parcours/postgres.sql"
say "up to date: Camunda $current (application: $target), sessions table and Parcours's indexes present"
