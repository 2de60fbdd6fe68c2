#!/usr/bin/env bash
# Port create against what the database itself does (issue 7's target): on a fresh database with
# Neutrino's schema, measures `create_port` through a Neutrino server with neutrino-bench, then
# the same four inserts in one transaction with the database's own load tool (mysqlslap for
# MariaDB, pgbench for PostgreSQL), at the same client counts in the same run, and prints
# Neutrino ÷ database with whether the target (at least 0.5) is met. See neutrino-bench/README.md.
#
# usage: neutrino-bench/db-baseline.sh [mariadb|postgresql|both]      (default: both)
# env:   CLIENTS=1,8,16  DURATION=10s  WARMUP=3s  PREWARM=10s  OUT=/tmp/neutrino-dbbase  DB=neutrino_dbbase
#        NEUTRINO_PORT=27696  API_WORKERS=<server default: the core count>
#        MARIADB_HOST=127.0.0.1 MARIADB_PORT=3306 MARIADB_USER=root       (no password)
#        PG_HOST=127.0.0.1 PG_PORT=5432 PG_USER=postgres                  (trust)
# Needs `mvn -q -o -DskipTests package` done first. The database DB is dropped and created afresh
# for each kind, and dropped again at the end; the server this script starts is stopped by pid.
set -euo pipefail
shopt -s inherit_errexit   # a failure inside $(...) stops the script too
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KINDS="${1:-both}"
CLIENTS="${CLIENTS:-1,8,16}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"
# an unmeasured create_port run at the largest client count once the server is up: its JIT
# compiles the hot paths (the database server, long running, is warm already)
PREWARM="${PREWARM:-10s}"
OUT="${OUT:-/tmp/neutrino-dbbase}"
DB="${DB:-neutrino_dbbase}"
NEUTRINO_PORT="${NEUTRINO_PORT:-27696}"
MARIADB_HOST="${MARIADB_HOST:-127.0.0.1}" MARIADB_PORT="${MARIADB_PORT:-3306}" MARIADB_USER="${MARIADB_USER:-root}"
PG_HOST="${PG_HOST:-127.0.0.1}" PG_PORT="${PG_PORT:-5432}" PG_USER="${PG_USER:-postgres}"
PROJECT=dbbase   # project of the seeded network and of the rows the database tool inserts
JAR="$ROOT/neutrino-bench/target/neutrino-bench.jar"

die() { echo "db-baseline.sh: $*" >&2; exit 1; }
log() { echo "db-baseline.sh: $(date +%H:%M:%S) $*" >&2; }
# "10s", "10" or "2m" -> whole seconds (pgbench -T takes whole seconds)
seconds() {
  case "$1" in
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
DUR_S=$(seconds "$DURATION"); WARM_S=$(seconds "$WARMUP"); PREWARM_S=$(seconds "$PREWARM")
[[ "$DUR_S" =~ ^[0-9]+$ && "$DUR_S" -gt 0 ]] || die "DURATION must be whole seconds (10s, 10, 2m): $DURATION"
[[ "$WARM_S" =~ ^[0-9]+$ ]] || die "WARMUP must be whole seconds: $WARMUP"
[[ "$PREWARM_S" =~ ^[0-9]+$ ]] || die "PREWARM must be whole seconds: $PREWARM"
[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "DB must be a plain lower-case identifier: $DB"
IFS=, read -r -a COUNTS <<<"$CLIENTS"
for c in "${COUNTS[@]}"; do [[ "$c" =~ ^[1-9][0-9]*$ ]] || die "CLIENTS must be a comma list of counts: $CLIENTS"; done
case "$KINDS" in
  both) KINDS="mariadb postgresql" ;;
  mariadb|postgresql) ;;
  *) die "usage: $0 [mariadb|postgresql|both]" ;;
esac

[ -f "$JAR" ] && [ -d "$ROOT/neutrino-dist/target/lib" ] \
  || die "build first, from $ROOT: mvn -q -o -DskipTests package"
for t in curl python3 java; do command -v "$t" >/dev/null || die "$t is missing"; done
MYSQL=mysql SLAP=mysqlslap
if [[ "$KINDS" == *mariadb* ]]; then
  command -v mariadb >/dev/null && MYSQL=mariadb
  command -v mariadb-slap >/dev/null && SLAP=mariadb-slap
  command -v "$MYSQL" >/dev/null && command -v "$SLAP" >/dev/null || die "mysql/mysqlslap (MariaDB client) missing"
