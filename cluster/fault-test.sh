#!/usr/bin/env bash
# ./run.sh fault-test: bring the local cluster up (if it is not), then run the fault test against it
# (src/test/java/livesurvey/cluster/ClusterFault.java). About three minutes; leaves the cluster up.
set -euo pipefail
cd "$(dirname "$0")/.."
cluster/cluster.sh up >/dev/null
cluster/cluster.sh status
exec mvn -B test -Dtest=ClusterFault -Dsurefire.failIfNoSpecifiedTests=false "$@"
