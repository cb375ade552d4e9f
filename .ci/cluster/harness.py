"""Plain-process cluster harness: application nodes as `java -jar` processes on one PostgreSQL
database, driven over HTTP like the compose topology (see docker/README.md). Standard library only.

Every process started here is recorded in $CLUSTER_PIDS (one pid a line) so that the shell
wrapper can kill what is left if this script dies; Python's own cleanup stops them first."""

import base64
import datetime as dt
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

TERRITORIES = ["artois", "audomarois", "strasbourg", "saverne"]
ADMIN = ("demo", "demo")  # the demo profile's administrator (group camunda-admin)


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Failure(AssertionError):
    pass


def check(condition, message, problems=None):
    """Asserts; with a list of problems, records the failure there and carries on (to report all)."""
    if not condition:
        if problems is None:
            raise Failure(message)
        problems.append(message)
        log(f"NOT OK: {message}")
        return False
    log(f"ok: {message}")
    return True


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def iso_utc(moment=None):
    """A date as Camunda's REST API reads it (yyyy-MM-dd'T'HH:mm:ss.SSSZ)."""
    moment = moment or dt.datetime.now(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+0000"


def parse_camunda_date(text):
    # 2026-11-23T04:35:32.264+0100
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%f%z")


# --- HTTP ---------------------------------------------------------------------------------------

class Response:
    def __init__(self, status, body, headers, node):
        self.status, self.body, self.headers, self.node = status, body, headers, node

    def json(self):
        return json.loads(self.body) if self.body else None

    def __repr__(self):
        return f"{self.status} {self.body[:300]}"


class Unreachable(Exception):
    pass


def http(method, url, body=None, headers=None, timeout=30):
    data = None
    headers = dict(headers or {})
    if body is not None:
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        else:
            data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), error.headers
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout, OSError) as error:
        raise Unreachable(f"{method} {url}: {error}") from error


class Counters:
    def __init__(self):
        self.lock = threading.Lock()
        self.values = {}

    def add(self, name, amount=1):
        with self.lock:
            self.values[name] = self.values.get(name, 0) + amount

    def get(self, name):
        with self.lock:
            return self.values.get(name, 0)


COUNTERS = Counters()


def is_optimistic_locking(response):
    """Camunda's REST API answers an optimistic locking conflict with 500 (sometimes 409),
    type OptimisticLockingException or a RestException quoting ENGINE-03005."""
    return response.status in (409, 500) and any(mark in response.body for mark in (
        "OptimisticLocking", "ENGINE-03005", "was updated by another transaction concurrently"))


class Rest:
    """The engine REST API as one user, on a preferred node; when that node does not answer, the
    call goes to another node, as the reverse proxy would do. Calls refused with an optimistic
    locking conflict (two transactions on the same row) are retried, and counted."""

    def __init__(self, nodes, user, password="demo"):
        self.nodes = nodes
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.user = user

    def call(self, method, path, body=None, prefer=0, retry_conflicts=True, counter="conflicts"):
        for attempt in range(15):
            response = self._once(method, path, body, prefer)
            if retry_conflicts and is_optimistic_locking(response):
                COUNTERS.add(counter)
                time.sleep(random.uniform(0.05, 0.3) * (attempt + 1))
                continue
            return response
        return response

    def _once(self, method, path, body, prefer):
        order = list(range(len(self.nodes)))
        order = order[prefer % len(order):] + order[:prefer % len(order)]
        last = None
        for index in order:
            node = self.nodes[index]
            try:
                status, text, headers = http(method, node.url + "/engine-rest" + path, body,
                                             {"Authorization": self.auth, "Accept": "application/json"})
                if index != order[0]:
                    COUNTERS.add("failovers")
                return Response(status, text, headers, node.name)
            except Unreachable as error:
                last = error
                if "refused" not in str(error).lower():
                    # The node died with this request in flight: it may or may not have committed.
                    COUNTERS.add("requests_cut")
        raise Unreachable(f"no node answers: {last}")

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, body, **kw):
        return self.call("POST", path, body, **kw)

    def ok(self, response, what):
        if response.status not in (200, 204):
            raise Failure(f"{what} as {self.user}: {response}")
        return response.json() if response.status == 200 else None


