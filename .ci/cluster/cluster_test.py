#!/usr/bin/env python3
"""Cluster test: two application nodes (plain `java -jar` processes) on one PostgreSQL database.

Starts CLUSTER_CASES cases (200) through both nodes while reminder timers (R2/PT30S here) and
committee-day timers come due; drives CLUSTER_DRIVEN of them (40) to the follow-up, where the
periodic review timer is made due by moving its due date as an operator does in Cockpit (its
cycle is a calendar period, one month at the shortest). Kills node2 with SIGKILL while it holds
job locks and while requests are in flight, lets node1 carry on alone, restarts node2. Then checks
through the REST API (as the administrator): no case lost or duplicated, every timer occurrence
fired exactly once (job log and the reminders/tasks it produced agree), no incident, only node1
worked while node2 was dead, and the webapp session opened on node2 still works on node1.

Environment: CLUSTER_JAR (the application jar), CLUSTER_WORKDIR (logs), optional CLUSTER_PGPORT
(5432), CLUSTER_CASES, CLUSTER_DRIVEN, CLUSTER_KEEP_DB=1 to keep the database for a look."""

import collections
import concurrent.futures as futures
import datetime as dt
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check as harness_check  # noqa: E402
from harness import (ADMIN, COUNTERS, TERRITORIES, Database, Failure, Node, Rest, WebSession,  # noqa: E402
                     all_pages, check, complete, cycle_check, free_port, iso_utc, log, main_guard,
                     parse_camunda_date, start_case, stop_all, task_id, wait_quiet)

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CASES = int(os.environ.get("CLUSTER_CASES", "200"))
DRIVEN = int(os.environ.get("CLUSTER_DRIVEN", "40"))
REMINDER = "R2/PT30S"       # two reminders, 30 s apart, for each open task that has one
REMINDERS_PER_CASE = 2
REMINDER_EVERY_S = 30
COMMITTEE_IN = 40           # seconds from scheduling to the committee day
LOCK_TIME_S = 60            # the postgres profile's job lock time (PARCOURS_JOB_LOCK_TIME_MS)


def main():
    jar, workdir = os.environ["CLUSTER_JAR"], os.environ["CLUSTER_WORKDIR"]
    run = time.strftime("%H%M%S")
    db = Database(f"parcours_cluster_{run}_{os.getpid()}", port=int(os.environ.get("CLUSTER_PGPORT", "5432")))
    nodes = []
    began = time.time()
    try:
        db.create()
        log(f"database {db.name}: schema by the documented procedure (docker/schema.sh apply)")
        db.apply_schema(REPO, jar)
        args = [f"--parcours.deadlines.reminder.{task}={REMINDER}"
                for task in ("recordConsent", "scheduleCommittee", "signAgreement")]
        # Timers fire at most 10 s late while a node is idle (production: 60 s); everything else,
        # lock time and backoff included, is the postgres profile's production setting.
        env = {"PARCOURS_JOB_MAX_WAIT_MS": "10000"}
        node1 = Node("node1", free_port(), jar, workdir, db.jdbc_url, args, env)
        node2 = Node("node2", free_port(), jar, workdir, db.jdbc_url, args, env)
        nodes.extend([node1, node2])
        # First start on an empty database: one node after the other (the start-up lock would
        # serialise them anyway; the fault test starts both at once).
        node1.start()
        node1.wait_up(300)
        node2.start()
        node2.wait_up(300)
        scenario(db, node1, node2, run)
        log(f"cluster test passed in {time.time() - began:.0f} s")
    finally:
        stop_all(nodes)
        if os.environ.get("CLUSTER_KEEP_DB") == "1":
            log(f"database kept: {db.name}")
        else:
            db.drop()


