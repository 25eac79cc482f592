#!/usr/bin/env python3
"""Two measurements of bench/search-nginx.sh, through nginx, on the national-scale data (bench/generate.sh):

  freshness   a coordinator publishes a new opportunity; a stranger searches for its title every 0.2 s (API and page)
              until it is there: seconds from the publish's answer to the first search that shows it.
  last seats  a shift of 30 seats, 20 taken one by one; then 1,000 volunteers apply at the same moment for the last
              10: exactly 10 accepted, the rest waitlisted, latency percentiles of the 1,000, what is stored.

  bench/last-seats.py BASE_URL PSQL_CONNINFO [--volunteers 1000]

The generated accounts have no password: the script gives a password to the accounts it uses (the hash of one
account it signs up itself) and takes their tokens first. It changes only those accounts and adds one organisation's
two opportunities. Python standard library only.
"""
import argparse
import asyncio
import datetime as dt
import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

PASSWORD = "Bench-Seats-2026"


def psql(conninfo, sql):
    out = subprocess.run(["psql", conninfo, "-v", "ON_ERROR_STOP=1", "-qAt", "-F", "\t", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


class Client:
    """One keep-alive connection to nginx (one per thread)."""

    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.connection = None

    def request(self, method, path, body=None, token=None, language="kk"):
        headers = {"Accept-Language": language, "X-Forwarded-Proto": "https"}
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(body)
        if token:
            headers["Authorization"] = "Bearer " + token
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                return response.status, (json.loads(data) if data and data[:1] in (b"{", b"[") else data)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection closed by nginx between requests: open a new one (never after an answer).
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise RuntimeError("unreachable")


def parallel(items, work, threads):
    """work(client, item) for every item on `threads` threads; results in the items' order."""
    results = [None] * len(items)
    position = iter(range(len(items)))
    lock = threading.Lock()

    def run():
        client = Client(args.base)
        while True:
            with lock:
                i = next(position, None)
            if i is None:
                return
            results[i] = work(client, items[i])

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return results


def token(client, login):
    status, body = client.request("POST", "/api/v1/auth/token", {"login": login, "password": PASSWORD})
    if status != 200:
        sys.exit(f"last-seats: token for an account answered {status}: {body}")
    return body["accessToken"]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1)]


parser = argparse.ArgumentParser()
parser.add_argument("base")
parser.add_argument("conninfo")
parser.add_argument("--volunteers", type=int, default=1000)
args = parser.parse_args()
main = Client(args.base)

# A password hash the app made: sign one account up, copy its hash to the accounts used here.
status, consent = main.request("GET", "/api/v1/consent")
marker = uuid.uuid4().hex[:10]
status, body = main.request("POST", "/api/v1/accounts", {
    "email": f"bench-seats-{marker}@example.com", "password": PASSWORD, "fullName": "Бенч Орындар",
    "birthDate": "1990-01-01", "regionKato": "750000000", "consentVersion": consent["version"]})
if status != 201:
    sys.exit(f"last-seats: sign-up answered {status}: {body}")
hash_of = f"(SELECT \"PasswordHash\" FROM \"Accounts\" WHERE \"Email\" = 'bench-seats-{marker}@example.com')"

# The coordinator of a verified organisation of Almaty, and adult volunteers with an e-mail who have never applied
# to it (any active account may apply; age 18+ so no age limit can refuse).
coordinator, organization = psql(args.conninfo, """
    SELECT a."Email", o."Id" FROM "Organizations" o
    JOIN "OrganizationMembers" m ON m."OrganizationId" = o."Id" AND m."Role" = 'coordinator'
    JOIN "Accounts" a ON a."Id" = m."AccountId"
    WHERE o."Status" = 'Verified' AND o."RegionKato" = '750000000' AND a."Email" IS NOT NULL AND a."Status" = 'Active'
    ORDER BY o."Id" LIMIT 1""")[0]
volunteers = [row[0] for row in psql(args.conninfo, f"""
    SELECT "Email" FROM "Accounts" WHERE "Email" LIKE 'volunteer%@example.com' AND "Status" = 'Active'
      AND "BirthDate" < DATE '2000-01-01' AND "DeletedAt" IS NULL AND "Email" <> '{coordinator}'
    ORDER BY "Id" LIMIT {args.volunteers + 20}""")]
if len(volunteers) < args.volunteers + 20:
    sys.exit(f"last-seats: only {len(volunteers)} volunteers in the database")
emails = ", ".join(f"'{e}'" for e in volunteers + [coordinator])
psql(args.conninfo, f'UPDATE "Accounts" SET "PasswordHash" = {hash_of}, "LockoutEnd" = NULL, "AccessFailedCount" = 0 '
                    f'WHERE "Email" IN ({emails})')

started = time.monotonic()
coordinator_token = token(main, coordinator)
tokens = parallel(volunteers, token, 8)
print(f"tokens for {len(tokens)} volunteers and the coordinator in {time.monotonic() - started:.1f} s")


def new_opportunity(title, capacity):
    starts = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=10)).replace(microsecond=0)
    status, body = main.request("POST", "/api/v1/opportunities", {
        "organizationId": organization, "kind": "event", "title": {"kk": title, "ru": title, "en": title},
        "description": {"kk": "Бенчмарк", "ru": "Бенчмарк", "en": "Benchmark"}, "directions": ["ecology"],
        "regionKato": "750000000", "address": "Алматы, Абай даңғылы 1",
        "shifts": [{"startsAt": starts.isoformat(), "endsAt": (starts + dt.timedelta(hours=3)).isoformat(),
                    "capacity": capacity}]}, token=coordinator_token)
    if status != 201:
        sys.exit(f"last-seats: creating an opportunity answered {status}: {body}")
    return body["id"], body["shifts"][0]["id"]