def variables(values):
    out = {}
    for name, value in values.items():
        if isinstance(value, (list, dict)):
            out[name] = {"value": json.dumps(value), "type": "Json"}
        elif isinstance(value, bool):
            out[name] = {"value": value, "type": "Boolean"}
        else:
            out[name] = {"value": value, "type": "String"}
    return out


def referral(person_ref, territory):
    return variables({
        "personRef": person_ref,
        "personLabel": "X. Y. 1980",
        "territory": territory,
        "referrerId": "ts." + territory,
        "interveners": [
            {"name": "Conseillère CAF", "organisation": "CAF", "role": "Accès aux droits", "userId": "caf." + territory},
            {"name": "Conseiller France Travail", "organisation": "France Travail", "role": "Emploi",
             "userId": "ft." + territory}],
        "difficultyDomains": ["housing", "employment", "education"],
        "durableSupport": True,
        "urgent": False,
    })


def start_case(nodes, person_ref, territory, prefer):
    """Starts a pathway as the territory's social worker. A start whose answer was lost (node
    killed after the commit, before the answer) is found again by personRef: the application
    refuses a second open pathway for the same person, so a blind retry can never duplicate."""
    rest = Rest(nodes, "ts." + territory)
    admin = Rest(nodes, *ADMIN)
    for attempt in range(10):
        try:
            response = rest.post("/process-definition/key/pathway/start", {"variables": referral(person_ref, territory)},
                                 prefer=prefer, counter="start_conflicts")
        except Unreachable:
            COUNTERS.add("start_answer_lost")
            time.sleep(1)
            continue
        if response.status == 200:
            return response.json()["businessKey"], response.json()["id"], response.node
        if response.status == 400 and "déjà ouvert" in response.body:
            COUNTERS.add("start_found_after_lost_answer")
            found = admin.ok(admin.get("/process-instance?processDefinitionKey=pathway&variables=personRef_eq_"
                                       + urllib.parse.quote(person_ref)), "find " + person_ref)
            if len(found) == 1:
                return found[0]["businessKey"], found[0]["id"], response.node
        if response.status >= 500:
            COUNTERS.add("start_errors")
            log(f"start {person_ref}: {response}")
            time.sleep(1)
            continue
        raise Failure(f"start {person_ref}: {response}")
    raise Failure(f"start {person_ref}: no success after 10 attempts")


def task_id(rest, business_key, task_key, prefer=0, wait=0.0):
    deadline = time.time() + wait
    while True:
        tasks = rest.ok(rest.get(f"/task?processInstanceBusinessKey={urllib.parse.quote(business_key)}"
                                 f"&taskDefinitionKey={task_key}", prefer=prefer), f"tasks {task_key} of {business_key}")
        if len(tasks) == 1:
            return tasks[0]["id"]
        if len(tasks) > 1:
            raise Failure(f"{len(tasks)} open tasks {task_key} in {business_key}")
        if time.time() > deadline:
            raise Failure(f"no open task {task_key} in {business_key} after {wait:.0f} s")
        time.sleep(2)


def complete(rest, business_key, task_key, values, prefer=0, wait=0.0):
    """Completes the open task; if the answer was lost and the task is gone, it was completed."""
    tid = task_id(rest, business_key, task_key, prefer, wait)
    for _ in range(5):
        try:
            response = rest.post(f"/task/{tid}/complete", {"variables": variables(values)}, prefer=prefer)
        except Unreachable:
            time.sleep(1)
            continue
        if response.status in (200, 204):
            return
        if response.status == 404 or (response.status == 500 and "Cannot find task" in response.body):
            COUNTERS.add("complete_found_after_lost_answer")
            return
        raise Failure(f"complete {task_key} of {business_key}: {response}")
    raise Failure(f"complete {task_key} of {business_key}: no node answers")


# --- Webapp session -----------------------------------------------------------------------------