def scenario(db, node1, node2, run):
    nodes = [node1, node2]
    admin = Rest(nodes, *ADMIN)

    # A Tasklist user logs in on node2, the node that will die.
    web = WebSession()
    web.login(node2, "ts.artois")
    status, me = web.whoami(node2)
    check(status == 200 and me["userId"] == "ts.artois", "webapp session opened on node2")

    cases = {}          # index -> (businessKey, processInstanceId, node that answered)
    driven_done = {}    # index -> True when the case reached its review task
    lock = threading.Lock()
    started_at = time.time()

    def plain(i):
        territory = TERRITORIES[i % len(TERRITORIES)]
        result = start_case(nodes, f"CL{run}-{i:04d}", territory, prefer=i % 2)
        with lock:
            cases[i] = result

    def driven(i):
        territory = TERRITORIES[i % len(TERRITORIES)]
        prefer = i % 2
        key, pid, _ = start_case(nodes, f"CL{run}-{i:04d}", territory, prefer)
        with lock:
            cases[i] = (key, pid, _)
        worker, ctas, referent = (Rest(nodes, u + "." + territory) for u in ("ts", "ctas", "ts2"))
        complete(worker, key, "recordConsent", {"consentGiven": True, "sharingConsent": True}, prefer, wait=30)
        complete(worker, key, "globalDiagnostic", {
            "diagnosisSummary": "Cumul de difficultés.", "strengths": "Famille mobilisée",
            "actionPlan": [{"id": "o1", "label": "Logement adapté", "domain": "housing", "ownerName": "CCAS",
                            "status": "planned"}],
            "plannedDuration": "P6M", "reviewCycle": "P1M"}, prefer, wait=30)
        committee_day = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=COMMITTEE_IN)
        complete(ctas, key, "scheduleCommittee", {
            "committeeDate": committee_day.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "invitedMembers": [{"name": "Conseillère CAF", "organisation": "CAF"}]}, prefer, wait=30)
        # The committee-day timer opens holdCommittee.
        complete(ctas, key, "holdCommittee", {
            "attendance": [{"name": "Conseillère CAF", "organisation": "CAF", "present": True}],
            "personPresent": True, "committeeDecision": "admit", "coordinatorId": "ts2." + territory,
            "decisionNotes": "Admission."}, prefer, wait=COMMITTEE_IN + 150)
        complete(referent, key, "signAgreement", {"agreementSigned": True, "agreementDate": "2026-12-01"},
                 prefer, wait=60)
        # Follow-up: the periodic review timer (R/P1M) is made due now, as an operator would in
        # Cockpit ("change due date"), and must open exactly one reassessSituation task.
        deadline = time.time() + 60
        while True:
            jobs = admin.ok(admin.get(f"/job?processInstanceId={pid}&activityId=reassessmentDue", prefer=prefer),
                            "review timer of " + key)
            if jobs or time.time() > deadline:
                break
            time.sleep(2)
        if len(jobs) != 1:
            raise Failure(f"{key}: {len(jobs)} review timers")
        admin.ok(admin.call("PUT", f"/job/{jobs[0]['id']}/duedate", {"duedate": iso_utc(), "cascade": False},
                            prefer=prefer), "review timer due now in " + key)
        task_id(referent, key, "reassessSituation", prefer, wait=120)
        with lock:
            driven_done[i] = True

    log(f"workload: {CASES} cases through both nodes, {DRIVEN} of them driven to their review")
    pool_driven = futures.ThreadPoolExecutor(8)
    pool_plain = futures.ThreadPoolExecutor(4)
    work = [pool_driven.submit(driven, i) for i in range(DRIVEN)]
    work += [pool_plain.submit(plain, i) for i in range(DRIVEN, CASES)]

    # Kill node2 while it holds job locks: at the first wave of reminders, watch the job table.
    while time.time() - started_at < 30:
        time.sleep(0.5)
    dead_owner, orphans = None, []
    watch_until = time.time() + 60
    while time.time() < watch_until:
        rows = db.sql("select id_, lock_owner_ from act_ru_job where lock_owner_ like 'node2/%' "
                      "and lock_exp_time_ > now()")
        if rows:
            dead_owner = rows[0][1]
            break
        time.sleep(0.05)
    in_flight = sum(1 for w in work if not w.done())
    node2.kill9()
    killed_at = time.time()
    log(f"node2 killed {killed_at - started_at:.0f} s into the workload; requests still to do: {in_flight} cases")
    if dead_owner is None:
        rows = db.sql("select distinct lock_owner_ from act_ru_job where lock_owner_ like 'node2/%'")
        dead_owner = rows[0][0] if rows else None
    if dead_owner:
        orphans = [r[0] for r in db.sql(f"select id_ from act_ru_job where lock_owner_ = '{dead_owner}'")]
    log(f"jobs locked by the dead node ({dead_owner}): {len(orphans)}")

    # The session opened on node2 works on node1.
    status, me = web.whoami(node1)
    check(status == 200 and isinstance(me, dict) and me.get("userId") == "ts.artois",
          "the session opened on the dead node is recognised by node1")
    status, body = web.task_count(node1)
    check(status == 200, f"a Tasklist call (POST with the CSRF token) of that session works on node1 ({status})")

    # node1 alone: the orphaned locks expire after the lock time, then node1 runs those jobs.
    taken_over = None
    if orphans:
        deadline = killed_at + LOCK_TIME_S + 60
        while time.time() < deadline:
            if not db.sql(f"select 1 from act_ru_job where lock_owner_ = '{dead_owner}'"):
                taken_over = time.time() - killed_at
                break
            time.sleep(1)
        check(taken_over is not None, f"the {len(orphans)} jobs locked by the dead node were taken over by node1"
              f" after {taken_over or 0:.0f} s (lock time {LOCK_TIME_S} s)")
    else:
        time.sleep(20)
    alone_until = time.time()
    node2.start()
    node2.wait_up(300)
    back_at = time.time()

    for w in work:
        w.result(timeout=max(10, 600 - (time.time() - started_at)))
    pool_driven.shutdown()
    pool_plain.shutdown()
    log(f"all {CASES} starts answered, {len(driven_done)} cases driven to their review task")

    # Quiescence: the reminder cycles (R2) have run out, nothing is overdue.
    check(wait_quiet(db, "recordConsentReminderDue", 240),
          "quiet: every reminder cycle ran out, no timer overdue")

    verify(db, admin, cases, killed_at, alone_until, back_at, orphans, node2)


