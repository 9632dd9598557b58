#!/usr/bin/env bash
# Runs every test: the unit tests, then the integration tests on each Jakarta EE runtime in turn
# (Payara Micro, WildFly, GlassFish, Open Liberty) against S3Proxy and headless Chromium, with the
# same WAR bytes on each, the bucket setup against moto, and LDAP sign-in against OpenLDAP.
# Installs Debian's chromium, chromium-driver and slapd (plus ldap-utils), and moto, first when
# they are missing. slapd is installed without starting the system's own directory: the tests
# start their own on loopback.
#
#   ./test.sh                         all four runtimes
#   RUNTIMES="payara wildfly" ./test.sh   some of them (the first also runs the unit tests)
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/sbin/slapd ] || missing+=(slapd)
[ -x /usr/bin/ldapadd ] || missing+=(ldap-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} for the browser and directory tests..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # RUNLEVEL=1: Debian's slapd package must not start a system directory on port 389
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo apt-get install -y -qq "${missing[@]}"
fi

# Node.js runs the JavaScript unit tests; it comes with the machine (Debian's own is too old)
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 10) ? 0 : 1)' 2>/dev/null; then
  echo "The JavaScript unit tests need Node.js 20.10 or newer on the PATH." >&2
  exit 1
fi

# moto (a second S3 implementation) for the bucket setup tests
if ! python3 -c "import moto.server" 2>/dev/null; then
  echo "Installing moto for the bucket setup tests..."
  python3 -m pip install --quiet 'moto[server]'
fi

runtimes=${RUNTIMES:-"payara wildfly glassfish liberty"}
war=target/s3-direct-upload.war
summary=()
first_sum=""

for runtime in $runtimes; do
  started=$(date +%s)
  # a run that was interrupted can leave its WAR in Liberty's dropins: the server would start it
  # and then restart it under the first test class when Arquillian deploys the new one
  rm -f .runtimes/liberty-*/wlp/usr/servers/it/dropins/*.war
  if [ -z "$first_sum" ]; then
    echo "=== unit tests, then integration tests on $runtime"
    mvn -B clean verify -P"$runtime"
  else
    echo "=== integration tests on $runtime"
    rm -rf target/failsafe-reports*
    mvn -B verify -P"$runtime" -DskipUnitTests
  fi
  sum=$(sha256sum "$war" | cut -d' ' -f1)
  if [ -z "$first_sum" ]; then
    first_sum=$sum
  elif [ "$sum" != "$first_sum" ]; then
    echo "The WAR tested on $runtime differs from the first one ($sum vs $first_sum)." >&2
    exit 1
  fi
  summary+=("$(printf '%-10s %4ss  war sha256 %s' "$runtime" "$(( $(date +%s) - started ))" "$sum")")
done

echo
echo "All tests passed on: $runtimes"
printf '  %s\n' "${summary[@]}"
