#!/usr/bin/env bash
# Side by side on this machine: neutrino-bench's scenarios against Neutrino and against the
# reference Neutron Zed (Debian's neutron-server, started by ../shared/reference/), both on the same
# MariaDB server and the same Keystone, alternating round by round; prints a table per scenario and
# writes compare.{txt,md,json,svg} and machine.txt to OUT_DIR. See neutrino-bench/README.md.
#
# usage: neutrino-bench/compare.sh            (as root: it may install Debian packages and start daemons)
# env:   ROUNDS=3  DURATION=8s  WARMUP=2s  CLIENTS=1,8  SCENARIOS=<the list below>
#        LIST_OPS=50   (create_and_list_* run exactly this many operations per round and client count,
#                       as Rally's `times`, so both servers list collections of the same size)
#        PRIME=10s     (first, each scenario that seeds nothing runs this long on both servers,
#                       unrecorded, and is cleaned up: both are then measured warm; 0s to skip)
#        REFERENCE_MAX_SEED=1000  (scenarios seeding more ports are skipped on the reference)
#        NEUTRINO_PORT=9696  REFERENCE_PORT=19696  API_WORKERS=2  TIMEOUT=1200s
#        OUT_DIR=/tmp/neutrino-compare  SHARED_HOME=<repo>/../shared  CONFORMANCE_WORK=/tmp/conformance
#        SKIP_BUILD=1 (use what `mvn package` built before)
# Both servers are stopped on exit; a reference that was already running is left running.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${SHARED_HOME:-}" ]; then SHARED="$SHARED_HOME"
elif [ -d "$ROOT/../shared/reference" ]; then SHARED="$ROOT/../shared"
else SHARED="$ROOT/../../shared"   # a git worktree under <project>/wt/<branch>
fi
[ -x "$SHARED/reference/reference-neutron-up.sh" ] || { echo "compare.sh: no $SHARED/reference; set SHARED_HOME" >&2; exit 1; }
SHARED="$(cd "$SHARED" && pwd)"
WORK="${CONFORMANCE_WORK:-/tmp/conformance}"
OUT="${OUT_DIR:-/tmp/neutrino-compare}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-8s}"
WARMUP="${WARMUP:-2s}"
PRIME="${PRIME:-10s}"
CLIENTS="${CLIENTS:-1,8}"
LIST_OPS="${LIST_OPS:-50}"
SCENARIOS="${SCENARIOS:-create_and_list_networks,create_and_list_subnets,create_and_list_ports,create_and_delete_port,create_and_update_port,create_and_list_routers,create_and_list_security_group_rules,create_and_delete_floating_ips,list_ports_1k,list_ports_10k,show_port}"
# The reference creates and deletes about 2-6 ports a second, bulk create included, and every
# seeded port is deleted one by one afterwards: 10,000 would take it hours.
REFERENCE_MAX_SEED="${REFERENCE_MAX_SEED:-1000}"
NEUTRINO_PORT="${NEUTRINO_PORT:-9696}"
REFERENCE_PORT="${REFERENCE_PORT:-19696}"
API_WORKERS="${API_WORKERS:-2}"
# Seeding sends 500 ports in one bulk request: the reference needs minutes for one.
TIMEOUT="${TIMEOUT:-1200s}"
DB=neutrino_bench
SYS_PATH=/usr/sbin:/usr/bin:/sbin:/bin   # Debian's python for the OpenStack tools, as ../shared does
[ "$(id -u)" = 0 ] || { echo "compare.sh: must run as root (packages, MariaDB, Keystone)" >&2; exit 1; }
mkdir -p "$OUT/state"
OUT="$(cd "$OUT" && pwd)"
log() { echo "compare.sh: $(date +%H:%M:%S) $*" >&2; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
T0=$(date +%s)

if listening "$NEUTRINO_PORT"; then
  echo "compare.sh: something already listens on 127.0.0.1:$NEUTRINO_PORT; set NEUTRINO_PORT" >&2; exit 1
fi

# ---- 1. build -----------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building (mvn -q -o -DskipTests package)"
  (cd "$ROOT" && mvn -q -o -DskipTests package)
fi
JAR="$ROOT/neutrino-bench/target/neutrino-bench.jar"
[ -f "$JAR" ] || { echo "compare.sh: $JAR missing; build without SKIP_BUILD=1" >&2; exit 1; }

# ---- 2. packages, MariaDB, Keystone (idempotent) -------------------------------------------------
"$SHARED/conformance/setup.sh" >&2
if [ ! -f "$WORK/admin-openrc" ] || ! curl -fsS -o /dev/null http://127.0.0.1:5000/v3; then
  log "starting Keystone"
  "$SHARED/conformance/keystone-up.sh" "$WORK" >/dev/null
fi
# shellcheck disable=SC1091
. "$WORK/admin-openrc"

# ---- 3. the reference ---------------------------------------------------------------------------
REF_PIDFILE="$WORK/neutron/neutron-server.pid"
ref_running() { [ -f "$REF_PIDFILE" ] && kill -0 "$(cat "$REF_PIDFILE")" 2>/dev/null; }
REF_STARTED=1
if ref_running; then REF_STARTED=0; fi
NEUTRINO_PID=
LOAD_PID=
BENCH_PID=
WATCH_PID=
stop_all() {
  local rc=$?
  [ -z "$WATCH_PID" ] || kill "$WATCH_PID" 2>/dev/null || true
  if [ -n "$BENCH_PID" ] && kill -0 "$BENCH_PID" 2>/dev/null; then
    log "stopping the bench (pid $BENCH_PID); it deletes what it created first"
    kill -TERM "$BENCH_PID"
    wait "$BENCH_PID" 2>/dev/null || true
  fi
  [ -z "$LOAD_PID" ] || kill "$LOAD_PID" 2>/dev/null || true
  if [ -n "$NEUTRINO_PID" ] && kill -0 "$NEUTRINO_PID" 2>/dev/null; then
    log "stopping Neutrino (pid $NEUTRINO_PID)"
    kill "$NEUTRINO_PID"
    for _ in $(seq 1 60); do kill -0 "$NEUTRINO_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  if [ "$REF_STARTED" = 1 ] && ref_running; then
    local pid; pid=$(cat "$REF_PIDFILE")
    log "stopping the reference neutron-server (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  elif [ "$REF_STARTED" = 0 ]; then
    log "the reference was running before: left running"
  fi
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT TERM
log "starting the reference neutron-server on :$REFERENCE_PORT with $API_WORKERS API workers"
# (SHARED_DIR means the conformance directory to that script)
env -u SHARED_DIR NEUTRON_PORT="$REFERENCE_PORT" SET_ENDPOINT=0 API_WORKERS="$API_WORKERS" \
  "$SHARED/reference/reference-neutron-up.sh" "$WORK" >&2
REF_PID=$(cat "$REF_PIDFILE")
TOKEN=$(PATH=$SYS_PATH openstack token issue -f value -c id)
PROJECT_ID=$(PATH=$SYS_PATH openstack project show "$OS_PROJECT_NAME" -f value -c id)
# Quotas to unlimited, as admin. Not `openstack quota set --ports -1 ...`: the CLI offers the
# network quotas only when the Keystone catalog has a network endpoint, which SET_ENDPOINT=0 leaves
# out (and one there may point at another server); the API call it would make is this one.
QUOTA='{"quota": {"network": -1, "subnet": -1, "port": -1, "router": -1, "floatingip": -1,
        "security_group": -1, "security_group_rule": -1}}'
