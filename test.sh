#!/usr/bin/env bash
# Runs every Birge test on SQLite and PostgreSQL, and the browser tests in Chromium.
# On a fresh machine it installs what is missing (PostgreSQL, Chromium, pdftotext) from Debian packages, starts a throwaway
# PostgreSQL on a free loopback port, and stops it at the end.
#   ./test.sh                      everything
#   ./test.sh --filter Name~SignUp  arguments go to `dotnet test`
set -euo pipefail
cd "$(dirname "$0")"

need_packages=()
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[[ -x "${pg_bin}/initdb" ]] || need_packages+=(postgresql)
command -v chromium >/dev/null || need_packages+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || need_packages+=(fonts-dejavu-core)
command -v pdftotext >/dev/null || need_packages+=(poppler-utils)
command -v npm >/dev/null || need_packages+=(nodejs npm)
if (( ${#need_packages[@]} )); then
  echo "test.sh: installing ${need_packages[*]}"
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

# Redocly for the OpenAPI lint test, at the version tools/openapi-lint/package-lock.json pins.
if [[ ! -d tools/openapi-lint/node_modules ]]; then
  echo "test.sh: installing tools/openapi-lint (npm ci)"
  (cd tools/openapi-lint && npm ci --no-audit --no-fund --loglevel=error)
fi

# A throwaway PostgreSQL: its own data folder, a free port on 127.0.0.1, trust authentication.
work="$(mktemp -d /tmp/birge-test.XXXXXX)"
chmod 755 "$work"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$work"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
export BIRGE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
export BIRGE_CHROMIUM="$(command -v chromium)"
echo "test.sh: PostgreSQL on 127.0.0.1:$port, Chromium at $BIRGE_CHROMIUM"

dotnet build Birge.slnx -c Release -nologo -v quiet
status=0
dotnet test Birge.slnx -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@" | tee "$work/test.log" || status=$?

# One closing line for CI, summed over both test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if (( status == 0 && passed == 0 )); then
  echo "test.sh: no test ran" >&2
  status=1
fi
exit "$status"