def verify(db, admin, cases, killed_at, alone_until, back_at, orphans, node2):
    problems = []

    def check(condition, message):
        return harness_check(condition, message, problems)
    # Cases: none lost, none duplicated.
    refs = [v for v in all_pages(admin, "/history/variable-instance?variableName=personRef&processDefinitionKey=pathway")]
    per_ref = collections.Counter(v["value"] for v in refs)
    ours = {ref: n for ref, n in per_ref.items() if ref.startswith("CL")}
    check(len(ours) == CASES, f"{CASES} cases started, {len(ours)} found in history (none lost)")
    check(all(n == 1 for n in ours.values()), "each person has exactly one case (none duplicated)")
    instances = all_pages(admin, "/history/process-instance?processDefinitionKey=pathway")
    keys = [i["businessKey"] for i in instances]
    check(len(keys) == CASES and len(set(keys)) == CASES, f"{len(set(keys))} distinct case references for {CASES} cases")

    # Incidents.
    incidents = admin.ok(admin.get("/history/incident/count"), "incidents")["count"]
    check(incidents == 0, f"no incident ({incidents})")

    # Job log: each job ran successfully once, each timer occurrence fired once.
    job_log = all_pages(admin, "/history/job-log")
    successes = [r for r in job_log if r["successLog"]]
    failures = [r for r in job_log if r["failureLog"]]
    # Camunda's history cleanup job is one job that reschedules itself: not a process's job.
    successes = [r for r in successes if r["processInstanceId"]]
    per_job = collections.Counter(r["jobId"] for r in successes)
    if not check(all(n == 1 for n in per_job.values()), f"{len(per_job)} jobs, each executed successfully exactly once"):
        for job_id in [j for j, n in per_job.items() if n > 1][:3]:
            for r in job_log:
                if r["jobId"] == job_id:
                    log(f"  {job_id} {r['activityId']} due {r['jobDueDate']} at {r['timestamp']} on {r['hostname']}"
                        f" created={r['creationLog']} failed={r['failureLog']} success={r['successLog']}"
                        f" deleted={r['deletionLog']} type={r['jobDefinitionType']}")
    timers = [r for r in successes if (r["jobDefinitionType"] or "").startswith("timer")]
    per_occurrence = collections.Counter((r["processInstanceId"], r["activityId"], r["jobDueDate"]) for r in timers)
    check(all(n == 1 for n in per_occurrence.values()), f"{len(timers)} timer firings, one per timer occurrence")
    by_activity = collections.Counter(r["activityId"] for r in timers)
    log(f"timer firings by timer: {dict(by_activity)}; job failures (retried): {len(failures)}")
    for failure in failures[:5]:
        log(f"  failure: {failure['activityId']} {failure['jobExceptionMessage']}")

    def at(r):
        return parse_camunda_date(r["timestamp"]).timestamp()

    # The timers' effects agree with the firings: one reminder, committee day or review per firing.
    def fired(activity):
        return collections.Counter(r["processInstanceId"] for r in timers if r["activityId"] == activity)

    def executed(path):
        return collections.Counter(a["processInstanceId"] for a in all_pages(admin, path))

    for timer, effect in (("recordConsentReminderDue", "/history/activity-instance?activityId=remindConsent"),
                          ("scheduleCommitteeReminderDue", "/history/activity-instance?activityId=remindScheduling"),
                          ("signAgreementReminderDue", "/history/activity-instance?activityId=remindAgreement"),
                          ("committeeDay", "/history/task?taskDefinitionKey=holdCommittee"),
                          ("reassessmentDue", "/history/task?taskDefinitionKey=reassessSituation")):
        check(fired(timer) == executed(effect), f"{timer}: {sum(fired(timer).values())} firings, as many effects")
    # The cases waiting for consent: their reminder cycle (R2/PT30S) ran to its end. Camunda fires
    # a cycle timer once per execution and then schedules the next occurrence after that moment:
    # an occurrence that fell due while its predecessor was still held by the dead node (locked for
    # up to the lock time) is not replayed. So each case's firings must be exactly the schedule's
    # occurrences that follow each actual firing, no more, no less.
    undriven = [cases[i][1] for i in range(DRIVEN, CASES)]
    firings = collections.defaultdict(list)
    for r in timers:
        if r["activityId"] == "recordConsentReminderDue":
            firings[r["processInstanceId"]].append((parse_camunda_date(r["jobDueDate"]).timestamp(), at(r)))
    skipped, wrong = 0, []
    for pid in undriven:
        ok, reason = cycle_check(firings.get(pid, []), REMINDER_EVERY_S, REMINDERS_PER_CASE)
        if not ok:
            wrong.append((pid, reason))
        skipped += REMINDERS_PER_CASE - len(firings.get(pid, []))
    check(not wrong, f"each of the {len(undriven)} cases waiting for consent got its reminders exactly once per"
          f" occurrence ({sum(len(firings[p]) for p in undriven)} reminders; {skipped} occurrences absorbed by a"
          f" firing delayed by the node loss){'' if not wrong else ': ' + str(wrong[:3])}")
    driven = {pid for _, pid, _ in (cases[i] for i in range(DRIVEN))}
    review = fired("reassessmentDue")
    check(all(review.get(pid, 0) == 1 for pid in driven), f"each of the {DRIVEN} driven cases: one review firing")
    check(sum(fired("committeeDay").values()) == DRIVEN, f"{DRIVEN} committee days, each fired once")

    # node1 alone while node2 was dead.
    alone = [r for r in successes if killed_at + 1 < at(r) < alone_until]
    check(alone and all(r["hostname"] == "node1" for r in alone),
          f"while node2 was dead, node1 ran the jobs alone ({len(alone)} jobs)")
    if orphans:
        taken = [r for r in successes if r["jobId"] in set(orphans)]
        check(all(r["hostname"] == "node1" for r in taken),
              f"the jobs node2 held when it died ran once, on node1 ({len(taken)} of {len(orphans)}; the others"
              " were cancelled by their task's completion or were the next occurrence of a cycle)")
    after = [r for r in successes if at(r) > back_at]
    by_node_after = collections.Counter(r["hostname"] for r in after)
    log(f"jobs run after node2 came back: {dict(by_node_after)}")
    by_node = collections.Counter(r["hostname"] for r in successes)
    check(node2.health()[0] == 200, "node2 restarted and healthy")

    log("FIGURES: " + ", ".join([
        f"cases={CASES}", f"driven={DRIVEN}", f"timer_firings={len(timers)}", f"jobs={len(per_job)}",
        f"jobs_by_node={dict(by_node)}", "duplicate_cases=0", "duplicate_firings=0",
        f"start_conflict_retries={COUNTERS.get('start_conflicts')}",
        f"other_conflict_retries={COUNTERS.get('conflicts')}",
        f"failovers={COUNTERS.get('failovers')}", f"requests_cut_by_the_kill={COUNTERS.get('requests_cut')}",
        f"start_answers_lost={COUNTERS.get('start_answer_lost')}",
        f"found_after_lost_answer={COUNTERS.get('start_found_after_lost_answer')}",
        f"job_failures_retried={len(failures)}", f"orphaned_jobs={len(orphans)}",
        f"node2_down_s={back_at - killed_at:.0f}"]))
    if problems:
        raise Failure(f"{len(problems)} checks failed: {problems}")


if __name__ == "__main__":
    main_guard(main)
