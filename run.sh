#!/usr/bin/env bash
# ./run.sh        build the jar if it is missing or stale, then start the server (PORT, default 7070)
# ./run.sh test   run every test (mvn verify)
# ./run.sh bench  every SPEC §5 figure in one table (-Dbench.big=0 skips the million-response lines)
# ./run.sh create-token <name>   create an API token for a script (printed once)
# ./run.sh recount  rebuild the summary counters from the rows (while no instance serves)
# ./run.sh cluster up|down|status|kill-node N|...   a local Galera cluster behind HAProxy (cluster/cluster.sh)
# ./run.sh fault-test   faults under load on that cluster; checks nothing acknowledged was lost
set -euo pipefail
cd "$(dirname "$0")"

need() {
    command -v "$1" >/dev/null 2>&1 || { echo "run.sh: $1 is not installed; $2" >&2; exit 1; }
}
need java "install Java 17 or newer (e.g. apt-get install openjdk-17-jdk)."
need mvn "install Apache Maven (e.g. apt-get install maven)."

jar=target/livesurvey.jar
stale() {
    [ ! -f "$jar" ] || [ -n "$(find pom.xml src/main sql static -newer "$jar" -print -quit 2>/dev/null)" ]
}

build_if_stale() {
    if stale; then
        echo "run.sh: building $jar ..." >&2
        mvn -B -q -DskipTests package
    fi
}

case "${1:-run}" in
    test)
        shift
        exec mvn -B verify "$@"
        ;;
    bench)
        # Every SPEC §5 figure in one table: the jar in its own JVM, load from another (see Bench.java).
        shift
        build_if_stale
        mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
            -Dmdep.outputFile=target/test-classpath.txt
        exec java ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
            "$@" livesurvey.bench.Bench
        ;;
    run)
        build_if_stale
        mkdir -p data
        exec java ${JAVA_OPTS:-} -jar "$jar"
        ;;
    create-token)
        [ $# -eq 2 ] || { echo "usage: ./run.sh create-token <name>" >&2; exit 2; }
        build_if_stale
        mkdir -p data
        exec java ${JAVA_OPTS:-} -jar "$jar" create-token "$2"
        ;;
    recount)
        build_if_stale
        mkdir -p data
        exec java ${JAVA_OPTS:-} -jar "$jar" recount
        ;;
    cluster)
        shift
        build_if_stale
        exec cluster/cluster.sh "$@"
        ;;
    fault-test)
        shift
        build_if_stale
        exec cluster/fault-test.sh "$@"
        ;;
    *)
        echo "usage: ./run.sh [run|test|bench|create-token <name>|recount|cluster ...|fault-test]" >&2
        exit 2
        ;;
esac