def publish(opportunity):
    status, body = main.request("POST", f"/api/v1/opportunities/{opportunity}/publish", token=coordinator_token)
    if status != 200:
        sys.exit(f"last-seats: publishing answered {status}: {body}")


# Freshness: the API and the page, as a stranger (strangers' searches are the cached ones).
word = "Жаңа" + uuid.uuid4().hex[:8]
opportunity, _ = new_opportunity(f"Саябақты тазалау {word}", 10)
stranger = Client(args.base)
path = "/api/v1/opportunities?q=" + urllib.parse.quote(word)
page = "/opportunities?q=" + urllib.parse.quote(word)
stranger.request("GET", path)  # asked once before it is published, as a reader who keeps looking would
stranger.request("GET", page)
publish(opportunity)
published = time.monotonic()
seen = {}
while len(seen) < 2 and time.monotonic() - published < 60:
    if "api" not in seen:
        status, body = stranger.request("GET", path)
        if status == 200 and any(item["id"] == opportunity for item in body["items"]):
            seen["api"] = time.monotonic() - published
    if "page" not in seen:
        status, body = stranger.request("GET", page)
        if status == 200 and opportunity.encode() in body:
            seen["page"] = time.monotonic() - published
    time.sleep(0.2)
print(f"freshness: a new opportunity was in a stranger's search after {seen.get('api', float('nan')):.1f} s (API) "
      f"and {seen.get('page', float('nan')):.1f} s (page); limit 30 s")

# The last 10 seats.
opportunity, shift = new_opportunity(f"Соңғы орындар {uuid.uuid4().hex[:8]}", 30)
publish(opportunity)
for t in tokens[:20]:
    status, body = main.request("POST", f"/api/v1/shifts/{shift}/applications", token=t)
    if status != 201 or body["status"] != "accepted":
        sys.exit(f"last-seats: one of the first 20 answered {status}: {body}")

racers = tokens[20:20 + args.volunteers]
places = []


async def race():
    """Every connection opened first, then every request written at one moment; one thread, so the client's own
    turns (not a thousand threads waiting for Python's lock) are not in the figures. Connection: close, so an answer
    is read to its end."""
    url = urllib.parse.urlsplit(args.base)
    connections = [await asyncio.open_connection(url.hostname, url.port or 80) for _ in racers]
    go = asyncio.Event()

    async def apply(connection, token):
        reader, writer = connection
        await go.wait()
        start = time.monotonic()
        writer.write((f"POST /api/v1/shifts/{shift}/applications HTTP/1.1\r\nHost: {url.netloc}\r\n"
                      f"Authorization: Bearer {token}\r\nX-Forwarded-Proto: https\r\nAccept-Language: kk\r\n"
                      "Content-Length: 0\r\nConnection: close\r\n\r\n").encode())
        try:
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(), 30)
            elapsed = time.monotonic() - start
            head, _, body = answer.partition(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            # The JSON of a chunked answer lies between its first { and its last }.
            document = json.loads(body[body.find(b"{"):body.rfind(b"}") + 1]) if b"{" in body else {}
            outcome = document.get("status") if status == 201 else f"{status} {document.get('code', '')}"
            places.append(document.get("waitlistPosition"))
        except Exception as e:  # noqa: BLE001 - a failed request is counted, not fatal
            elapsed, outcome = time.monotonic() - start, type(e).__name__
        writer.close()
        return outcome, elapsed

    tasks = [asyncio.create_task(apply(c, t)) for c, t in zip(connections, racers)]
    await asyncio.sleep(0.5)
    began = time.monotonic()
    go.set()
    results = await asyncio.gather(*tasks)
    return results, time.monotonic() - began


outcomes, wall = asyncio.run(race())
counts = {}
for outcome, _ in outcomes:
    counts[outcome] = counts.get(outcome, 0) + 1
latencies = [seconds * 1000 for _, seconds in outcomes]
stored = psql(args.conninfo, f"""SELECT "Status", count(*) FROM "Applications" WHERE "ShiftId" = '{shift}' GROUP BY 1 ORDER BY 1""")
print(f"last seats: {len(racers)} applications at once for the last 10 of 30 seats, {wall:.2f} s in all")
print("  answers: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
print(f"  latency ms: p50 {statistics.median(latencies):.0f}, p95 {percentile(latencies, 95):.0f}, "
      f"p99 {percentile(latencies, 99):.0f}, max {max(latencies):.0f}")
print("  stored: " + ", ".join(f"{status} {count}" for status, count in stored))
told = sorted(p for p in places if p is not None)
places_ok = told == list(range(1, len(racers) - 10 + 1))
print(f"  places in line told: {len(told)}, " + ("1 to %d, each once" % len(told) if places_ok else "NOT 1 to n each once"))
accepted = dict((s, int(c)) for s, c in stored).get("Accepted", 0)
ok = places_ok and counts.get("accepted", 0) == 10 and accepted == 30 and percentile(latencies, 99) < 1000 and \
    seen.get("api", 99) < 30 and seen.get("page", 99) < 30
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
