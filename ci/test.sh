#!/usr/bin/env bash
# The test command: prepares the host, then runs unit tests (Surefire) and the tests against
# real daemons and guests (Failsafe).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ci/setup-host.sh
exec mvn -B verify "$@"
