#!/usr/bin/env bash
# Installs Request Tracker 5 from Debian's packages without touching any database, as
# /work/shared/bench/request-tracker.md describes. Idempotent: does nothing when rt-server is there.
set -euo pipefail
if [ -x /usr/share/request-tracker5/libexec/rt-server ] && command -v rt-setup-database-5 >/dev/null; then
  echo "request-tracker5 already installed"; exit 0
fi
sel=$(mktemp)
cat >"$sel" <<'SEL'
request-tracker5 request-tracker5/install-database boolean false
request-tracker5 request-tracker5/dbconfig-install boolean false
request-tracker5 request-tracker5/database-type select postgresql
request-tracker5 request-tracker5/initial-root-password password password
request-tracker5 request-tracker5/rtname string shuyun-bench
request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1:8080
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
SEL
debconf-set-selections "$sel"
rm -f "$sel"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  request-tracker5 rt5-db-postgresql rt5-clients rt5-standalone >/dev/null
echo "request-tracker5 installed: $(dpkg-query -W -f='${Version}' request-tracker5)"
