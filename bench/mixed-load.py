#!/usr/bin/env python3
"""A bounded minute of mixed writes against Birge, then a check of every acknowledged write against the database.

Setup, through the API as the national admin (POST /api/v1/auth/token): an operator and a staff member of Almaty's
office, a coordinator whose organisation (a fresh valid BIN) the staff member verifies, a published opportunity with
small shifts (5 seats, one with 1) that will be over-asked and one shift starting in 10 minutes (check-in opens 30
minutes before a shift, CheckinCode.OpensBefore), and a pool of phone-only volunteers with tokens, all accepted on the
check-in shift. Then, for --seconds, --workers threads do a mix:
  signup     POST /api/v1/accounts (a unique e-mail or phone, half each); the new person logs in (token) and joins the pool
  apply      POST /api/v1/shifts/{id}/applications to a small shift (accepted, then waitlisted)
  checkin    GET /api/v1/shifts/{id}/checkin-code as the coordinator, POST /api/v1/shifts/{id}/checkin as a volunteer
  help       POST /api/v1/help-requests by the operator (queued at once)
  claim      POST /api/v1/help-requests/{id}/claim by a volunteer
  twice      one of sign-up, application or help request sent twice at the same moment (a double tap; --no-twice: none)
Every request is recorded (kind, status, problem code, id on 2xx, start and end time); nothing is retried: a failed
write is counted as failed. Each request is a new connection, so a dead keep-alive connection never fails a write.

Afterwards (psql "$DATABASE_URL"): every 2xx write is in the database exactly once, no shift has more accepted
applications than seats, no help request was claimed by two volunteers, no check-in is recorded twice, and every
due outbox message was sent once (SMS: the fake gateway's count of repeated Idempotency-Keys and its count against
the database's; e-mail: the fake SMTP server's count of repeated contents). Messages held for the quiet hours
(22:00-08:00 Kazakhstan time) are made due at once first (--send-held, on by default), so they are checked too.
Prints requests by kind and status, the error rate, the longest run of errors, the recovery after each event of
--events (a file of "unix-time label" lines written by the fault scripts), and "lost: N, duplicated: N, oversold: N";
exits 1 when any is not 0 (2 when the setup fails).

With --jobs there is no load: it makes work for the background jobs (shifts moved into the day-before reminder window,
claims about to run out, requests nobody claims past their SLA target) and checks that each reminder, release,
escalation and message happened exactly once (bench/fault-jobs.sh sets the short intervals and targets this needs).

  bench/mixed-load.py [--seconds 60] [--workers 16] [--env $CLUSTER_DIR/env] [--events FILE] [--started-file FILE]
  bench/mixed-load.py --jobs [--env $CLUSTER_DIR/env]
Settings come from the env file of bench/cluster.sh (BASE_URL, DATABASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD,
GATEWAY_COUNT_URL or GATEWAY_URL, SMTP_COUNT_URL), CLUSTER_DIR defaulting to /tmp/birge-cluster-faults.
python3 standard library only.
"""
import argparse
import collections
import datetime
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

ALMATY = "750000000"
PASSWORD = "Faults-2026-pass"
WRITE_KINDS = ("signup", "apply", "checkin", "help", "claim")
# Refusals the mix runs into by design: not errors.
EXPECTED = {
    "apply": {"already_applied", "shift_full"},
    "claim": {"already_claimed", "claim_limit", "help_request_not_active"},
    "checkin": set(),
    "signup": {"account_exists"},
    "help": set(),
    "token": set(),
    "checkin-code": set(),
}


def load_env(path):
    values = {}
    if path and os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            name, value = line.split("=", 1)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            values[name.strip()] = value
    return values