class WebSession:
    """A browser's session with the Camunda webapps: session cookie, CSRF cookie and header."""

    def __init__(self):
        self.cookies = {}

    def _headers(self, extra=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if "XSRF-TOKEN" in self.cookies:
            headers["X-XSRF-TOKEN"] = self.cookies["XSRF-TOKEN"]
        headers.update(extra or {})
        return headers

    def _keep(self, headers):
        for header in headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]

    def request(self, node, method, path, body=None, content_type=None):
        extra = {"Content-Type": content_type} if content_type else {}
        status, text, headers = http(method, node.url + path, body, self._headers(extra))
        self._keep(headers)
        return status, text

    def login(self, node, user, password="demo"):
        self.request(node, "GET", "/camunda/app/tasklist/default/")
        status, text = self.request(node, "POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                                    urllib.parse.urlencode({"username": user, "password": password}),
                                    "application/x-www-form-urlencoded")
        if status != 200:
            raise Failure(f"webapp login of {user} on {node.name}: {status} {text}")
        # The webapp reads its user once logged in; this renews the CSRF token for the new session.
        self.request(node, "GET", "/camunda/api/admin/auth/user/default")
        return json.loads(text)

    def whoami(self, node):
        status, text = self.request(node, "GET", "/camunda/api/admin/auth/user/default")
        return status, (json.loads(text) if status == 200 else text)

    def task_count(self, node):
        """A state-changing style call (POST) of Tasklist: needs the session and the CSRF token."""
        return self.request(node, "POST", "/camunda/api/engine/engine/default/task/count", {}, "application/json")


# --- Nodes and database -------------------------------------------------------------------------

def record_pid(pid):
    path = os.environ.get("CLUSTER_PIDS")
    if path:
        with open(path, "a") as f:
            f.write(f"{pid}\n")


