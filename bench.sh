#!/usr/bin/env bash
# The benchmark (docs/performance.md): every figure a ratio measured side by side in one run.
# Starts what it needs itself (the embedded store, a database, Payara Micro with our WAR and the
# floor WAR); installs Debian's wrk, chromium and chromium-driver first when they are missing.
#
#   ./bench.sh                    tickets, burst, bytes and signing (about 5 minutes)
#   ./bench.sh --quick            the same, shorter runs and a smaller file
#   ./bench.sh faults             what a person sees when the store, the database, the directory
#                                 or the server fails, and that nothing is lost
#   ./bench.sh --quick tickets    any sections, in any combination
#
# The table is printed and written to target/bench/report.md.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/wrk ] || missing+=(wrk)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/sbin/slapd ] || missing+=(slapd)
[ -x /usr/bin/ldapadd ] || missing+=(ldap-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} for the benchmark..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # RUNLEVEL=1: Debian's slapd package must not start a system directory on port 389
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo apt-get install -y -qq "${missing[@]}"
fi

exec mvn -B -q -Pbench package -Dbench.args="$*"