fi
if [[ "$KINDS" == *postgresql* ]]; then
  command -v psql >/dev/null && command -v pgbench >/dev/null || die "psql/pgbench (PostgreSQL client) missing"
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$NEUTRINO_PORT") 2>/dev/null; then
  die "something already listens on 127.0.0.1:$NEUTRINO_PORT; set NEUTRINO_PORT"
fi

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
TMP="$(mktemp -d /tmp/db-baseline.XXXXXX)"
RESULTS="$OUT/db-baseline.tsv"
printf 'db\tclients\tneutrino_ops_s\tneutrino_p50_ms\tneutrino_mean_ms\tneutrino_ops\tneutrino_errors\tneutrino_load\ttool\ttool_tx_s\ttool_p50_ms\ttool_mean_ms\ttool_tx\ttool_secs\trows_inserted\ttool_load\n' >"$RESULTS"
load1() { cut -d' ' -f1 /proc/loadavg; }   # the machine may be shared: kept beside each figure

# ---- the database of one kind ------------------------------------------------------------------
# sql KIND [DB] : runs stdin as SQL, prints rows tab-separated without headers
sql() {
  if [ "$1" = mariadb ]; then
    "$MYSQL" -h"$MARIADB_HOST" -P"$MARIADB_PORT" -u"$MARIADB_USER" --protocol=tcp -N -B ${2:+"$2"}
  else
    PGOPTIONS="-c client_min_messages=warning" \
      psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -v ON_ERROR_STOP=1 -At -F $'\t' -d "${2:-postgres}"
  fi
}
connection_url() {
  if [ "$1" = mariadb ]; then echo "mysql+pymysql://$MARIADB_USER@$MARIADB_HOST:$MARIADB_PORT/$DB"
  else echo "postgresql://$PG_USER@$PG_HOST:$PG_PORT/$DB"; fi
}
drop_db() {
  if [ "$1" = mariadb ]; then echo "DROP DATABASE IF EXISTS \`$DB\`" | sql mariadb
  else echo "DROP DATABASE IF EXISTS \"$DB\"" | sql postgresql; fi
}

