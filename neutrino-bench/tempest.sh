#!/usr/bin/env bash
# Tempest's network API tests (../shared/conformance) against Neutrino with Keystone, configured as
# ../shared/reference configures the reference Neutron Zed (ML2, the same service plugins and type
# drivers), plus a Neutrino DHCP agent on RabbitMQ so that the DHCP agent scheduler tests have an
# agent to schedule to (the reference runs none and fails those two). Prints Tempest's counts;
# docs/performance.md keeps the latest.
#
# usage: neutrino-bench/tempest.sh [REGEX]        (as root; default REGEX '^tempest\.api\.network')
# env:   NEUTRINO_PORT=9797  CONCURRENCY=4  OUT=/tmp/neutrino-tempest  SHARED_HOME=<repo>/../shared
#        CONFORMANCE_WORK=/tmp/conformance  SKIP_BUILD=1 (use what `mvn package` built before)
# Everything it starts (server, agent, the agent's "host" namespace and what the agent made in it,
# the RabbitMQ vhost) is stopped or removed on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_HOME:-$ROOT/../shared}"
REGEX="${1:-^tempest\.api\.network}"
PORT="${NEUTRINO_PORT:-9797}"
OUT="${OUT:-/tmp/neutrino-tempest}"
WORK="${CONFORMANCE_WORK:-/tmp/conformance}"
VHOST=neutrino_tempest
HOSTNS=tempest-host    # the DHCP agent's "host": its namespaces and devices stay out of the root one
log() { echo "tempest.sh: $(date +%H:%M:%S) $*" >&2; }
[ -x "$SHARED/conformance/tempest-run.sh" ] || { echo "tempest.sh: no $SHARED/conformance; set SHARED_HOME" >&2; exit 1; }

if [ -z "${SKIP_BUILD:-}" ]; then
  log "building (mvn -q -o -DskipTests package)"
  (cd "$ROOT" && mvn -q -o -DskipTests package)
fi
log "packages and Keystone (../shared/conformance, idempotent)"
"$SHARED/conformance/setup.sh" >/dev/null
"$SHARED/conformance/keystone-up.sh" "$WORK" >/dev/null
pgrep -x beam.smp >/dev/null || rabbitmq-server -detached
# the DHCP agent's tools, as .ci/run installs them
for pair in iptables:iptables dnsmasq:dnsmasq-base; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pair#*:}" >/dev/null
done

SERVER_PID= AGENT_PID=
cleanup() {
  set +e
  [ -n "$AGENT_PID" ] && kill "$AGENT_PID" 2>/dev/null && wait "$AGENT_PID" 2>/dev/null
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  # the agent removes a network's namespace with the network; what is left of this run's (other
  # runs on the machine may have qdhcp- namespaces of their own) is named in the agent's log
  for ns in $(ip netns list | awk '{print $1}' | grep '^qdhcp-'); do
    grep -q "${ns#qdhcp-}" "$OUT/dhcp-agent.log" 2>/dev/null || continue
    ip netns pids "$ns" | xargs -r kill 2>/dev/null; ip netns delete "$ns"
  done
  ip netns delete "$HOSTNS" 2>/dev/null
  rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1
}
trap cleanup EXIT

rm -rf "$OUT"; mkdir -p "$OUT/state"
rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1 || true
rabbitmqctl -q add_vhost "$VHOST" >/dev/null
rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null
ip netns add "$HOSTNS"
ip -n "$HOSTNS" link set lo up

cat >"$OUT/neutrino.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $PORT
core_plugin = ml2
service_plugins = router,metering,segments,port_forwarding,qos,trunk
auth_strategy = keystone
state_path = $OUT/state
transport_url = rabbit://guest:guest@127.0.0.1:5672/$VHOST
host = $HOSTNS
dns_domain = example.org.
global_physnet_mtu = 1500
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:5000
auth_url = http://127.0.0.1:5000
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = admin
username = admin
password = admin
[oslo_policy]
enforce_scope = false
enforce_new_defaults = false
[quotas]
quota_network = 100
quota_subnet = 100
quota_port = 500
quota_router = 20
quota_floatingip = 100
quota_security_group = 50
quota_security_group_rule = 500
[ml2]
type_drivers = flat,vlan,vxlan,geneve,gre
tenant_network_types = vxlan
mechanism_drivers = linuxbridge,l2population
extension_drivers = port_security,qos
$(cat "$ROOT/neutrino-bench/reference-type-drivers.ini")
CONF

log "starting Neutrino on 127.0.0.1:$PORT (log: $OUT/server.log)"
"$ROOT/bin/neutrino" server --config-file "$OUT/neutrino.conf" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/" >/dev/null || { echo "tempest.sh: the server did not start, see $OUT/server.log" >&2; exit 1; }
log "starting the DHCP agent in namespace $HOSTNS (log: $OUT/dhcp-agent.log)"
"$ROOT/bin/neutrino" agent dhcp --config-file "$OUT/neutrino.conf" --host-netns "$HOSTNS" >"$OUT/dhcp-agent.log" 2>&1 &
AGENT_PID=$!
# Tempest's DHCP scheduler classes create their networks at once: the agent must be registered
# (its first report_state) before, or those networks are scheduled to no agent
TOKEN=$(set +u; . "$WORK/admin-openrc"; openstack token issue -f value -c id)
for _ in $(seq 1 60); do
  curl -sf -H "X-Auth-Token: $TOKEN" "http://127.0.0.1:$PORT/v2.0/agents?agent_type=DHCP%20agent" \
    | grep -q '"alive": *true' && break
  sleep 1
done

log "running Tempest ($REGEX, concurrency ${CONCURRENCY:-4})"
# from $OUT: Tempest writes its tempest.log into the current directory
cd "$OUT"
CONFORMANCE_WORK="$WORK" CONCURRENCY="${CONCURRENCY:-4}" \
  "$SHARED/conformance/tempest-run.sh" "http://127.0.0.1:$PORT/" "$REGEX" 2>&1 | tee "$OUT/tempest.txt" | tail -40
