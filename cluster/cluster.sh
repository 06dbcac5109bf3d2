#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on this machine, one LiveSurvey instance per node, HAProxy in
# front. Everything lives under $LIVESURVEY_CLUSTER_DIR (default ./data/cluster).
#
#   cluster.sh up | down | status
#   cluster.sh kill-node N | start-node N           kill -9 / restart database node N (1-3)
#   cluster.sh kill-instance N | start-instance N   kill -9 / start server instance N (1-3)
#   cluster.sh restart-instance N                   SIGTERM (graceful), wait, start again
#
# Ports (environment, defaults): CLUSTER_DB_PORT 3311 (nodes 3311-3313), CLUSTER_GROUP_PORT 4571
# (Galera replication 4571-4573; IST +10, SST +20), CLUSTER_APP_PORT 7081 (instances 7081-7083),
# CLUSTER_LB_PORT 7080, CLUSTER_STATS_PORT 7089.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

dir=${LIVESURVEY_CLUSTER_DIR:-$root/data/cluster}
db_port=${CLUSTER_DB_PORT:-3311}
group_port=${CLUSTER_GROUP_PORT:-4571}
app_port=${CLUSTER_APP_PORT:-7081}
lb_port=${CLUSTER_LB_PORT:-7080}
stats_port=${CLUSTER_STATS_PORT:-7089}
nodes=3
db_name=livesurvey
db_user=livesurvey
db_password=${CLUSTER_DB_PASSWORD:-livesurvey}
admin_password=${LIVESURVEY_ADMIN_PASSWORD:-cluster-admin}
jar=$root/target/livesurvey.jar

log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || die "$1 is missing: $2"; }