SERVER_PID= CURRENT_KIND=
cleanup() {
  local rc=$?
  stop_server
  if [ -n "$CURRENT_KIND" ]; then drop_db "$CURRENT_KIND" || true; fi
  rm -rf "$TMP"
  exit "$rc"
}
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping Neutrino (pid $SERVER_PID)"
    kill "$SERVER_PID"
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  SERVER_PID=
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {   # KIND
  local kind=$1 code=
  cat >"$TMP/neutrino.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $NEUTRINO_PORT
auth_strategy = noauth
${API_WORKERS:+api_workers = $API_WORKERS}
[database]
connection = $(connection_url "$kind")
[quotas]
quota_network = -1
quota_subnet = -1
quota_port = -1
CONF
  log "$kind: schema (bin/neutrino db-manage upgrade heads)"
  "$ROOT/bin/neutrino" db-manage --config-file "$TMP/neutrino.conf" upgrade heads >"$OUT/$kind-db-manage.log" 2>&1 \
    || { tail -20 "$OUT/$kind-db-manage.log" >&2; die "db-manage failed"; }
  log "$kind: starting Neutrino on :$NEUTRINO_PORT"
  # bin/neutrino execs java: $! is the server's pid
  setsid "$ROOT/bin/neutrino" server --config-file "$TMP/neutrino.conf" >"$OUT/$kind-neutrino.log" 2>&1 </dev/null &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NEUTRINO_PORT/v2.0/networks" || true)
    [ "$code" = 200 ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$OUT/$kind-neutrino.log" >&2; die "Neutrino exited"; }
    sleep 1
  done
  die "Neutrino not answering (HTTP $code); see $OUT/$kind-neutrino.log"
}

# api POST PATH BODY KEY : creates through the running server, prints the new resource's id
api_create() {
  curl -fsS -X POST -H 'Content-Type: application/json' -H "X-Project-Id: $PROJECT" -d "$2" \
    "http://127.0.0.1:$NEUTRINO_PORT/v2.0/$1" | python3 -c "import json,sys; print(json.load(sys.stdin)['$3']['id'])"
}

# ---- the database tool's transaction -----------------------------------------------------------
# The four INSERTs a port create makes, in one transaction, with the same columns and values of the
# same shape (neutrino-server/src/main/resources/db/migration; `fixed_ips` is the JSON the server
# stores). Each transaction takes one value n of a sequence: the port id is md5(n) written as a
# UUID (random-looking like the server's version 4 ids, so the primary keys are not appended in
# order), the address is 10.0.0.0 + n, the MAC fa:16:3e plus n's low 24 bits (unique on the
# network as uq_ports_network_mac requires). The later statements get n back from the session's
# last sequence value: no extra round trip. No ';' inside the statements: mysqlslap splits on it.
write_scripts() {   # NET SUBNET SG
  local net=$1 sub=$2 sg=$3
  local cols="id, project_id, name, description, created_at, updated_at, revision_number, network_id, mac_address, admin_state_up, status, device_id, device_owner, fixed_ips, allowed_address_pairs, extra_dhcp_opts"
  local mid="INSERT(INSERT(INSERT(INSERT(MD5(LASTVAL(dbbase_seq)),9,0,'-'),14,0,'-'),19,0,'-'),24,0,'-')"
  # mysqlslap runs each ';'-separated statement as its own query (one round trip each)
  printf '%s' "START TRANSACTION;
INSERT INTO ports ($cols) SELECT INSERT(INSERT(INSERT(INSERT(MD5(s.n),9,0,'-'),14,0,'-'),19,0,'-'),24,0,'-'), '$PROJECT', '', '', UTC_TIMESTAMP(), UTC_TIMESTAMP(), 1, '$net', CONCAT('fa:16:3e:', LPAD(LOWER(HEX((s.n >> 16) & 255)), 2, '0'), ':', LPAD(LOWER(HEX((s.n >> 8) & 255)), 2, '0'), ':', LPAD(LOWER(HEX(s.n & 255)), 2, '0')), 1, 'DOWN', '', '', CONCAT('[{\"subnet_id\":\"$sub\",\"ip_address\":\"', INET_NTOA(167772160 + s.n), '\"}]'), '[]', '[]' FROM (SELECT NEXTVAL(dbbase_seq) AS n) s;
INSERT INTO ipallocations (subnet_id, ip_address, network_id, port_id) VALUES ('$sub', INET_NTOA(167772160 + LASTVAL(dbbase_seq)), '$net', $mid);
INSERT INTO ml2_port_bindings (port_id, host, vnic_type, profile, vif_type, vif_details, status) VALUES ($mid, '', 'normal', '{}', 'unbound', '{}', 'ACTIVE');
INSERT INTO securitygroupportbindings (port_id, security_group_id) VALUES ($mid, '$sg');
COMMIT;" >"$OUT/port-create.mysqlslap.sql"
  local pid="md5(currval('dbbase_seq')::text)::uuid::text"
  cat >"$OUT/port-create.pgbench.sql" <<SQL
BEGIN;
INSERT INTO ports ($cols) SELECT md5(s.n::text)::uuid::text, '$PROJECT', '', '', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 1, '$net', 'fa:16:3e:' || lpad(to_hex((s.n >> 16) & 255), 2, '0') || ':' || lpad(to_hex((s.n >> 8) & 255), 2, '0') || ':' || lpad(to_hex(s.n & 255), 2, '0'), true, 'DOWN', '', '', '[{"subnet_id":"$sub","ip_address":"' || host('10.0.0.0'::inet + s.n) || '"}]', '[]', '[]' FROM (SELECT nextval('dbbase_seq') AS n) s;
INSERT INTO ipallocations (subnet_id, ip_address, network_id, port_id) VALUES ('$sub', host('10.0.0.0'::inet + currval('dbbase_seq')), '$net', $pid);
INSERT INTO ml2_port_bindings (port_id, host, vnic_type, profile, vif_type, vif_details, status) VALUES ($pid, '', 'normal', '{}', 'unbound', '{}', 'ACTIVE');
INSERT INTO securitygroupportbindings (port_id, security_group_id) VALUES ($pid, '$sg');
COMMIT;
SQL
}
STATEMENTS=6   # per transaction in port-create.mysqlslap.sql

# rows KIND NET : the seeded network's rows in the four tables, "ports ipallocations bindings sgbindings"
rows() {
  sql "$1" "$DB" <<SQL | tr '\t' ' '
SELECT (SELECT COUNT(*) FROM ports WHERE network_id = '$2'),
       (SELECT COUNT(*) FROM ipallocations WHERE network_id = '$2'),
       (SELECT COUNT(*) FROM ml2_port_bindings b JOIN ports p ON p.id = b.port_id WHERE p.network_id = '$2'),
       (SELECT COUNT(*) FROM securitygroupportbindings g JOIN ports p ON p.id = g.port_id WHERE p.network_id = '$2');
SQL
}

# slap CLIENTS TX_PER_CLIENT -> elapsed seconds. mysqlslap splits the file on --delimiter into
# statements; --number-of-queries counts those statements over all clients, each client running
# number/concurrency of them (cycling through the file, stopping mid-file when the share is reached)
# - so STATEMENTS * clients * transactions gives every client exactly that many transactions. Its
# clock runs from the clients' start (connecting included) until the last one ends, in ms.
slap() {
  local c=$1 k=$2 out
  out=$("$SLAP" -h"$MARIADB_HOST" -P"$MARIADB_PORT" -u"$MARIADB_USER" --protocol=tcp --skip-ssl \
    --create-schema="$DB" --query="$OUT/port-create.mysqlslap.sql" --delimiter=";" \
    --init-command="SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED" \
    --concurrency="$c" --number-of-queries=$((STATEMENTS * c * k)) --iterations=1 2>&1) || true
  echo "$out" >"$TMP/mysqlslap.txt"
  # on a failed statement mysqlslap prints it and exits with status 0
  if ! grep -q 'Average number of seconds' <<<"$out" || grep -qi 'error\|cannot' <<<"$out"; then
    echo "$out" >&2; die "mysqlslap failed"
  fi
  sed -n 's/.*Average number of seconds to run all queries: \([0-9.]*\) seconds.*/\1/p' <<<"$out"
}

# run_mariadb_tool CLIENTS NET -> "tx/s p50 mean tx secs rows"
run_mariadb_tool() {
  local c=$1 net=$2 k=10 t rate kw km before after
  # mysqlslap runs a number of transactions, not for a time: size them from short runs of at least
  # a second, then a warm-up of WARMUP and the measured run of DURATION at the rate found
  while :; do
    t=$(slap "$c" "$k")
    python3 -c "import sys; sys.exit(0 if float('$t') >= 1.0 else 1)" && break
    k=$(python3 -c "print(max($k * 2, int($k * 1.2 / max(float('$t'), 0.01)) + 1))")
  done
  rate=$(python3 -c "print($c * $k / float('$t'))")
  kw=$(python3 -c "print(max(1, round($rate * $WARM_S / $c)))")
  [ "$WARM_S" = 0 ] || slap "$c" "$kw" >/dev/null
  km=$(python3 -c "print(max(1, round($rate * $DUR_S / $c)))")
  before=$(rows mariadb "$net")
  t=$(slap "$c" "$km")
  after=$(rows mariadb "$net")
  cp "$TMP/mysqlslap.txt" "$OUT/mariadb-mysqlslap-c$c.txt"
  python3 - "$c" "$km" "$t" "$before" "$after" <<'PY'
import sys
c, k, t = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
before, after = [list(map(int, a.split())) for a in sys.argv[4:6]]
inserted = [b - a for a, b in zip(before, after)]
tx = c * k
if any(n != tx for n in inserted):
    sys.exit(f"mysqlslap: {tx} transactions expected, rows inserted per table {inserted}")
# each client runs its k transactions one after another: mean latency = elapsed / k
print(f"{tx / t:.1f} - {t * 1000 / k:.2f} {tx} {t:.3f} {inserted[0]}")
PY
}

# run_postgresql_tool CLIENTS NET -> "tx/s p50 mean tx secs rows"
# -M prepared: pgjdbc too switches a statement it runs again to a server-side prepared one.
# pgbench has no percentiles: p50 is taken from its per-transaction log (-l, latency in µs).
run_postgresql_tool() {
  local c=$1 net=$2 before after out logs="$TMP/pgbench-c$1"
  local args=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -M prepared -f "$OUT/port-create.pgbench.sql" -c "$c" -j "$c")
  [ "$WARM_S" = 0 ] || pgbench "${args[@]}" -T "$WARM_S" "$DB" >"$TMP/pgbench-warmup.log" 2>&1 \
    || { cat "$TMP/pgbench-warmup.log" >&2; die "pgbench failed"; }
  mkdir -p "$logs"
  before=$(rows postgresql "$net")
  out=$(cd "$logs" && pgbench "${args[@]}" -T "$DUR_S" -l --log-prefix=tx "$DB" 2>&1) \
    || { echo "$out" >&2; die "pgbench failed"; }
  after=$(rows postgresql "$net")
  echo "$out" >"$OUT/postgresql-pgbench-c$c.txt"
  python3 - "$OUT/postgresql-pgbench-c$c.txt" "$before" "$after" "$logs" <<'PY'
import glob, os, re, statistics, sys
out = open(sys.argv[1]).read()
before, after = [list(map(int, a.split())) for a in sys.argv[2:4]]
inserted = [b - a for a, b in zip(before, after)]
def num(pattern):
    m = re.search(pattern, out)
    if not m:
        sys.exit(f"pgbench output lacks {pattern!r}:\n{out}")
    return float(m.group(1))
tx = int(num(r"number of transactions actually processed: (\d+)"))
failed = re.search(r"number of failed transactions: (\d+)", out)
if failed and int(failed.group(1)):
    sys.exit(f"pgbench: {failed.group(1)} failed transactions")
tps = num(r"tps = ([0-9.]+) \(without initial connection time\)")
mean = num(r"latency average = ([0-9.]+) ms")
secs = tx / tps
lat = []
for f in glob.glob(os.path.join(sys.argv[4], "tx.*")):
    with open(f) as fh:
        lat += [int(line.split()[2]) for line in fh if line.strip()]
if any(n != tx for n in inserted) or len(lat) != tx:
    sys.exit(f"pgbench: {tx} transactions reported, rows inserted per table {inserted}, {len(lat)} logged")
print(f"{tps:.1f} {statistics.median(lat) / 1000:.2f} {mean:.2f} {tx} {secs:.3f} {inserted[0]}")
PY
}