curl -fsS -X PUT -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' -d "$QUOTA" \
  "http://127.0.0.1:$REFERENCE_PORT/v2.0/quotas/$PROJECT_ID" | grep -q '"port": *-1' \
  || { echo "compare.sh: could not raise the reference's quotas" >&2; exit 1; }

# ---- 4. Neutrino on the same MariaDB server, its own database -----------------------------------
# root: unix socket or TCP without password, as ../shared/conformance/mariadb-up.sh connects
if mysql -uroot -e 'select 1' >/dev/null 2>&1; then SQL=(mysql -uroot); else SQL=(mysql -h127.0.0.1 -uroot); fi
"${SQL[@]}" -e "DROP DATABASE IF EXISTS \`$DB\`"   # each run starts from an empty schema
"$SHARED/conformance/mariadb-up.sh" "$DB" "$DB" "$DB"
# The reference's neutron.conf / ml2_conf.ini, as far as Neutrino implements them: no qos or trunk
# service plugin; dns_domain_ports is the driver subnet_dns_publish_fixed_ip extends; no qos or
# port_numa_affinity_policy extension drivers. Quotas unlimited as configuration defaults.
cat > "$OUT/neutrino.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $NEUTRINO_PORT
core_plugin = ml2
service_plugins = router,metering,segments,tag,network_ip_availability,port_forwarding
auth_strategy = keystone
allow_overlapping_ips = true
api_workers = $API_WORKERS
state_path = $OUT/state
dns_domain = example.org.
global_physnet_mtu = 1500
[database]
connection = mysql+pymysql://$DB:$DB@127.0.0.1/$DB
max_pool_size = 20
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:5000
auth_url = http://127.0.0.1:5000
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = neutron
password = neutron
region_name = RegionOne
[oslo_policy]
enforce_scope = false
enforce_new_defaults = false
[quotas]
default_quota = -1
quota_network = -1
quota_subnet = -1
quota_port = -1
quota_router = -1
quota_floatingip = -1
quota_security_group = -1
quota_security_group_rule = -1
CONF
cat > "$OUT/ml2_conf.ini" <<CONF
[ml2]
type_drivers = flat,vlan,vxlan,geneve,gre
tenant_network_types = vxlan
mechanism_drivers = openvswitch
extension_drivers = port_security,dns_domain_ports,data_plane_status,uplink_status_propagation
$(cat "$ROOT/neutrino-bench/reference-type-drivers.ini")
[securitygroup]
enable_security_group = true
firewall_driver = openvswitch
[ovs]
bridge_mappings = public:br-ex
CONF
ARGS=(--config-file "$OUT/neutrino.conf" --config-file "$OUT/ml2_conf.ini")
"$ROOT/bin/neutrino" db-manage "${ARGS[@]}" upgrade heads >"$OUT/db-manage.log" 2>&1 \
  || { tail -20 "$OUT/db-manage.log" >&2; exit 1; }