node_dir() { echo "$dir/node$1"; }
node_port() { echo $((db_port + $1 - 1)); }
node_sock() { echo "$(node_dir "$1")/mysqld.sock"; }
instance_port() { echo $((app_port + $1 - 1)); }
pid_of() { [ -f "$1" ] && cat "$1" 2>/dev/null || true; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
sql() { mariadb --socket="$(node_sock "$1")" -uroot -N -B -e "$2"; }

gcomm() {
    local list="" i
    for i in $(seq 1 $nodes); do list+="${list:+,}127.0.0.1:$((group_port + i - 1))"; done
    echo "gcomm://$list"
}

# The node's own options; the shared ones are in cluster/galera.cnf.
write_node_cnf() {
    local n=$1 d; d=$(node_dir "$n")
    cat > "$d.cnf" <<EOF
!include $root/cluster/galera.cnf
[mysqld]
user = mysql
port = $(node_port "$n")
socket = $(node_sock "$n")
datadir = $d/data
pid-file = $d/mariadbd.pid
log-error = $d/error.log
wsrep_node_name = node$n
wsrep_node_address = 127.0.0.1
wsrep_cluster_address = $(gcomm)
wsrep_sst_receive_address = 127.0.0.1:$((group_port + 20 + n - 1))
wsrep_provider_options = "gmcast.listen_addr=tcp://127.0.0.1:$((group_port + n - 1));ist.recv_addr=127.0.0.1:$((group_port + 10 + n - 1));gcache.size=128M"
EOF
}

init_node() {
    local n=$1 d; d=$(node_dir "$n")
    mkdir -p "$d/data"
    write_node_cnf "$n"
    if [ ! -d "$d/data/mysql" ]; then
        mariadb-install-db --defaults-file="$d.cnf" --user=mysql --skip-test-db >"$d/install.log" 2>&1 \
            || die "mariadb-install-db failed for node $n; see $d/install.log"
    fi
    chown -R mysql:mysql "$d"
}

# $2 = --wsrep-new-cluster to bootstrap a new cluster from this node.
start_node() {
    local n=$1 extra=${2:-} d; d=$(node_dir "$n")
    alive "$(pid_of "$d/mariadbd.pid")" && { log "node $n already running"; return; }
    init_node "$n"
    log "starting database node $n on port $(node_port "$n") ${extra:+($extra)}"
    # setsid: the node outlives this script and is not hit by a Ctrl-C in the caller's terminal.
    setsid mariadbd --defaults-file="$d.cnf" $extra </dev/null >>"$d/stdout.log" 2>&1 &
    wait_synced "$n"
}

wait_synced() {
    local n=$1 state=""
    for _ in $(seq 1 240); do
        state=$(sql "$n" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2 || true)
        [ "$state" = "Synced" ] && { log "node $n synced"; return; }
        sleep 0.5
    done
    die "node $n did not reach Synced (state '${state:-down}'); see $(node_dir "$n")/error.log"
}

kill_node() {
    local n=$1 pid; pid=$(pid_of "$(node_dir "$n")/mariadbd.pid")
    alive "$pid" || { log "node $n is not running"; return; }
    kill -9 "$pid"
    log "killed database node $n (pid $pid)"
}

stop_node() {
    local n=$1 pid; pid=$(pid_of "$(node_dir "$n")/mariadbd.pid")
    alive "$pid" || return 0
    kill "$pid"
    for _ in $(seq 1 60); do alive "$pid" || return 0; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
}

# Instance i uses node i only. When that node is down, the instance answers 503 and /health fails,
# and HAProxy routes around the instance. (A Connector/J multi-host URL would fail over instead, but
# its failover surfaces as "statement closed" errors that are not recognisable as a lost connection.)
database_url() {
    echo "jdbc:mysql://127.0.0.1:$(node_port "$1")/$db_name"
}

start_instance() {
    local n=$1 pidfile="$dir/instance$1.pid"
    alive "$(pid_of "$pidfile")" && { log "instance $n already running"; return; }
    [ -f "$jar" ] || die "$jar is missing: run ./run.sh once (or mvn -DskipTests package)"
    log "starting instance $n on port $(instance_port "$n")"
    PORT=$(instance_port "$n") DATABASE_URL=$(database_url "$n") DATABASE_USER=$db_user \
        DATABASE_PASSWORD=$db_password LIVESURVEY_ADMIN_PASSWORD=$admin_password \
        LIVESURVEY_TRUSTED_PROXIES=${LIVESURVEY_TRUSTED_PROXIES:-127.0.0.1} LIVESURVEY_SHUTDOWN_DELAY=3 \
        LIVESURVEY_RATE_LIMITS=${LIVESURVEY_RATE_LIMITS:-start=30,answer=1200,login=10} \
        setsid java ${JAVA_OPTS:--Xmx256m} -jar "$jar" </dev/null >>"$dir/instance$n.log" 2>&1 &
    echo $! > "$pidfile"
}

wait_instance() {
    local n=$1
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$(instance_port "$n")/health" >/dev/null 2>&1 && { log "instance $n serving"; return; }
        alive "$(pid_of "$dir/instance$n.pid")" || die "instance $n exited; see $dir/instance$n.log"
        sleep 0.5
    done
    die "instance $n did not become healthy; see $dir/instance$n.log"
}

kill_instance() {
    local n=$1 pid; pid=$(pid_of "$dir/instance$1.pid")
    alive "$pid" || { log "instance $n is not running"; return; }
    kill -9 "$pid"
    log "killed instance $n (pid $pid)"
}

# SIGTERM: the instance drains (503 to new answers, commits what is queued, asks event streams to
# reconnect) and exits.
stop_instance() {
    local n=$1 pid; pid=$(pid_of "$dir/instance$1.pid")
    alive "$pid" || return 0
    kill -TERM "$pid"
    for _ in $(seq 1 60); do alive "$pid" || { log "instance $n stopped"; return 0; }; sleep 0.5; done
    log "instance $n did not stop within 30 s; killing it"
    kill -9 "$pid" 2>/dev/null || true
}

start_lb() {
    alive "$(pid_of "$dir/haproxy.pid")" && return
    log "starting HAProxy on http://127.0.0.1:$lb_port/ (stats on :$stats_port)"
    LB_PORT=$lb_port LB_STATS_PORT=$stats_port APP_PORT_1=$(instance_port 1) APP_PORT_2=$(instance_port 2) \
        APP_PORT_3=$(instance_port 3) haproxy -D -f "$root/cluster/haproxy.cfg" -p "$dir/haproxy.pid" \
        >>"$dir/haproxy.log" 2>&1 || die "HAProxy did not start; see $dir/haproxy.log"
}

up() {
    need mariadbd "apt-get install mariadb-server (it brings galera-4)"
    need haproxy "apt-get install haproxy"
    need rsync "apt-get install rsync (Galera's state transfer uses it)"
    [ -f /usr/lib/galera/libgalera_smm.so ] || die "Galera is missing: apt-get install galera-4"
    [ -f "$jar" ] || { log "building $jar"; mvn -B -q -DskipTests package; }
    mkdir -p "$dir"
    if ! alive "$(pid_of "$(node_dir 1)/mariadbd.pid")"; then
        # Bootstrap from node 1 only when no node runs: a running node already is the cluster.
        local any=""
        for i in $(seq 2 $nodes); do alive "$(pid_of "$(node_dir "$i")/mariadbd.pid")" && any=1; done
        if [ -z "$any" ]; then
            # A cleanly stopped node 1 may bootstrap again (safe_to_bootstrap: 1 after a clean stop).
            sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$(node_dir 1)/data/grastate.dat" 2>/dev/null || true
            start_node 1 --wsrep-new-cluster
        else
            start_node 1
        fi
    fi
    sql 1 "CREATE DATABASE IF NOT EXISTS $db_name CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
           CREATE USER IF NOT EXISTS '$db_user'@'127.0.0.1' IDENTIFIED BY '$db_password';
           CREATE USER IF NOT EXISTS '$db_user'@'localhost' IDENTIFIED BY '$db_password';
           GRANT ALL ON $db_name.* TO '$db_user'@'127.0.0.1';
           GRANT ALL ON $db_name.* TO '$db_user'@'localhost';"
    for i in $(seq 2 $nodes); do start_node "$i"; done
    # All instances at once, as a deployment would: exactly one applies the migrations.
    for i in $(seq 1 $nodes); do start_instance "$i"; done
    for i in $(seq 1 $nodes); do wait_instance "$i"; done
    start_lb
    status
}

down() {
    local pid
    pid=$(pid_of "$dir/haproxy.pid"); alive "$pid" && kill "$pid" && log "stopped HAProxy"
    for i in $(seq 1 $nodes); do stop_instance "$i"; done
    # Last node down first up: stop node 1 last so it holds the newest state and can bootstrap.
    for i in $(seq $nodes -1 1); do stop_node "$i" && log "stopped database node $i"; done
}

status() {
    local pid state size
    for i in $(seq 1 $nodes); do
        pid=$(pid_of "$(node_dir "$i")/mariadbd.pid")
        if alive "$pid"; then
            state=$(sql "$i" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2 || true)
            size=$(sql "$i" "SHOW STATUS LIKE 'wsrep_cluster_size'" 2>/dev/null | cut -f2 || true)
            echo "node $i      127.0.0.1:$(node_port "$i")  up (pid $pid)  ${state:-?}, cluster size ${size:-?}"
        else
            echo "node $i      127.0.0.1:$(node_port "$i")  down"
        fi
    done
    for i in $(seq 1 $nodes); do
        pid=$(pid_of "$dir/instance$i.pid")
        if alive "$pid"; then
            state=$(curl -s -m 2 "http://127.0.0.1:$(instance_port "$i")/health" || echo "no answer")
            echo "instance $i  127.0.0.1:$(instance_port "$i")  up (pid $pid)  $state"
        else
            echo "instance $i  127.0.0.1:$(instance_port "$i")  down"
        fi
    done
    pid=$(pid_of "$dir/haproxy.pid")
    if alive "$pid"; then
        echo "haproxy     http://127.0.0.1:$lb_port/  up (pid $pid), stats http://127.0.0.1:$stats_port/"
    else
        echo "haproxy     127.0.0.1:$lb_port  down"
    fi
}

arg() { [[ "${1:-}" =~ ^[1-3]$ ]] || die "which one? give 1, 2 or 3"; echo "$1"; }

case "${1:-status}" in
    up) up ;;
    down) down ;;
    status) status ;;
    kill-node) kill_node "$(arg "${2:-}")" ;;
    start-node) start_node "$(arg "${2:-}")" ;;
    kill-instance) kill_instance "$(arg "${2:-}")" ;;
    start-instance) n=$(arg "${2:-}"); start_instance "$n"; wait_instance "$n" ;;
    restart-instance) n=$(arg "${2:-}"); stop_instance "$n"; start_instance "$n"; wait_instance "$n" ;;
    *) die "usage: cluster.sh up|down|status|kill-node N|start-node N|kill-instance N|start-instance N|restart-instance N" ;;
esac