# ---- one database kind --------------------------------------------------------------------------
run_kind() {
  local kind=$1 net sub sg c tool j neut dbt lneut ltool max
  max=$(printf '%s\n' "${COUNTS[@]}" | sort -n | tail -1)
  log "$kind: fresh database $DB"
  drop_db "$kind"
  CURRENT_KIND=$kind
  if [ "$kind" = mariadb ]; then echo "CREATE DATABASE \`$DB\`" | sql mariadb
  else echo "CREATE DATABASE \"$DB\"" | sql postgresql; fi
  start_server "$kind"
  # what the tool's inserts refer to, made through the API as a user would
  net=$(api_create networks '{"network": {"name": "dbbase"}}' network)
  sub=$(api_create subnets "{\"subnet\": {\"network_id\": \"$net\", \"cidr\": \"10.0.0.0/8\", \"ip_version\": 4}}" subnet)
  sg=$(api_create security-groups '{"security_group": {"name": "dbbase"}}' security_group)
  if [ "$kind" = mariadb ]; then
    echo "CREATE SEQUENCE dbbase_seq START WITH 1 CACHE 1000" | sql mariadb "$DB"; tool=mysqlslap
  else
    echo "CREATE SEQUENCE dbbase_seq START WITH 1" | sql postgresql "$DB"; tool=pgbench
  fi
  write_scripts "$net" "$sub" "$sg"
  settings "$kind" >>"$OUT/settings.txt"
  if [ "$PREWARM_S" -gt 0 ]; then
    log "$kind: warming Neutrino up: create_port, ${PREWARM_S}s at $max clients, unmeasured"
    "$ROOT/bin/neutrino-bench" --endpoint "http://127.0.0.1:$NEUTRINO_PORT" --clients "$max" --duration "${PREWARM_S}s" \
      --warmup 0s --scenario create_port >"$OUT/$kind-neutrino-prewarm.txt" 2>&1 \
      || { cat "$OUT/$kind-neutrino-prewarm.txt" >&2; die "neutrino-bench failed"; }
  fi
  for c in "${COUNTS[@]}"; do
    j="$OUT/$kind-neutrino-c$c.json"
    lneut=$(load1)
    log "$kind: $c client(s): Neutrino create_port, ${DUR_S}s after ${WARM_S}s warm-up"
    "$ROOT/bin/neutrino-bench" --endpoint "http://127.0.0.1:$NEUTRINO_PORT" --clients "$c" \
      --duration "${DUR_S}s" --warmup "${WARM_S}s" --scenario create_port --json "$j" \
      >"$OUT/$kind-neutrino-c$c.txt" 2>&1 || { cat "$OUT/$kind-neutrino-c$c.txt" >&2; die "neutrino-bench failed"; }
    kill -0 "$SERVER_PID" 2>/dev/null || die "Neutrino died during the run; see $OUT/$kind-neutrino.log"
    neut=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]
