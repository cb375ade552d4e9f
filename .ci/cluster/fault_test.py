#!/usr/bin/env python3
"""Fault test: the database goes away for 30 seconds under two running nodes.

Runs on a PostgreSQL cluster of its own (Debian's pg_createcluster, on a free port, created,
started, stopped and dropped here), never on the machine's shared one. Both nodes start at the
same time on the empty database (the start-up lock serialises their seeding). Cases are started,
the database is stopped (fast shutdown: connections cut), the nodes must report DOWN on
/actuator/health (component db), a start attempted meanwhile must fail and leave nothing; the
database comes back and the nodes must report UP by themselves, with every case committed before
the outage there, the reminders that fell due during the outage fired once each, new cases
starting on both nodes, and no incident.

Environment: CLUSTER_JAR, CLUSTER_WORKDIR, CLUSTER_PIDS (see harness.py); PG_VERSION (15)."""

import collections
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (ADMIN, COUNTERS, TERRITORIES, Database, Failure, Node, Rest, all_pages, check,  # noqa: E402
                     cycle_check, free_port, log, main_guard, parse_camunda_date, referral, start_case, stop_all,
                     wait_quiet)

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VERSION = os.environ.get("PG_VERSION", "15")
OUTAGE_S = 30
CASES_BEFORE = 40
CASES_AFTER = 20
REMINDER = "R2/PT20S"


def pg(*command, check_rc=True):
    result = subprocess.run(list(command), capture_output=True, text=True, timeout=120)
    if check_rc and result.returncode != 0:
        raise Failure(f"{' '.join(command)}: {result.stderr.strip() or result.stdout.strip()}")
    return result


def wait_ready(port, up, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        ready = subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(port)]).returncode == 0
        if ready == up:
            return
        time.sleep(0.5)
    raise Failure(f"PostgreSQL on port {port} not {'up' if up else 'down'} after {timeout} s")


