#!/usr/bin/env bash
# Request Tracker 5 for the side-by-side: its own database rt_bench_<scale> on the local PostgreSQL,
# created by RT's own rt-setup-database, then bulk-loaded with as many tickets as bench_<scale> has
# (bench/rt/load.sql, through psql). Usage: bash bench/rt/setup.sh small|large
set -euo pipefail
scale="${1:-small}"
here="$(cd "$(dirname "$0")" && pwd)"
db="rt_bench_${scale}"
pg="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
bash "$here/install.sh"

# Point RT at the local server; the database name comes from RT_BENCH_DB so one file serves both scales.
cat >/etc/request-tracker5/RT_SiteConfig.d/90-shuyun-bench.pm <<'PERL'
# Written by bench/rt/setup.sh (Shuyun benchmarks): RT on the local PostgreSQL, served on 127.0.0.1:8080.
Set($DatabaseType, 'Pg');
Set($DatabaseHost, '127.0.0.1');
Set($DatabasePort, '5432');
Set($DatabaseUser, 'rt_bench');
Set($DatabasePassword, 'rt_bench');
Set($DatabaseAdmin, 'postgres');
Set($DatabaseName, $ENV{RT_BENCH_DB} || 'rt_bench_small');
Set($WebPath, '');
Set($WebBaseURL, 'http://127.0.0.1:8080');
Set($WebDomain, '127.0.0.1');
Set($WebPort, 8080);
Set($LogToSyslog, 'error');
Set($LogToSTDERR, 'error');
Set($RestrictReferrer, 0);
PERL

psql "$pg/postgres" -v ON_ERROR_STOP=1 -qc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db'" >/dev/null
psql "$pg/postgres" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $db"
export RT_BENCH_DB="$db"
start=$(date +%s)
rt-setup-database-5 --action init --dba postgres --dba-password '' >/tmp/rt-setup-$scale.log 2>&1 || { tail -30 /tmp/rt-setup-$scale.log; exit 1; }
echo "RT schema and initial data in $db ($(( $(date +%s) - start )) s)"

n=$(psql "$pg/bench_${scale}" -Atc "SELECT count(*) FROM tickets" 2>/dev/null || echo 20000)
start=$(date +%s)
psql "$pg/$db" -v ON_ERROR_STOP=1 -q -v n="$n" -f "$here/load.sql"
echo "RT loaded with $n tickets ($(( $(date +%s) - start )) s)"