print(r['opsPerSec'], r.get('p50Ms') or '-', r.get('meanMs') or '-', r['ops'], r['errors'])" "$j")
    log "$kind: $c client(s): $tool"
    ltool=$(load1)
    dbt=$("run_${kind}_tool" "$c" "$net")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$c" "${neut// /$'\t'}" "$lneut" "$tool" "${dbt// /$'\t'}" \
      "$ltool" >>"$RESULTS"
    log "$kind: $c client(s): Neutrino $(cut -d' ' -f1 <<<"$neut") creates/s, $tool $(cut -d' ' -f1 <<<"$dbt") tx/s"
  done
  stop_server
  drop_db "$kind"
  CURRENT_KIND=
}

# what bounds a commit: durability settings and versions, next to the results
settings() {
  if [ "$1" = mariadb ]; then
    echo "mariadb: $(echo "SELECT CONCAT(VERSION(), ', innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit, ', sync_binlog=', @@sync_binlog, ', log_bin=', @@log_bin, ', innodb_buffer_pool_size=', @@innodb_buffer_pool_size DIV 1048576, 'M')" | sql mariadb)"
  else
    echo "postgresql: $(echo "SELECT split_part(version(), ' ', 2) || ', synchronous_commit=' || current_setting('synchronous_commit') || ', fsync=' || current_setting('fsync') || ', wal_sync_method=' || current_setting('wal_sync_method') || ', shared_buffers=' || current_setting('shared_buffers')" | sql postgresql)"
  fi
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)), load before $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "neutrino: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(java -version 2>&1 | head -1), api_workers=${API_WORKERS:-default}"
  echo "settings: clients=$CLIENTS duration=${DUR_S}s warmup=${WARM_S}s prewarm=${PREWARM_S}s"
} >"$OUT/settings.txt"
for kind in $KINDS; do run_kind "$kind"; done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/settings.txt"