def main():
    jar, workdir = os.environ["CLUSTER_JAR"], os.environ["CLUSTER_WORKDIR"]
    name = f"parcours_fault_{os.getpid()}"
    port = free_port()
    nodes = []
    created = False
    began = time.time()
    try:
        log(f"PostgreSQL {VERSION} cluster {name} on port {port}, of this test only")
        pg("pg_createcluster", VERSION, name, "--port", str(port),
           "--", "--auth=trust")
        created = True
        with open(os.path.join(workdir, "pgcluster"), "w") as f:
            f.write(f"{VERSION} {name}\n")
        pg("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, name, "start")
        wait_ready(port, True)
        db = Database("parcours", port=port)
        db.create()
        log("schema by the documented procedure (docker/schema.sh apply)")
        db.apply_schema(REPO, jar)

        args = [f"--parcours.deadlines.reminder.recordConsent={REMINDER}"]
        env = {"PARCOURS_JOB_MAX_WAIT_MS": "10000"}
        nodes.extend([Node("nodeA", free_port(), jar, workdir, db.jdbc_url, args, env),
                      Node("nodeB", free_port(), jar, workdir, db.jdbc_url, args, env)])
        scenario(db, name, port, nodes)
        log(f"fault test passed in {time.time() - began:.0f} s")
    finally:
        stop_all(nodes)
        if created:
            pg("pg_dropcluster", "--stop", VERSION, name, check_rc=False)
            log(f"cluster {name} dropped")


def scenario(db, name, port, nodes):
    node_a, node_b = nodes
    # Both nodes at once on the empty database.
    node_a.start()
    node_b.start()
    node_a.wait_up(420)
    node_b.wait_up(420)
    admin = Rest(nodes, *ADMIN)
    # Tenants, groups, users and grants have unique keys: a second creation would have killed a
    # node. Filters have none: each must exist once.
    filters = collections.Counter(f["name"] for f in admin.ok(admin.get("/filter"), "filters"))
    check(filters and all(n == 1 for n in filters.values()),
          f"two nodes started together on the empty database, both running, {len(filters)} Tasklist filters, each once")

    before = {}
    for i in range(CASES_BEFORE):
        ref = f"FB-{i:03d}"
        before[ref] = start_case(nodes, ref, TERRITORIES[i % 4], prefer=i % 2)[0]
    log(f"{len(before)} cases committed before the outage")

    # The outage.
    pg("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, name, "stop", "-m", "fast")
    wait_ready(port, False)
    down_at = time.time()
    log("database stopped")
    seen_down = {}
    phantom = []

    def watch_down(node):
        while node.name not in seen_down and time.time() - down_at < OUTAGE_S:
            status, body = node.health()
            db_status = body.get("components", {}).get("db", {}).get("status")
            if status == 503 and body.get("status") == "DOWN" and db_status == "DOWN":
                seen_down[node.name] = time.time() - down_at
                log(f"{node.name}: health DOWN (db DOWN) {seen_down[node.name]:.1f} s after the outage began")
            time.sleep(0.5)

    watchers = [threading.Thread(target=watch_down, args=(node,), daemon=True) for node in nodes]
    for watcher in watchers:
        watcher.start()
    while time.time() - down_at < OUTAGE_S:
        if len(seen_down) == 2 and not phantom:
            # A start during the outage fails: the caller knows nothing was recorded.
            for index, node in enumerate(nodes):
                ref = f"FOUT-{index}"
                response = Rest([node], "ts.artois").post("/process-definition/key/pathway/start",
                                                           {"variables": referral(ref, "artois")},
                                                           retry_conflicts=False)
                check(response.status >= 500, f"a start on {node.name} during the outage fails ({response.status})")
                phantom.append(ref)
        time.sleep(1)
    check(len(seen_down) == 2, f"both nodes reported DOWN during the outage ({seen_down})")
    check(all(node.alive() for node in nodes), "both nodes kept running through the outage")

    pg("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, name, "start")
    wait_ready(port, True)
    up_at = time.time()
    log(f"database back after {up_at - down_at:.0f} s")
    recovered = {}

    def watch_up(node):
        while node.name not in recovered and time.time() - up_at < 180:
            status, body = node.health()
            if status == 200 and body.get("status") == "UP":
                recovered[node.name] = time.time() - up_at
                log(f"{node.name}: health UP again {recovered[node.name]:.1f} s after the database came back")
            time.sleep(0.5)

    watchers = [threading.Thread(target=watch_up, args=(node,), daemon=True) for node in nodes]
    for watcher in watchers:
        watcher.start()
    for watcher in watchers:
        watcher.join()
    check(len(recovered) == 2, f"both nodes recovered by themselves ({recovered})")

    # Nothing committed is lost, nothing half-done appears.
    refs = collections.Counter(v["value"] for v in
                               all_pages(admin, "/history/variable-instance?variableName=personRef&processDefinitionKey=pathway"))
    check(all(refs.get(ref) == 1 for ref in before), f"the {len(before)} cases committed before the outage are all there, once")
    check(all(ref not in refs for ref in phantom), "the starts refused during the outage left nothing")
    after = {}
    for i in range(CASES_AFTER):
        ref = f"FA-{i:03d}"
        after[ref] = start_case(nodes, ref, TERRITORIES[i % 4], prefer=i % 2)
    check(collections.Counter(node for _, _, node in after.values()) == {"nodeA": CASES_AFTER // 2, "nodeB": CASES_AFTER // 2},
          f"{CASES_AFTER} new cases started after the outage, on both nodes")

    # The reminders that fell due during the outage fire after it, once each (an occurrence that
    # fell due while the first one waited for the database is absorbed by it: Camunda's cycles).
    check(wait_quiet(db, "recordConsentReminderDue", 240),
          "quiet: every reminder cycle ran out, no timer overdue")
    successes = all_pages(admin, "/history/job-log?successLog=true&activityIdIn=recordConsentReminderDue")
    per_job = collections.Counter(r["jobId"] for r in successes)
    check(all(n == 1 for n in per_job.values()), f"{len(per_job)} reminder jobs, each executed once")
    firings = collections.defaultdict(list)
    for r in successes:
        firings[r["processInstanceId"]].append((parse_camunda_date(r["jobDueDate"]).timestamp(),
                                                parse_camunda_date(r["timestamp"]).timestamp()))
    reminders = collections.Counter(a["processInstanceId"] for a in
                                    all_pages(admin, "/history/activity-instance?activityId=remindConsent"))
    check(reminders == collections.Counter({pid: len(f) for pid, f in firings.items()}),
          f"one reminder per firing ({sum(reminders.values())})")
    late = sum(1 for f in firings.values() for due, executed in f if down_at <= due <= up_at)
    wrong = [(pid, cycle_check(f, 20, 2)[1]) for pid, f in firings.items() if not cycle_check(f, 20, 2)[0]]
    check(len(firings) == CASES_BEFORE + CASES_AFTER and not wrong,
          f"every case's reminders fired once per occurrence, the {late} due during the outage after it"
          f" ({sum(reminders.values())} reminders, {2 * len(firings) - sum(reminders.values())} occurrences absorbed)"
          f"{'' if not wrong else ': ' + str(wrong[:3])}")
    incidents = admin.ok(admin.get("/history/incident/count"), "incidents")["count"]
    check(incidents == 0, f"no incident ({incidents})")
    failures = admin.ok(admin.get("/history/job-log/count?failureLog=true"), "job failures")["count"]
    log("FIGURES: " + ", ".join([
        f"cases_before={len(before)}", f"cases_after={len(after)}", f"outage_s={up_at - down_at:.0f}",
        "down_detected_s=" + "/".join(f"{seen_down[n.name]:.0f}" for n in nodes),
        "recovery_s=" + "/".join(f"{recovered[n.name]:.1f}" for n in nodes),
        f"reminders={sum(reminders.values())}", f"reminders_due_during_outage={late}", f"job_failures_retried={failures}",
        f"start_conflict_retries={COUNTERS.get('start_conflicts')}"]))


if __name__ == "__main__":
    main_guard(main)