class Client:
    """One request a connection; answers (status, body as JSON or None, problem code). Status 0: no answer."""

    def __init__(self, base, timeout):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.timeout = timeout

    def call(self, method, path, body=None, token=None):
        headers = {"Accept": "application/json", "Accept-Language": "en", "X-Forwarded-Proto": "https", "Connection": "close"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as e:
            return 0, None, type(e).__name__
        finally:
            connection.close()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        code = parsed.get("code") if isinstance(parsed, dict) and status >= 400 else None
        return status, parsed, code


class Setup:
    pass


def must(result, what):
    status, body, code = result
    if not 200 <= status < 300:
        raise SystemExit(f"mixed-load: setup failed at {what}: {status} {code or ''} {json.dumps(body)[:300] if body else ''}")
    return body


def letters(n):
    """A name may hold no digits: 0 → Aa, 1 → Ab …"""
    out = ""
    for _ in range(3):
        n, r = divmod(n, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
    return out.capitalize()


def bin_number(rng):
    """A valid BIN (resident legal entity, head office, registered in a random month of 2001-2019), checksum included."""
    while True:
        first = f"{rng.randint(1, 19):02d}{rng.randint(1, 12):02d}40{rng.randint(0, 99999):05d}"
        digits = [int(c) for c in first]
        control = sum(d * w for d, w in zip(digits, range(1, 12))) % 11
        if control == 10:
            control = sum(d * w for d, w in zip(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
        if control != 10:
            return first + str(control)


class Run:
    def __init__(self, args, env):
        self.args = args
        self.env = env
        self.client = Client(args.base, args.timeout)
        self.rng = random.Random(args.seed)
        self.tag = uuid.uuid4().hex[:8]
        self.lock = threading.Lock()
        self.records = []
        self.counter = 0
        # Phone numbers: volunteers +7 701 …, callers +7 702 …, from a per-run block so runs do not collide.
        self.phone_block = self.rng.randint(0, 9999)

    def next_number(self):
        with self.lock:
            self.counter += 1
            return self.counter

    def phone(self, prefix, n):
        return f"+7{prefix}{self.phone_block:04d}{n:03d}" if n < 1000 else f"+7{prefix}{(self.phone_block + n // 1000) % 10000:04d}{n % 1000:03d}"

    def record(self, kind, started, result, ident=None, extra=None):
        status, _, code = result
        with self.lock:
            self.records.append({"kind": kind, "status": status, "code": code, "id": ident, "extra": extra,
                                 "start": started, "end": time.time()})

    # --- setup -------------------------------------------------------------------------------------------------------

    def token(self, login):
        body = must(self.client.call("POST", "/api/v1/auth/token", {"login": login, "password": PASSWORD if login != self.env["ADMIN_EMAIL"] else self.env["ADMIN_PASSWORD"]}), f"token {login}")
        return body["accessToken"]

    def sign_up(self, email=None, phone=None, name="Faults Volunteer"):
        body = {"password": PASSWORD, "fullName": name, "birthDate": "1995-05-15", "regionKato": ALMATY,
                "consentVersion": self.consent}
        if email:
            body["email"] = email
        if phone:
            body["phone"] = phone
        return self.client.call("POST", "/api/v1/accounts", body)

    def setup(self):
        self.setup_started = time.time()
        c = self.client
        s = Setup()
        self.consent = must(c.call("GET", "/api/v1/consent"), "consent")["version"]
        s.admin = self.token(self.env["ADMIN_EMAIL"])
        people = {}
        for role in ("staff", "operator", "coordinator"):
            email = f"{role}-{self.tag}@faults.test"
            people[role] = must(self.sign_up(email=email, name=f"Faults {role.capitalize()}"), f"sign-up of the {role}")["id"]
            setattr(s, role, self.token(email))
        for role in ("staff", "operator"):
            must(c.call("POST", f"/api/v1/front-offices/{ALMATY}/staff", {"accountId": people[role], "role": role}, s.admin), f"assign {role}")
        org = must(c.call("POST", "/api/v1/organizations", {
            "name": f"Faults test {self.tag}", "bin": bin_number(self.rng), "regionKato": ALMATY, "directions": ["social"],
            "description": {"en": "An organisation of the fault tests."}}, s.coordinator), "organisation")
        must(c.call("POST", f"/api/v1/organizations/{org['id']}/verification", {"decision": "verified"}, s.staff), "verification")
        s.organization = org["id"]
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        shifts = []
        # Small shifts that will be over-asked, tomorrow; the last has a single seat.
        for i in range(self.args.small_shifts):
            start = now + datetime.timedelta(days=1, hours=i)
            shifts.append({"startsAt": start.isoformat(), "endsAt": (start + datetime.timedelta(hours=2)).isoformat(),
                           "capacity": 1 if i == self.args.small_shifts - 1 else self.args.seats})
        # The check-in shift: starts in 10 minutes, so check-in is open now (from 30 minutes before).
        start = now + datetime.timedelta(minutes=10)
        shifts.append({"startsAt": start.isoformat(), "endsAt": (start + datetime.timedelta(hours=3)).isoformat(), "capacity": 1000})
        opportunity = must(c.call("POST", "/api/v1/opportunities", {
            "organizationId": org["id"], "kind": "event", "title": {"en": f"Fault test {self.tag}"},
            "description": {"en": "Shifts for the fault tests: over-asked seats and check-ins."}, "directions": ["social"],
            "regionKato": ALMATY, "address": "Abai Avenue 1, Almaty", "latitude": 43.24, "longitude": 76.89,
            "shifts": shifts}, s.coordinator), "opportunity")
        must(c.call("POST", f"/api/v1/opportunities/{opportunity['id']}/publish", None, s.coordinator), "publish")
        # The answer's shifts are in the order of their start: tell them apart by capacity.
        listed = must(c.call("GET", f"/api/v1/opportunities/{opportunity['id']}", None, s.coordinator), "opportunity")["shifts"]
        s.small = [x["id"] for x in listed if x["capacity"] < 1000]
        s.checkin_shift = next(x["id"] for x in listed if x["capacity"] == 1000)
        s.opportunity = opportunity["id"]
        self.setup_data = s
        # The pool of volunteers, signed up in parallel.
        self.pool = []          # [(account id, token)]
        self.checkin_ready = []  # volunteers accepted on the check-in shift
        errors = []

        def one(n):
            try:
                phone = self.phone("701", n)
                account = must(self.sign_up(phone=phone, name=f"Pool Volunteer {letters(n)}"), "pool sign-up")["id"]
                token = self.token(phone)
                must(c.call("POST", f"/api/v1/shifts/{s.checkin_shift}/applications", None, token), "application to the check-in shift")
                with self.lock:
                    self.pool.append((account, token))
                    self.checkin_ready.append((account, token))
            except SystemExit as e:
                errors.append(str(e))

        todo = collections.deque(range(self.args.pool))

        def several():
            while not errors:
                with self.lock:
                    if not todo:
                        return
                    n = todo.popleft()
                one(n)

        # Eight at a time: password hashing is the slow part on two cores, and a setup request may take up to --timeout.
        threads = [threading.Thread(target=several) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise SystemExit(errors[0])
        self.next_phone = self.args.pool
        self.open_requests = collections.deque()
        self.claims = collections.defaultdict(int)
        self.applied = set()  # (volunteer, shift) already tried
        self.code = (None, 0.0)
        print(f"mixed-load: run {self.tag}: organisation {org['id']}, opportunity {s.opportunity} with {len(s.small)} small shifts "
              f"and a check-in shift, {len(self.pool)} volunteers", file=sys.stderr)

    # --- the mix -----------------------------------------------------------------------------------------------------

    def do_signup(self, rng):
        n = self.next_number()
        if n % 2:
            email, phone = f"v{n}-{self.tag}@faults.test", None
        else:
            with self.lock:
                self.next_phone += 1
                number = self.next_phone
            email, phone = None, self.phone("701", number)
        started = time.time()
        result = self.sign_up(email=email, phone=phone, name=f"Load Volunteer {letters(n)}")
        ident = result[1].get("id") if 200 <= result[0] < 300 and result[1] else None
        self.record("signup", started, result, ident, {"email": email, "phone": phone})
        if ident:
            started = time.time()
            login = email or phone
            result = self.client.call("POST", "/api/v1/auth/token", {"login": login, "password": PASSWORD})
            self.record("token", started, result)
            if result[0] == 200:
                with self.lock:
                    self.pool.append((ident, result[1]["accessToken"]))

    def pick_volunteer(self, rng):
        with self.lock:
            return self.pool[rng.randrange(len(self.pool))]

    def do_apply(self, rng):
        s = self.setup_data
        for _ in range(20):
            volunteer, token = self.pick_volunteer(rng)
            shift = s.small[rng.randrange(len(s.small))]
            with self.lock:
                if (volunteer, shift) in self.applied:
                    continue
                self.applied.add((volunteer, shift))
            break
        started = time.time()
        result = self.client.call("POST", f"/api/v1/shifts/{shift}/applications", None, token)
        ok = 200 <= result[0] < 300 and result[1]
        self.record("apply", started, result, result[1].get("id") if ok else None,
                    {"shift": shift, "volunteer": volunteer, "status": result[1].get("status") if ok else None})

    def do_checkin(self, rng):
        s = self.setup_data
        code, fetched = self.code
        if code is None or time.time() - fetched > 20:
            started = time.time()
            result = self.client.call("GET", f"/api/v1/shifts/{s.checkin_shift}/checkin-code", None, s.coordinator)
            self.record("checkin-code", started, result)
            if result[0] != 200:
                return
            code = result[1]["code"]
            self.code = (code, started)
        with self.lock:
            volunteer, token = self.checkin_ready[rng.randrange(len(self.checkin_ready))]
        started = time.time()
        result = self.client.call("POST", f"/api/v1/shifts/{s.checkin_shift}/checkin", {"code": code}, token)
        self.record("checkin", started, result, volunteer if result[0] == 200 else None,
                    {"shift": s.checkin_shift, "volunteer": volunteer, "repeated": (result[1] or {}).get("repeated")})

    def do_help(self, rng):
        n = self.next_number()
        phone = self.phone("702", n)
        description = f"Groceries and medicine for an elderly neighbour, call {n} of fault run {self.tag}"
        started = time.time()
        result = self.client.call("POST", "/api/v1/help-requests", {
            "category": "groceries", "description": description, "regionKato": ALMATY, "address": f"Abai Avenue {n}, flat 1",
            "phone": phone, "consentVersion": self.consent, "name": "Faults Caller", "urgency": "normal", "language": "ru",
            "latitude": 43.24, "longitude": 76.89}, self.setup_data.operator)
        ok = result[0] == 201 and result[1]
        self.record("help", started, result, result[1].get("id") if ok else None, {"phone": phone, "description": description})
        if ok:
            with self.lock:
                self.open_requests.append(result[1]["id"])

    def do_claim(self, rng):
        with self.lock:
            if not self.open_requests:
                request = None
            else:
                request = self.open_requests.popleft()
        if request is None:
            return self.do_help(rng)
        volunteer, token = self.pick_volunteer(rng)
        started = time.time()
        result = self.client.call("POST", f"/api/v1/help-requests/{request}/claim", None, token)
        self.record("claim", started, result, request if result[0] == 200 else None, {"request": request, "volunteer": volunteer})
        if result[0] == 409 and result[2] == "claim_limit":
            with self.lock:
                self.open_requests.appendleft(request)

    def do_twice(self, rng):
        """The same form sent twice at once (a double tap, a person who sends again while the first is in flight):
        a sign-up, an application or a help request. One effect is expected: one 2xx and a refusal, or for a help
        request 201 and 200 naming the same request."""
        what = rng.choice(("signup", "apply", "help"))
        n = self.next_number()
        if what == "signup":
            email = f"twice{n}-{self.tag}@faults.test"
            body = {"password": PASSWORD, "fullName": f"Twice Volunteer {letters(n)}", "birthDate": "1995-05-15",
                    "regionKato": ALMATY, "consentVersion": self.consent, "email": email}
            path, token, extra = "/api/v1/accounts", None, {"email": email, "phone": None}
        elif what == "apply":
            volunteer, token = self.pick_volunteer(rng)
            shift = self.setup_data.small[rng.randrange(len(self.setup_data.small))]
            with self.lock:
                self.applied.add((volunteer, shift))
            path, body, extra = f"/api/v1/shifts/{shift}/applications", None, {"shift": shift, "volunteer": volunteer}
        else:
            phone = self.phone("702", n)
            description = f"A ride to the clinic for an elderly neighbour, call {n} of fault run {self.tag}"
            body = {"category": "transport", "description": description, "regionKato": ALMATY, "address": f"Abai Avenue {n}, flat 3",
                    "phone": phone, "consentVersion": self.consent, "urgency": "normal", "language": "ru"}
            path, token, extra = "/api/v1/help-requests", self.setup_data.operator, {"phone": phone, "description": description}
        barrier = threading.Barrier(2)

        def send():
            barrier.wait()
            started = time.time()
            result = self.client.call("POST", path, body, token)
            ok = 200 <= result[0] < 300 and result[1]
            ident = result[1].get("id") if ok else None
            more = dict(extra, twice=True)
            if what == "apply":
                more["status"] = result[1].get("status") if ok else None
            self.record(what, started, result, ident, more)

        other = threading.Thread(target=send)
        other.start()
        send()
        other.join()

    def worker(self, seed, until):
        rng = random.Random(seed)
        mix = [(self.do_signup, 14), (self.do_apply, 28), (self.do_checkin, 19), (self.do_help, 15), (self.do_claim, 19),
               (self.do_twice, 5 if self.args.twice else 0)]
        actions = [a for a, w in mix for _ in range(w)]
        while time.time() < until:
            try:
                actions[rng.randrange(len(actions))](rng)
            except Exception as e:  # a bug here must not stop the run silently
                print(f"mixed-load: worker error {type(e).__name__}: {e}", file=sys.stderr)
                time.sleep(0.05)

    def load(self):
        self.started = time.time()
        if self.args.started_file:
            with open(self.args.started_file, "w", encoding="utf-8") as f:
                f.write(f"{self.started:.3f}\n")
        until = self.started + self.args.seconds
        threads = [threading.Thread(target=self.worker, args=(self.args.seed * 1000 + i, until)) for i in range(self.args.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.ended = time.time()


# --- checking ------------------------------------------------------------------------------------------------------

def psql(url, sql):
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False, encoding="utf-8") as f:
        f.write(sql)
        name = f.name
    try:
        out = subprocess.run(["psql", url, "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-f", name],
                             capture_output=True, text=True, timeout=300)
    finally:
        os.unlink(name)
    if out.returncode != 0:
        raise SystemExit(f"mixed-load: psql failed: {out.stderr.strip()[:500]}")
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def counts(url):
    if not url:
        return None
    try:
        import urllib.request
        with urllib.request.urlopen(url, timeout=5) as r:
            return json.loads(r.read())
    except OSError:
        return None


def outbox_state(db):
    rows = psql(db, """
SELECT "Channel",
       count(*) FILTER (WHERE "SentAt" IS NOT NULL AND "FailedAt" IS NULL),
       count(*) FILTER (WHERE "SentAt" IS NULL AND "NextAttemptAt" <= now()),
       count(*) FILTER (WHERE "SentAt" IS NULL),
       count(*) FILTER (WHERE "FailedAt" IS NOT NULL)
FROM "OutboxMessages" GROUP BY "Channel";""")
    state = {"Sms": [0, 0, 0, 0], "Email": [0, 0, 0, 0]}
    for channel, sent, due, waiting, failed in rows:
        state[channel] = [int(sent), int(due), int(waiting), int(failed)]
    return state


def drain(run, args):
    """Waits (up to --drain-seconds) until every node's sender has sent what is due. With --send-held, messages of
    this run held for the quiet hours (and any the jobs queue meanwhile, e.g. the check-in shift's day-before
    reminder) are made due first, again on every look, so their sending is checked too."""
    db = args.database_url
    deadline = time.time() + args.drain_seconds
    held = 0
    while True:
        if args.send_held:
            held += int(psql(db, f"""WITH h AS (UPDATE "OutboxMessages" SET "NextAttemptAt" = now()
  WHERE "SentAt" IS NULL AND "NextAttemptAt" > now() AND "Attempts" = 0 AND "CreatedAt" >= to_timestamp({run.setup_started - 5})
  RETURNING 1) SELECT count(*) FROM h;""")[0][0])
        state = outbox_state(db)
        if state["Sms"][1] + state["Email"][1] == 0 or time.time() > deadline:
            break
        time.sleep(2)
    time.sleep(3)  # a send in flight records its outcome
    if args.send_held:
        print(f"outbox: {held} messages held for the quiet hours made due at once (--send-held)")
    return outbox_state(db)


def values(rows):
    return ",\n".join("(" + ",".join("NULL" if v is None else "'" + str(v).replace("'", "''") + "'" for v in row) + ")" for row in rows)


def check(run, args, before):
    db = args.database_url
    ok = [r for r in run.records if 200 <= r["status"] < 300 and r["kind"] in WRITE_KINDS]
    problems = collections.Counter()
    details = []
    acked = {k: [r for r in ok if r["kind"] == k] for k in WRITE_KINDS}

    state = drain(run, args)
    gateway, smtp = counts(args.gateway_count_url), counts(args.smtp_count_url)

    sql = ["CREATE TEMP TABLE ack (kind text, id uuid, a text, b text, c text);"]
    rows = []
    for r in acked["signup"]:
        rows.append(("signup", r["id"], r["extra"]["email"], r["extra"]["phone"], None))
    for r in acked["apply"]:
        rows.append(("apply", r["id"], r["extra"]["shift"], r["extra"]["volunteer"], r["extra"]["status"]))
    for r in acked["checkin"]:
        rows.append(("checkin", None, r["extra"]["shift"], r["extra"]["volunteer"], None))
    for r in acked["help"]:
        rows.append(("help", r["id"], r["extra"]["phone"], None, None))
    for r in acked["claim"]:
        rows.append(("claim", r["id"], r["extra"]["volunteer"], None, None))
    if rows:
        sql.append("INSERT INTO ack VALUES\n" + values(rows) + ";")
    s = run.setup_data
    shifts = "'" + "','".join(s.small + [s.checkin_shift]) + "'"
    sql.append(f"""
SELECT 'lost_signup', count(*) FROM ack k WHERE kind = 'signup' AND NOT EXISTS (SELECT 1 FROM "Accounts" a WHERE a."Id" = k.id);
SELECT 'dup_signup', count(*) FROM ack k WHERE kind = 'signup'
  AND (SELECT count(*) FROM "Accounts" a WHERE a."Email" = k.a OR a."Phone" = k.b) > 1;
SELECT 'lost_apply', count(*) FROM ack k WHERE kind = 'apply'
  AND NOT EXISTS (SELECT 1 FROM "Applications" p WHERE p."Id" = k.id AND p."ShiftId" = k.a::uuid AND p."VolunteerId" = k.b::uuid);
SELECT 'changed_apply', count(*) FROM ack k JOIN "Applications" p ON p."Id" = k.id WHERE kind = 'apply' AND lower(p."Status") <> k.c;
SELECT 'lost_checkin', count(*) FROM (SELECT DISTINCT a, b FROM ack WHERE kind = 'checkin') k
  WHERE NOT EXISTS (SELECT 1 FROM "Attendances" t WHERE t."ShiftId" = k.a::uuid AND t."VolunteerId" = k.b::uuid);
SELECT 'dup_checkin', count(*) FROM (SELECT 1 FROM "Attendances" WHERE "ShiftId" IN ({shifts})
  GROUP BY "ShiftId", "VolunteerId" HAVING count(*) > 1) d;
SELECT 'lost_help', count(*) FROM ack k WHERE kind = 'help'
  AND NOT EXISTS (SELECT 1 FROM "HelpRequests" h WHERE h."Id" = k.id AND h."Status" <> 'Unconfirmed');
SELECT 'dup_help', count(*) FROM (SELECT 1 FROM "HelpRequests" WHERE "Description" LIKE '%fault run {run.tag}'
  AND "Description" NOT LIKE 'A ride to the clinic%' GROUP BY "Phone", "Description" HAVING count(*) > 1) d;
SELECT 'dup_help_twice', count(*) FROM (SELECT 1 FROM "HelpRequests" WHERE "Description" LIKE 'A ride to the clinic%fault run {run.tag}'
  GROUP BY "Phone", "Description" HAVING count(*) > 1) d;
SELECT 'lost_claim', count(*) FROM ack k WHERE kind = 'claim' AND NOT EXISTS (SELECT 1 FROM "HelpRequestEvents" e
  WHERE e."HelpRequestId" = k.id AND e."Kind" = 'claimed' AND e."ActorId" = k.a::uuid);
SELECT 'claim_not_held', count(*) FROM ack k WHERE kind = 'claim' AND NOT EXISTS (SELECT 1 FROM "HelpRequests" h
  WHERE h."Id" = k.id AND (h."ClaimedBy" = k.a::uuid OR h."Status" <> 'Claimed'));
SELECT 'double_claim', count(*) FROM (SELECT 1 FROM "HelpRequestEvents" e JOIN "HelpRequests" h ON h."Id" = e."HelpRequestId"
  WHERE e."Kind" = 'claimed' AND h."Description" LIKE '%fault run {run.tag}'
    AND NOT EXISTS (SELECT 1 FROM "HelpRequestEvents" x WHERE x."HelpRequestId" = h."Id" AND x."Kind" IN ('released', 'claim_expired'))
  GROUP BY e."HelpRequestId" HAVING count(DISTINCT e."ActorId") > 1) d;
SELECT 'acked_double_claim', count(*) FROM (SELECT id FROM ack WHERE kind = 'claim' GROUP BY id HAVING count(DISTINCT a) > 1) d;
SELECT 'oversold', count(*) FROM "Shifts" s WHERE s."Id" IN ({shifts})
  AND (s."Taken" > s."Capacity" OR (SELECT count(*) FROM "Applications" p WHERE p."ShiftId" = s."Id" AND p."Status" = 'Accepted') > s."Capacity");
SELECT 'taken_mismatch', count(*) FROM "Shifts" s WHERE s."Id" IN ({shifts})
  AND s."Taken" <> (SELECT count(*) FROM "Applications" p WHERE p."ShiftId" = s."Id" AND p."Status" = 'Accepted');
SELECT 'seats', sum(s."Capacity"), sum(s."Taken") FROM "Shifts" s WHERE s."Id" IN ({s.small and "'" + "','".join(s.small) + "'"});
SELECT 'dup_idempotency_key', count(*) FROM (SELECT 1 FROM "OutboxMessages" WHERE "IdempotencyKey" IS NOT NULL
  GROUP BY "IdempotencyKey" HAVING count(*) > 1) d;
""")
    # Writes that were not acknowledged (an error, no answer) but happened anyway: not lost, worth knowing.
    # (Not the "twice" pairs: there the twin's success is why the account or request exists.)
    failed_signups = [r for r in run.records if r["kind"] == "signup" and is_error(r) and not r["extra"].get("twice")]
    if failed_signups:
        sql.append("CREATE TEMP TABLE failed (email text, phone text);\nINSERT INTO failed VALUES\n"
                   + values([(r["extra"]["email"], r["extra"]["phone"]) for r in failed_signups]) + ";")
        sql.append("""SELECT 'unacked_signup_done', count(*) FROM failed f WHERE EXISTS (SELECT 1 FROM "Accounts" a
  WHERE a."Email" = f.email OR a."Phone" = f.phone);""")
    failed_help = [r for r in run.records if r["kind"] == "help" and is_error(r) and not r["extra"].get("twice")]
    if failed_help:
        sql.append("CREATE TEMP TABLE failed_help (phone text);\nINSERT INTO failed_help VALUES\n"
                   + values([(r["extra"]["phone"],) for r in failed_help]) + ";")
        sql.append("""SELECT 'unacked_help_done', count(*) FROM failed_help f WHERE EXISTS (SELECT 1 FROM "HelpRequests" h WHERE h."Phone" = f.phone);""")
    result = {row[0]: row[1:] for row in psql(db, "\n".join(sql))}
    n = lambda k: int(result.get(k, ["0"])[0] or 0)

    lost = n("lost_signup") + n("lost_apply") + n("lost_checkin") + n("lost_help") + n("lost_claim")
    duplicated = n("dup_signup") + n("dup_checkin") + n("dup_help") + n("dup_help_twice") + n("dup_idempotency_key")
    if n("dup_help_twice"):
        details.append(f"{n('dup_help_twice')} help request(s) sent twice at once by the operator were stored twice "
                       "(HelpRequestIntake's repeat check is a read before the insert: two at once both miss each other)")
    oversold = n("oversold")
    if n("unacked_signup_done") or n("unacked_help_done"):
        details.append(f"writes that failed for the client but were carried out: {n('unacked_signup_done')} sign-ups, "
                       f"{n('unacked_help_done')} help requests (the answer was lost, not the write; not counted as lost)")
    double_claims = max(n("double_claim"), n("acked_double_claim"))
    duplicated += double_claims

    # Outbox: what the gateways received against what the database says was sent.
    sms_sent = state["Sms"][0] - before["outbox"]["Sms"][0]
    mail_sent = state["Email"][0] - before["outbox"]["Email"][0]
    outbox_lines = []
    if gateway and before["gateway"]:
        accepted = gateway["accepted"] - before["gateway"]["accepted"]
        repeated = gateway["repeated"] - before["gateway"]["repeated"]
        duplicated += repeated
        extra = accepted - repeated - sms_sent
        outbox_lines.append(f"SMS: {sms_sent} sent (database), the gateway took {accepted}, {repeated} of them a repeated Idempotency-Key"
                            + (f"; {extra} more than the database records as sent" if extra else ""))
        if extra > 0:
            details.append(f"the SMS gateway took {extra} message(s) the database does not record as sent (they will be sent again)")
    else:
        outbox_lines.append(f"SMS: {sms_sent} sent (database); gateway counts not available")
    if smtp and before["smtp"]:
        accepted = smtp["accepted"] - before["smtp"]["accepted"]
        repeated = smtp["repeated"] - before["smtp"]["repeated"]
        duplicated += repeated
        outbox_lines.append(f"e-mail: {mail_sent} sent (database), the SMTP server took {accepted}, {repeated} of them repeats")
    else:
        outbox_lines.append(f"e-mail: {mail_sent} sent (database); SMTP counts not available")
    due = state["Sms"][1] + state["Email"][1]
    outbox_lines.append(f"due and not sent after {args.drain_seconds} s: {due}; waiting (not yet due): "
                        f"{state['Sms'][2] + state['Email'][2] - due}; given up: {state['Sms'][3] + state['Email'][3] - before['outbox']['Sms'][3] - before['outbox']['Email'][3]}")
    lost += due

    return {
        "lost": lost, "duplicated": duplicated, "oversold": oversold,
        "detail": {k: v[0] if len(v) == 1 else v for k, v in result.items()},
        "outbox": outbox_lines, "notes": details,
    }


def error_runs(records):
    """Runs of errors among writes in the order they ended: from the end of the first failed write to the end of the
    first successful write sent after it (a write sent earlier and answered late does not end the run)."""
    writes = sorted((r for r in records if r["kind"] in WRITE_KINDS), key=lambda r: r["end"])
    runs, start, n = [], None, 0
    for r in writes:
        if is_error(r):
            if start is None:
                start, n = r["end"], 0
            n += 1
        elif 200 <= r["status"] < 300 and start is not None and r["start"] >= start:
            runs.append((start, r["end"], n))
            start = None
    if start is not None:
        runs.append((start, None, n))
    return runs


def is_error(r):
    if 200 <= r["status"] < 300:
        return False
    return not (400 <= r["status"] < 500 and r["code"] in EXPECTED.get(r["kind"], set()))


def report(run, args, verdict):
    t0 = run.started
    by = collections.defaultdict(collections.Counter)
    for r in run.records:
        if r["start"] < t0:
            continue
        label = str(r["status"]) + (f" {r['code']}" if r["code"] else "")
        by[r["kind"]][label] += 1
    load = [r for r in run.records if r["start"] >= t0]
    errors = [r for r in load if is_error(r)]
    writes = [r for r in load if r["kind"] in WRITE_KINDS]
    werrors = [r for r in writes if is_error(r)]
    print(f"mixed load: {len(load)} requests in {run.ended - t0:.1f} s ({len(load) / max(run.ended - t0, 0.001):.0f}/s), "
          f"{args.workers} workers, through {args.base}, {datetime.datetime.fromtimestamp(t0, datetime.timezone.utc):%Y-%m-%d %H:%M:%S} UTC")
    for kind in ("signup", "token", "apply", "checkin-code", "checkin", "help", "claim"):
        if by[kind]:
            print(f"  {kind:13} " + ", ".join(f"{label}: {n}" for label, n in sorted(by[kind].items())))
    applied = collections.Counter(r["extra"]["status"] for r in load if r["kind"] == "apply" and r["extra"]["status"])
    if applied:
        print("  applications answered " + ", ".join(f"{k}: {n}" for k, n in sorted(applied.items())))
    pairs = collections.defaultdict(list)
    for r in load:
        if r["extra"] and r["extra"].get("twice"):
            key = (r["kind"], r["extra"].get("email") or r["extra"].get("phone") or "", r["extra"].get("shift"), r["extra"].get("volunteer"))
            pairs[key].append(r)
    if pairs:
        shapes = collections.Counter(f"{k[0]} " + "+".join(sorted(str(r["status"]) + (f" {r['code']}" if r["code"] else "") for r in v))
                                     for k, v in pairs.items())
        print("  the same form twice at once: " + ", ".join(f"{k}: {n}" for k, n in sorted(shapes.items())))
    print(f"errors: {len(errors)} of {len(load)} requests ({100 * len(errors) / max(len(load), 1):.2f} %), "
          f"{len(werrors)} of {len(writes)} writes ({100 * len(werrors) / max(len(writes), 1):.2f} %) "
          "(5xx, no answer, or a refusal the mix does not expect)")
    if errors:
        kinds = collections.Counter(f"{r['kind']} {r['status']} {r['code'] or ''}".strip() for r in errors)
        print("  " + ", ".join(f"{k}: {n}" for k, n in kinds.most_common(8)))
        print(f"  first error at +{errors[0]['end'] - t0:.1f} s, last at +{max(r['end'] for r in errors) - t0:.1f} s")
    runs = error_runs(load)
    if runs:
        longest = max(runs, key=lambda x: ((x[1] or run.ended) - x[0]))
        end = longest[1] or run.ended
        print(f"longest run of errors: from +{longest[0] - t0:.2f} s to +{end - t0:.2f} s, {end - longest[0]:.2f} s, "
              f"{longest[2]} failed writes in a row{'' if longest[1] else ' (not over when the load ended)'}")
    else:
        print("longest run of errors: none")
    for at, label in read_events(args.events):
        after = sorted((r for r in writes if r["end"] >= at), key=lambda r: r["end"])
        first_fail = next((r for r in after if is_error(r)), None)
        if first_fail is None:
            print(f"event {label} at +{at - t0:.1f} s: no failed write after it")
            continue
        back = next((r for r in after if r["start"] >= first_fail["end"] and 200 <= r["status"] < 300), None)
        failed = sum(1 for r in after if is_error(r) and (back is None or r["end"] <= back["end"]))
        if back:
            print(f"event {label} at +{at - t0:.1f} s: first failed write at +{first_fail['end'] - t0:.2f} s, first write sent after it "
                  f"that succeeded, at +{back['end'] - t0:.2f} s: recovered in {back['end'] - first_fail['end']:.2f} s "
                  f"({back['end'] - at:.2f} s after the event), {failed} writes failed")
        else:
            print(f"event {label} at +{at - t0:.1f} s: first failed write at +{first_fail['end'] - t0:.2f} s, no successful write after it")
    # Seconds with errors, for the record.
    per_second = collections.defaultdict(lambda: [0, 0])
    for r in writes:
        per_second[int(r["end"] - t0)][1 if is_error(r) else 0] += 1
    bad = [f"+{s}s {v[1]}/{v[0] + v[1]}" for s, v in sorted(per_second.items()) if v[1]]
    if bad:
        print("seconds with failed writes (failed/all): " + ", ".join(bad[:40]) + (" …" if len(bad) > 40 else ""))
    d = verdict["detail"]
    print("database: " + ", ".join(f"{k}={v}" for k, v in d.items() if k != "seats"))
    if "seats" in d:
        print(f"small shifts: {d['seats'][1]} of {d['seats'][0]} seats taken")
    for line in verdict["outbox"]:
        print("outbox: " + line)
    for note in verdict["notes"]:
        print("note: " + note)
    print(f"lost: {verdict['lost']}, duplicated: {verdict['duplicated']}, oversold: {verdict['oversold']}")


def read_events(path):
    events = []
    if path and os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            parts = line.split(None, 1)
            if len(parts) == 2:
                events.append((float(parts[0]), parts[1].strip()))
    return events


# --- the jobs check (bench/fault-jobs.sh) ------------------------------------------------------------------------------

def jobs_check(run, args):
    """Work for the background jobs, then a wait until they did it, then: each reminder, release, escalation and
    message happened once. Needs short intervals and targets on the nodes (bench/fault-jobs.sh sets them)."""
    c, s, db = run.client, run.setup_data, args.database_url
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    # Shifts starting in 25 hours (not yet due for the day-before reminder), filled, then moved to start in 3 hours:
    # due at once, with their volunteers already on them.
    rows = [{"startsAt": (now + datetime.timedelta(hours=25, minutes=10 * i)).isoformat(),
             "endsAt": (now + datetime.timedelta(hours=27, minutes=10 * i)).isoformat(), "capacity": args.reminder_seats}
            for i in range(args.reminder_shifts)]
    body = {"organizationId": s.organization, "kind": "event", "title": {"en": f"Reminder test {run.tag}"},
            "description": {"en": "Shifts moved into the reminder window."}, "directions": ["social"], "regionKato": ALMATY,
            "address": "Abai Avenue 2, Almaty", "latitude": 43.24, "longitude": 76.89, "shifts": rows}
    opportunity = must(c.call("POST", "/api/v1/opportunities", body, s.coordinator), "reminder opportunity")
    must(c.call("POST", f"/api/v1/opportunities/{opportunity['id']}/publish", None, s.coordinator), "publish")
    shifts = [x["id"] for x in opportunity["shifts"]]
    volunteers = run.pool
    for i, shift in enumerate(shifts):
        for j in range(args.reminder_seats):
            account, token = volunteers[(i * args.reminder_seats + j) % len(volunteers)]
            must(c.call("POST", f"/api/v1/shifts/{shift}/applications", None, token), "application")
    listed = must(c.call("GET", f"/api/v1/opportunities/{opportunity['id']}", None, s.coordinator), "opportunity")["shifts"]
    body["shifts"] = [{"id": x["id"], "capacity": x["capacity"],
                       "startsAt": (datetime.datetime.fromisoformat(x["startsAt"].replace("Z", "+00:00")) - datetime.timedelta(hours=22)).isoformat(),
                       "endsAt": (datetime.datetime.fromisoformat(x["endsAt"].replace("Z", "+00:00")) - datetime.timedelta(hours=22)).isoformat()}
                      for x in listed]
    must(c.call("PUT", f"/api/v1/opportunities/{opportunity['id']}", body, s.coordinator), "move the shifts")
    moved = time.time()

    # Claims that run out (low urgency: HelpRequests:Sla:Low:Hold, short on these nodes) and requests nobody takes
    # (normal urgency: HelpRequests:Sla:Normal:Claimed, short on these nodes) for the SLA escalation.
    def ask(urgency, n):
        return must(c.call("POST", "/api/v1/help-requests", {
            "category": "company", "description": f"Company for a lonely neighbour, request {n} of jobs run {run.tag}",
            "regionKato": ALMATY, "address": f"Abai Avenue {n}, flat 2", "phone": run.phone("702", n), "consentVersion": run.consent,
            "urgency": urgency, "language": "ru"}, s.operator), "help request")["id"]
    claimed = []
    for i in range(args.expiring_claims):
        request = ask("low", i)
        account, token = volunteers[i // 2 % len(volunteers)]
        must(c.call("POST", f"/api/v1/help-requests/{request}/claim", None, token), "claim")
        claimed.append((request, account))
    unclaimed = [ask("normal", 1000 + i) for i in range(args.escalations)]
    print(f"jobs: {len(shifts)} shifts moved into the reminder window ({args.reminder_seats} volunteers each), "
          f"{len(claimed)} claims to run out, {len(unclaimed)} requests left unclaimed for the SLA escalation", file=sys.stderr)

    sql_ids = lambda ids: "'" + "','".join(ids) + "'"
    claims = sql_ids([r for r, _ in claimed])
    waiting = sql_ids(unclaimed)
    ours = sql_ids(shifts)
    deadline = time.time() + args.jobs_wait
    while True:
        left = psql(db, f"""
SELECT (SELECT count(*) FROM "Shifts" WHERE "Id" IN ({ours}) AND "RemindedAt" IS NULL),
       (SELECT count(*) FROM "HelpRequests" WHERE "Id" IN ({claims}) AND "Status" = 'Claimed'),
       (SELECT count(*) FROM "HelpRequests" WHERE "Id" IN ({waiting}) AND "ClaimBreachNotifiedAt" IS NULL);""")[0]
        if all(v == "0" for v in left) or time.time() > deadline:
            break
        time.sleep(2)
    print(f"jobs: waited {time.time() - moved:.0f} s for the jobs (not reminded, still claimed, not escalated: {', '.join(left)})", file=sys.stderr)
    return {"shifts": shifts, "claimed": claimed, "unclaimed": unclaimed, "left": left}


def jobs_verdict(run, args, work, before):
    db = args.database_url
    state = drain(run, args)
    gateway, smtp = counts(args.gateway_count_url), counts(args.smtp_count_url)
    ids = lambda xs: "'" + "','".join(xs) + "'"
    shifts, claims, waiting = ids(work["shifts"]), ids([r for r, _ in work["claimed"]]), ids(work["unclaimed"])
    rows = psql(db, f"""
-- Reminders: every shift reminded once; each accepted volunteer one in-app notice and one message per contact.
SELECT 'shifts_not_reminded', count(*) FROM "Shifts" WHERE "Id" IN ({shifts}) AND "RemindedAt" IS NULL;
SELECT 'reminder_volunteers', count(*) FROM "Applications" WHERE "ShiftId" IN ({shifts}) AND "Status" = 'Accepted';
SELECT 'reminder_notices', count(*) FROM "Notifications" WHERE "IdempotencyKey" LIKE 'reminder:%' AND split_part("IdempotencyKey", ':', 2) IN ({shifts});
SELECT 'reminder_missing', count(*) FROM "Applications" p WHERE p."ShiftId" IN ({shifts}) AND p."Status" = 'Accepted'
  AND NOT EXISTS (SELECT 1 FROM "Notifications" n WHERE n."IdempotencyKey" = 'reminder:' || p."ShiftId" || ':' || p."VolunteerId" || ':in_app');
SELECT 'reminder_messages', count(*), count(*) FILTER (WHERE "SentAt" IS NOT NULL AND "FailedAt" IS NULL) FROM "OutboxMessages"
  WHERE "IdempotencyKey" LIKE 'reminder:%' AND split_part("IdempotencyKey", ':', 2) IN ({shifts});
-- Claims that ran out: released once (one event, one audit entry), warned once, the volunteer told once of each.
SELECT 'claims_still_held', count(*) FROM "HelpRequests" WHERE "Id" IN ({claims}) AND "Status" = 'Claimed';
SELECT 'released', count(*) FROM "HelpRequestEvents" WHERE "HelpRequestId" IN ({claims}) AND "Kind" = 'claim_expired';
SELECT 'released_twice', count(*) FROM (SELECT 1 FROM "HelpRequestEvents" WHERE "HelpRequestId" IN ({claims}) AND "Kind" = 'claim_expired'
  GROUP BY "HelpRequestId" HAVING count(*) > 1) d;
SELECT 'release_audit', count(*) FROM "AuditEntries" WHERE "Action" = 'help_request.claim_expired' AND "TargetId" IN ({claims});
SELECT 'warned', count(*) FROM "HelpRequestEvents" WHERE "HelpRequestId" IN ({claims}) AND "Kind" = 'claim_expiring';
SELECT 'expiry_messages', count(*), count(*) FILTER (WHERE "SentAt" IS NOT NULL AND "FailedAt" IS NULL) FROM "OutboxMessages"
  WHERE ("IdempotencyKey" LIKE 'claim-expired:%' OR "IdempotencyKey" LIKE 'claim-expiring:%') AND split_part("IdempotencyKey", ':', 2) IN ({claims});
SELECT 'expiry_notices', count(*) FROM "Notifications"
  WHERE ("IdempotencyKey" LIKE 'claim-expired:%' OR "IdempotencyKey" LIKE 'claim-expiring:%') AND split_part("IdempotencyKey", ':', 2) IN ({claims});
-- SLA escalations: each unclaimed request escalated once, the region's staff and operator told once each.
SELECT 'not_escalated', count(*) FROM "HelpRequests" WHERE "Id" IN ({waiting}) AND "ClaimBreachNotifiedAt" IS NULL;
SELECT 'escalated', count(*) FROM "HelpRequestEvents" WHERE "HelpRequestId" IN ({waiting}) AND "Kind" = 'escalated';
SELECT 'escalated_twice', count(*) FROM (SELECT 1 FROM "HelpRequestEvents" WHERE "HelpRequestId" IN ({waiting}) AND "Kind" = 'escalated'
  GROUP BY "HelpRequestId", "Note" HAVING count(*) > 1) d;
SELECT 'escalation_notices', count(*) FROM "Notifications" WHERE "IdempotencyKey" LIKE 'sla:%' AND split_part("IdempotencyKey", ':', 2) IN ({waiting});
SELECT 'escalation_messages', count(*), count(*) FILTER (WHERE "SentAt" IS NOT NULL AND "FailedAt" IS NULL) FROM "OutboxMessages"
  WHERE "IdempotencyKey" LIKE 'sla:%' AND split_part("IdempotencyKey", ':', 2) IN ({waiting});
SELECT 'region_staff', count(*) FROM "FrontOfficeStaff" WHERE "FrontOfficeKato" = '{ALMATY}';
SELECT 'dup_idempotency_key', count(*) FROM (SELECT 1 FROM "OutboxMessages" WHERE "IdempotencyKey" IS NOT NULL
  GROUP BY "IdempotencyKey" HAVING count(*) > 1) d;
""")
    r = {row[0]: [int(v or 0) for v in row[1:]] for row in rows}
    n = len(work["claimed"])
    e = len(work["unclaimed"])
    staff = r["region_staff"][0]
    lines = [
        f"reminders: {len(work['shifts']) - r['shifts_not_reminded'][0]} of {len(work['shifts'])} shifts reminded; "
        f"{r['reminder_notices'][0]} in-app notices for {r['reminder_volunteers'][0]} volunteers ({r['reminder_missing'][0]} missing); "
        f"{r['reminder_messages'][0]} SMS/e-mails queued, {r['reminder_messages'][1]} sent",
        f"claim expiry: {n - r['claims_still_held'][0]} of {n} claims released, {r['released'][0]} release events "
        f"({r['released_twice'][0]} released twice), {r['release_audit'][0]} audit entries, {r['warned'][0]} warnings; "
        f"{r['expiry_notices'][0]} in-app notices (expect {2 * n}), {r['expiry_messages'][0]} SMS/e-mails queued, {r['expiry_messages'][1]} sent",
        f"SLA escalation: {e - r['not_escalated'][0]} of {e} requests escalated, {r['escalated'][0]} escalation events "
        f"({r['escalated_twice'][0]} twice); {r['escalation_notices'][0]} in-app notices (expect {e * staff}: {staff} staff and operators), "
        f"{r['escalation_messages'][0]} SMS/e-mails queued, {r['escalation_messages'][1]} sent",
    ]
    missing = (r["shifts_not_reminded"][0] + r["reminder_missing"][0] + r["claims_still_held"][0] + max(0, n - r["released"][0])
               + max(0, n - r["release_audit"][0]) + max(0, n - r["warned"][0]) + max(0, 2 * n - r["expiry_notices"][0])
               + r["not_escalated"][0] + max(0, e * staff - r["escalation_notices"][0])
               + (r["reminder_messages"][0] - r["reminder_messages"][1]) + (r["expiry_messages"][0] - r["expiry_messages"][1])
               + (r["escalation_messages"][0] - r["escalation_messages"][1]))
    duplicated = (r["released_twice"][0] + max(0, r["release_audit"][0] - n) + max(0, r["warned"][0] - n)
                  + max(0, r["expiry_notices"][0] - 2 * n) + r["escalated_twice"][0] + max(0, r["escalation_notices"][0] - e * staff)
                  + max(0, r["reminder_notices"][0] - r["reminder_volunteers"][0]) + r["dup_idempotency_key"][0])
    sms_sent = state["Sms"][0] - before["outbox"]["Sms"][0]
    mail_sent = state["Email"][0] - before["outbox"]["Email"][0]
    if gateway and before["gateway"]:
        accepted = gateway["accepted"] - before["gateway"]["accepted"]
        repeated = gateway["repeated"] - before["gateway"]["repeated"]
        duplicated += repeated + max(0, accepted - repeated - sms_sent)
        lines.append(f"SMS: {sms_sent} sent (database), the gateway took {accepted}, {repeated} of them a repeated Idempotency-Key")
    if smtp and before["smtp"]:
        accepted = smtp["accepted"] - before["smtp"]["accepted"]
        repeated = smtp["repeated"] - before["smtp"]["repeated"]
        duplicated += repeated
        lines.append(f"e-mail: {mail_sent} sent (database), the SMTP server took {accepted}, {repeated} of them repeats")
    due = state["Sms"][1] + state["Email"][1]
    lines.append(f"outbox: due and not sent after the wait: {due}")
    for line in lines:
        print(line)
    print(f"missed: {missing + due}, duplicated: {duplicated}")
    return missing + due, duplicated


def main():
    cluster_dir = os.environ.get("CLUSTER_DIR", "/tmp/birge-cluster-faults")
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--env", default=os.path.join(cluster_dir, "env"), help="bench/cluster.sh's env file")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--workers", type=int, default=16)
    p.add_argument("--pool", type=int, default=40, help="volunteers signed up before the load")
    p.add_argument("--small-shifts", type=int, default=8)
    p.add_argument("--seats", type=int, default=5)
    p.add_argument("--timeout", type=float, default=10, help="seconds a request may take")
    p.add_argument("--drain-seconds", type=float, default=180,
                   help="how long to wait for the outbox to send what is due (a message taken by a sender that failed waits for its lease, Outbox:LeaseSeconds, 120)")
    p.add_argument("--send-held", action=argparse.BooleanOptionalAction, default=True,
                   help="make this run's messages held for the quiet hours due at once, so they are checked too")
    p.add_argument("--twice", action=argparse.BooleanOptionalAction, default=True,
                   help="send some forms (sign-up, application, help request) twice at once, as a double tap does")
    p.add_argument("--events", help="a file of 'unix-time label' lines (the fault scripts write it)")
    p.add_argument("--json", help="write every request and the verdict here")
    p.add_argument("--started-file", help="write the unix time the load starts (after the setup) to this file")
    p.add_argument("--jobs", action="store_true", help="no load: make work for the background jobs and check each was done once")
    p.add_argument("--reminder-shifts", type=int, default=6)
    p.add_argument("--reminder-seats", type=int, default=4)
    p.add_argument("--expiring-claims", type=int, default=20)
    p.add_argument("--escalations", type=int, default=10)
    p.add_argument("--jobs-wait", type=float, default=240, help="seconds to wait for the jobs to do the work")
    p.add_argument("--seed", type=int, default=int(time.time()))
    p.add_argument("--base")
    p.add_argument("--database-url")
    args = p.parse_args()
    env = load_env(args.env)
    env.update({k: os.environ[k] for k in ("BASE_URL", "DATABASE_URL", "ADMIN_EMAIL", "ADMIN_PASSWORD", "GATEWAY_URL",
                                           "GATEWAY_COUNT_URL", "SMTP_COUNT_URL") if k in os.environ})
    args.base = args.base or env.get("BASE_URL")
    args.database_url = args.database_url or env.get("DATABASE_URL")
    if not args.base or not args.database_url or "ADMIN_EMAIL" not in env:
        print(f"mixed-load: no BASE_URL, DATABASE_URL or ADMIN_EMAIL (looked in {args.env} and the environment)", file=sys.stderr)
        return 2
    gateway = env.get("GATEWAY_COUNT_URL")
    if not gateway and env.get("GATEWAY_URL"):
        u = urllib.parse.urlsplit(env["GATEWAY_URL"])
        gateway = f"{u.scheme}://{u.netloc}/count"
    args.gateway_count_url, args.smtp_count_url = gateway, env.get("SMTP_COUNT_URL")

    run = Run(args, env)
    try:
        run.setup()
    except SystemExit as e:
        print(e, file=sys.stderr)
        return 2
    before = {"time": time.time() - 5, "outbox": outbox_state(args.database_url),
              "gateway": counts(args.gateway_count_url), "smtp": counts(args.smtp_count_url)}
    if args.jobs:
        try:
            work = jobs_check(run, args)
        except SystemExit as e:
            print(e, file=sys.stderr)
            return 2
        missed, duplicated = jobs_verdict(run, args, work, before)
        return 0 if missed == duplicated == 0 else 1
    print(f"mixed-load: load for {args.seconds:.0f} s with {args.workers} workers from {time.time():.3f}", file=sys.stderr)
    run.load()
    verdict = check(run, args, before)
    report(run, args, verdict)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"started": run.started, "records": run.records, "verdict": verdict}, f)
    return 0 if verdict["lost"] == verdict["duplicated"] == verdict["oversold"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