# ---- the table ----------------------------------------------------------------------------------
python3 - "$RESULTS" "$OUT/settings.txt" "$OUT/db-baseline.md" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
head = ["db", "clients", "Neutrino creates/s", "Neutrino p50 ms", "DB tool", "DB tx/s", "DB p50 ms",
        "DB mean ms", "Neutrino/DB", "target >= 0.5"]
table = []
for r in rows:
    ratio = float(r["neutrino_ops_s"]) / float(r["tool_tx_s"])
    table.append([r["db"], r["clients"], r["neutrino_ops_s"], r["neutrino_p50_ms"], r["tool"], r["tool_tx_s"],
                  r["tool_p50_ms"], r["tool_mean_ms"], f"{ratio:.2f}", "met" if ratio >= 0.5 else "NOT met"])
widths = [max(len(str(x)) for x in col) for col in zip(head, *table)]
for line in [head] + table:
    print("  ".join(str(x).rjust(w) for x, w in zip(line, widths)))
with open(sys.argv[3], "w") as md:
    md.write("# Port create: Neutrino against the database's own tool\n\n")
    md.write("| " + " | ".join(head) + " |\n|" + "|".join("---" for _ in head) + "|\n")
    for line in table:
        md.write("| " + " | ".join(line) + " |\n")
    md.write("\nDB tx/s: transactions of the four INSERTs a port create makes (ports, ipallocations, "
             "ml2_port_bindings, securitygroupportbindings) and COMMIT, one statement per round trip, "
             "run by mysqlslap (MariaDB) or pgbench -M prepared (PostgreSQL); mysqlslap gives no "
             "percentiles (DB mean ms = its elapsed time / transactions per client).\n\n")
    md.write("| db | clients | Neutrino ops | errors | Neutrino mean ms | load (1 min) | DB tool transactions "
             "| seconds | rows inserted per table | load (1 min) |\n|---|---|---|---|---|---|---|---|---|---|\n")
    for r in rows:
        md.write(f"| {r['db']} | {r['clients']} | {r['neutrino_ops']} | {r['neutrino_errors']} | {r['neutrino_mean_ms']} "
                 f"| {r['neutrino_load']} | {r['tool_tx']} | {r['tool_secs']} | {r['rows_inserted']} | {r['tool_load']} |\n")
    md.write("\n```\n" + open(sys.argv[2]).read() + "```\n")
PY
echo "results: $OUT/db-baseline.md $RESULTS (and the runs' output in $OUT)"