# bin/neutrino starts the server, through a `java` put first on its PATH that moves the arguments
# into a file: the server's command line is then `java @FILE`, so a `pkill -f neutrino.server.Main`
# meant for another Neutrino on this shared machine does not take this one down mid-run.
mkdir -p "$OUT/shim"
cat >"$OUT/shim/java" <<'SHIM'
#!/usr/bin/env bash
f="$NEUTRINO_ARGFILE"; : >"$f"
for a in "$@"; do a="${a//\\/\\\\}"; printf '"%s"\n' "${a//\"/\\\"}" >>"$f"; done
PATH="${PATH#*:}" exec java "@$f"
SHIM
chmod +x "$OUT/shim/java"
log "starting Neutrino on :$NEUTRINO_PORT"
NEUTRINO_ARGFILE="$OUT/neutrino.args" PATH="$OUT/shim:$PATH" \
  setsid "$ROOT/bin/neutrino" server "${ARGS[@]}" >"$OUT/neutrino.log" 2>&1 </dev/null &
NEUTRINO_PID=$!   # bin/neutrino and the shim exec java: this is the server's pid
code=
for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $TOKEN" \
    "http://127.0.0.1:$NEUTRINO_PORT/v2.0/networks" || true)
  [ "$code" = 200 ] && break
  kill -0 "$NEUTRINO_PID" 2>/dev/null || { tail -20 "$OUT/neutrino.log" >&2; exit 1; }
  sleep 1
done
[ "$code" = 200 ] || { echo "compare.sh: Neutrino not answering (HTTP $code); see $OUT/neutrino.log" >&2; exit 1; }

# ---- 5. the comparison --------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs))," \
       "$(free -g | awk '/^Mem:/ {print $2}') GiB, kernel $(uname -r), Debian $(cat /etc/debian_version)"
  echo "neutrino: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(java -version 2>&1 | head -1)"
  echo "reference: neutron-server $(dpkg-query -W -f='${Version}' neutron-server), $API_WORKERS API workers"
  echo "mariadb: $(dpkg-query -W -f='${Version}' mariadb-server)"
  echo "settings: rounds=$ROUNDS duration=$DURATION warmup=$WARMUP clients=$CLIENTS reference-max-seed=$REFERENCE_MAX_SEED"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"