class Node:
    def __init__(self, name, port, jar, workdir, db_url, extra_args=(), extra_env=None):
        self.name, self.port, self.jar, self.workdir = name, port, jar, workdir
        self.db_url = db_url
        self.url = f"http://127.0.0.1:{port}"
        self.extra_args, self.extra_env = list(extra_args), dict(extra_env or {})
        self.process = None
        self.starts = 0

    def start(self):
        self.starts += 1
        env = dict(os.environ)
        env.update({
            # demo: the départements and the demo users (known passwords) the test acts as;
            # postgres: the production database settings, schema never altered by the engine.
            "SPRING_PROFILES_ACTIVE": "demo,postgres",
            "PARCOURS_DB_URL": self.db_url,
            "PARCOURS_DB_USER": "postgres",
            "PARCOURS_DB_PASSWORD": "",
            "PARCOURS_NODE_NAME": self.name,
            "PORT": str(self.port),
        })
        env.update(self.extra_env)
        logfile = open(os.path.join(self.workdir, f"{self.name}.{self.starts}.log"), "w")
        # The demo users log in; the demo's sample cases and background history (which moves the
        # engine clock into the past) would blur the counts and the timers: off.
        command = ["java", "-Xms256m", "-Xmx1g", "-jar", self.jar, "--parcours.demo.sample-cases=false",
                   "--parcours.demo.history-cases=0", *self.extra_args]
        self.process = subprocess.Popen(command, cwd=self.workdir, env=env, stdout=logfile, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        record_pid(self.process.pid)
        log(f"{self.name}: started pid {self.process.pid} on port {self.port}")

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def health(self):
        try:
            status, text, _ = http("GET", self.url + "/actuator/health", timeout=15)
            return status, json.loads(text) if text.startswith("{") else {}
        except Unreachable:
            return None, {}

    def wait_up(self, timeout):
        began = time.time()
        while time.time() - began < timeout:
            if not self.alive():
                raise Failure(f"{self.name} exited with {self.process.returncode} (see {self.name}.{self.starts}.log)")
            status, body = self.health()
            if status == 200 and body.get("status") == "UP":
                log(f"{self.name}: UP after {time.time() - began:.0f} s")
                return time.time() - began
            time.sleep(1)
        raise Failure(f"{self.name} not UP after {timeout} s")

    def kill9(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        log(f"{self.name}: killed (SIGKILL)")

    def stop(self):
        if not self.alive():
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


class Database:
    def __init__(self, name, port=5432, host="127.0.0.1", user="postgres"):
        self.name, self.port, self.host, self.user = name, port, host, user

    @property
    def jdbc_url(self):
        return f"jdbc:postgresql://{self.host}:{self.port}/{self.name}"

    def env(self):
        env = dict(os.environ)
        env.update({"PGHOST": self.host, "PGPORT": str(self.port), "PGUSER": self.user, "PGDATABASE": self.name})
        return env

    def sql(self, statement, timeout=30):
        result = subprocess.run(["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", statement],
                                env=self.env(), capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"psql: {result.stderr.strip()}")
        return [line.split("|") for line in result.stdout.strip().splitlines() if line]

    def create(self):
        subprocess.run(["createdb", self.name], env=self.env(), check=True)

    def drop(self):
        subprocess.run(["dropdb", "--if-exists", self.name], env=self.env(), capture_output=True)

    def apply_schema(self, repo, jar):
        """The documented procedure (docker/README.md): docker/schema.sh apply."""
        subprocess.run([os.path.join(repo, "docker", "schema.sh"), "--jar", jar, "apply"], env=self.env(), check=True)


def cycle_check(fires, every_s, repetitions):
    """A cycle timer Rn/PTxS of one case: `fires` are its firings [(due, executed at)] (epoch s).
    Camunda fires a cycle timer once per execution, then schedules the next occurrence that is
    after that moment: occurrences that fell due while the timer waited (its job held by a dead
    node, or no database) are absorbed by the late firing, not replayed. So: the first occurrence
    fired; each firing is a later occurrence than the one before; every occurrence skipped was
    already due when the firing before it ran. Returns (ok, reason)."""
    fires = sorted(fires)
    if not fires:
        return False, "never fired"
    # Occurrences after the first come from the cycle's start rounded down to the second.
    schedule = [fires[0][0] + every_s * k for k in range(repetitions)]
    slack = 1.5
    indexes = []
    for due, _ in fires:
        match = [k for k, s in enumerate(schedule) if s - slack <= due <= s + 0.01]
        if not match:
            return False, f"firing due {due} is no occurrence of {schedule}"
        indexes.append(match[0])
    if indexes[0] != 0 or any(b <= a for a, b in zip(indexes, indexes[1:])):
        return False, f"occurrences fired {indexes}: the first must fire, each once, in order"
    for (index, (_, executed)), following in zip(enumerate(fires), indexes[1:] + [repetitions]):
        for skipped in range(indexes[index] + 1, following):
            if schedule[skipped] > executed + slack:
                return False, f"occurrence {skipped} ({schedule[skipped]}) was not due at {executed}, yet never fired"
    return True, ""


def wait_quiet(db, cycle_timer, timeout):
    """Until the finite reminder cycles have run out (no job left for that timer) and no job is
    overdue by more than 20 s. Returns whether that happened within the timeout."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        left = db.sql("select count(*) from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
                      f" where d.act_id_ = '{cycle_timer}'")[0][0]
        overdue = db.sql("select count(*) from act_ru_job where duedate_ < now() - interval '20 seconds'"
                         " and retries_ > 0")[0][0]
        if left == "0" and overdue == "0":
            return True
        time.sleep(3)
    return False


def all_pages(rest, path, page=500):
    """Every row of a list endpoint of the REST API (firstResult/maxResults)."""
    rows, first = [], 0
    separator = "&" if "?" in path else "?"
    while True:
        chunk = rest.ok(rest.get(f"{path}{separator}firstResult={first}&maxResults={page}"), path)
        rows.extend(chunk)
        if len(chunk) < page:
            return rows
        first += page


def stop_all(nodes):
    threads = [threading.Thread(target=node.stop) for node in nodes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main_guard(body):
    """Runs the test; SIGTERM (the wrapper's timeout) goes through the same cleanup as an error."""
    def terminate(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")
    signal.signal(signal.SIGTERM, terminate)
    code = 0
    try:
        body()
    except Failure as failure:
        log(f"FAILED: {failure}")
        code = 1
    except BaseException as error:  # noqa: BLE001 - cleanup has run (finally blocks), report and leave
        log(f"FAILED: {type(error).__name__}: {error}")
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    # Worker threads still waiting on HTTP calls must not keep the process alive.
    os._exit(code)