# MariaDB purges the old versions of deleted and updated rows only once no transaction can still
# read them, and Keystone leaves one of its pooled connections idle inside a transaction, with its
# read view, for the whole run (seen here: open from the run's 5th minute to its end). The purge
# backlog ("history list length") then grew to 137,000 in 30 minutes, and every read of a table
# with many deleted rows slowed: Neutrino's list of 1,000 ports from 15 to 46 ms at 1 client, the
# reference's by a quarter, later scenarios more than earlier ones. So once a minute the Keystone
# connections idle in a transaction older than a minute are closed (Keystone reconnects on the next
# use), and the backlog is logged with the load.
purge_guard() {
  "${SQL[@]}" -N -e "SELECT p.id FROM information_schema.innodb_trx t
      JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
      WHERE p.user = 'keystone' AND p.command = 'Sleep' AND t.trx_started < NOW() - INTERVAL 60 SECOND" \
    | while read -r id; do "${SQL[@]}" -e "KILL $id" 2>/dev/null || true; done
  "${SQL[@]}" -N -e "SELECT count FROM information_schema.innodb_metrics WHERE name = 'trx_rseg_history_len'"
}
# the machine is shared: keep the load average of every minute next to the results
( while sleep 60; do
    echo "$(date +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg) purge-backlog=$(purge_guard 2>/dev/null || echo '?')"
  done ) >"$OUT/load.txt" &
LOAD_PID=$!
log "running the comparison (log: $OUT/compare.txt)"
# The bench runs in the background (it then ignores SIGINT: stop_all sends it SIGTERM, on which it
# still deletes what it created); a watchdog stops it if either server dies, since every request
# would then fail and the table would mean nothing.
"$ROOT/bin/neutrino-bench" --endpoint "http://127.0.0.1:$NEUTRINO_PORT" --reference "http://127.0.0.1:$REFERENCE_PORT" \
  --keystone "$OS_AUTH_URL" --user "$OS_USERNAME" --password "$OS_PASSWORD" --project "$OS_PROJECT_NAME" \
  --rounds "$ROUNDS" --clients "$CLIENTS" --duration "$DURATION" --list-ops "$LIST_OPS" --warmup "$WARMUP" --prime "$PRIME" --timeout "$TIMEOUT" \
  --scenario "$SCENARIOS" --reference-max-seed "$REFERENCE_MAX_SEED" \
  --server-pid "$NEUTRINO_PID" --reference-pid "$REF_PID" \
  --json "$OUT/compare.json" --markdown "$OUT/compare.md" --plot "$OUT/compare.svg" \
  > >(tee "$OUT/compare.txt") 2>&1 &
BENCH_PID=$!
(
  while kill -0 "$BENCH_PID" 2>/dev/null; do
    for p in "$NEUTRINO_PID:Neutrino" "$REF_PID:the reference"; do
      if ! kill -0 "${p%%:*}" 2>/dev/null; then
        echo "compare.sh: ${p#*:} (pid ${p%%:*}) died during the run; stopping the bench" | tee -a "$OUT/machine.txt" >&2
        kill -TERM "$BENCH_PID"; exit 0
      fi
    done
    sleep 2
  done
) &
WATCH_PID=$!
set +e
wait "$BENCH_PID"
rc=$?
set -e
BENCH_PID=
kill "$WATCH_PID" 2>/dev/null || true
WATCH_PID=
if ! kill -0 "$NEUTRINO_PID" 2>/dev/null || ! kill -0 "$REF_PID" 2>/dev/null; then
  echo "compare.sh: a server died during the run: the results are not valid" >&2
  rc=1
fi
{
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "load during (1/5/15 min, every minute): $(awk '{print $2}' "$OUT/load.txt" | tr '\n' ' ')"
  echo "wall time: $(( ($(date +%s) - T0) / 60 )) min"
} >>"$OUT/machine.txt"
cat "$OUT/machine.txt"
echo "results: $OUT/compare.md $OUT/compare.json $OUT/compare.svg $OUT/compare.txt"
exit "$rc"
