#!/usr/bin/env bash
# The throughput benchmark: the app against a fresh PostgreSQL database, then pgbench running the app's own SQL on the
# same server, side by side. Prints both pair rates, the app's latencies, CPU and memory, and on its last line
# "ratio: X.XX" (app pairs/s divided by pgbench pairs/s). See benchmarks/README.md.
#
#   benchmarks/run.sh [--clients 32] [--duration 20] [--warmup 15] [--skip-build] [--app-dir DIR]
#
# --skip-build reuses the last build; --app-dir runs an app published elsewhere (another version, to compare).
#
# Environment (each applies to both sides, so that the comparison stays fair):
#   BENCH_PG_SSLMODE=disable|prefer|require   TLS of the app's and pgbench's connections (default disable)
#   BENCH_PG_AUTO_PREPARE=1                   the app prepares its statements (Npgsql "Max Auto Prepare=20") and
#                                             pgbench runs with -M prepared (default: neither, as the app ships)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

CLIENTS=32
DURATION=20
WARMUP=15
SKIP_BUILD=0
APP_DIR=""
# Anonymous secrets are limited to 1,000 characters by default; the app is started with a limit that fits.
SECRET_BYTES=1024
while [ "$#" -gt 0 ]; do
    case "$1" in
        --clients|--duration|--warmup|--app-dir) [ "$#" -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; } ;;
    esac
    case "$1" in
        --clients) CLIENTS="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --app-dir) APP_DIR="$(cd "$2" && pwd)"; shift 2 ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done
for n in "$CLIENTS" "$DURATION" "$WARMUP"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "--clients, --duration and --warmup take whole numbers" >&2; exit 2; }
done
if [ "$CLIENTS" -eq 0 ] || [ "$DURATION" -eq 0 ]; then
    echo "--clients and --duration must be at least 1" >&2
    exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DEBIAN_FRONTEND=noninteractive

# --- PostgreSQL, as .ci/run starts it (pgbench comes with postgresql-contrib) ----------------------------------------
# shellcheck source=.ci/services.sh
source .ci/services.sh
ots_install_packages
ots_start_postgres
PG_HOST=127.0.0.1
PG_USER=ots
export PGPASSWORD=ots
# Loopback needs no TLS; both sides use the same mode so that neither pays for encryption the other skips.
export PGSSLMODE="${BENCH_PG_SSLMODE:-disable}"
case "$PGSSLMODE" in
    disable) NPGSQL_SSL="Disable" ;;
    prefer) NPGSQL_SSL="Prefer" ;;
    require) NPGSQL_SSL="Require" ;;
    *) echo "BENCH_PG_SSLMODE must be disable, prefer or require" >&2; exit 2 ;;
esac

if [ "${BENCH_PG_AUTO_PREPARE:-0}" = 1 ]; then
    NPGSQL_PREPARE=";Max Auto Prepare=20"
    PGBENCH_MODE=prepared
else
    NPGSQL_PREPARE=""
    PGBENCH_MODE=extended
fi

case "$(uname -m)" in
    x86_64) RID=linux-x64 ;;
    aarch64) RID=linux-arm64 ;;
    *) echo "unsupported machine: $(uname -m)" >&2; exit 1 ;;
esac

RESULTS="$ROOT/benchmarks/results"
RUN_DIR="$RESULTS/$(date -u +%Y%m%dT%H%M%SZ)"
BUILD_DIR="$RESULTS/build"
mkdir -p "$RUN_DIR"

APP_PID=""
SAMPLER_PID=""
DB_NAME=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$APP_PID" 2>/dev/null || true
    fi
    if [ -n "$DB_NAME" ]; then
        psql -h "$PG_HOST" -U "$PG_USER" -d postgres -qAtc "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 \
            || echo "warning: could not drop database $DB_NAME" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

load() { cut -d' ' -f1-3 /proc/loadavg; }
# A checkpoint before each measured phase, so that neither pays for the other's dirty pages.
checkpoint() { su postgres -c "psql -p ${OTS_PG_PORT} -qAtc CHECKPOINT" >/dev/null; }
rss_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }

# --- Build -----------------------------------------------------------------------------------------------------------
if [ -z "$APP_DIR" ] && { [ "$SKIP_BUILD" -eq 0 ] || [ ! -f "$BUILD_DIR/app/OneTimeSecret.Web.dll" ]; }; then
    echo "Publishing the app ($RID, Release)..."
    rm -rf "$BUILD_DIR/app"
    dotnet publish src/Web/OneTimeSecret.Web.csproj -c Release -r "$RID" --self-contained false -o "$BUILD_DIR/app" \
        --nologo -v quiet >"$RUN_DIR/build.log" 2>&1 || { cat "$RUN_DIR/build.log" >&2; exit 1; }
fi
if [ "$SKIP_BUILD" -eq 0 ] || [ ! -f "$BUILD_DIR/loadtest/OneTimeSecret.LoadTest.dll" ]; then
    echo "Publishing the load generator (Release)..."
    rm -rf "$BUILD_DIR/loadtest"
    dotnet publish benchmarks/LoadTest/OneTimeSecret.LoadTest.csproj -c Release -o "$BUILD_DIR/loadtest" \
        --nologo -v quiet >>"$RUN_DIR/build.log" 2>&1 || { cat "$RUN_DIR/build.log" >&2; exit 1; }
fi
APP_DIR="${APP_DIR:-$BUILD_DIR/app}"
[ -f "$APP_DIR/OneTimeSecret.Web.dll" ] || { echo "no OneTimeSecret.Web.dll in $APP_DIR" >&2; exit 2; }

# --- A fresh database and the app on a free port ---------------------------------------------------------------------
DB_NAME="ots_bench_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
psql -h "$PG_HOST" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qAtc "CREATE DATABASE $DB_NAME"
PORT="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE_URL="http://127.0.0.1:$PORT"

echo "Starting the app from ${APP_DIR#"$ROOT"/} on $BASE_URL (database $DB_NAME, PostgreSQL TLS: $PGSSLMODE, statements: $PGBENCH_MODE)..."
# Started from its publish directory, as a service would be, with production settings and warnings-only logging;
# rate limits are off, since one client address sends every request (the concurrency limit stays).
(
    cd "$APP_DIR"
    exec env \
        ASPNETCORE_ENVIRONMENT=Production \
        ASPNETCORE_URLS="$BASE_URL" \
        Database__Provider=Postgres \
        ConnectionStrings__Postgres="Host=$PG_HOST;Port=$OTS_PG_PORT;Username=$PG_USER;Password=$PGPASSWORD;Database=$DB_NAME;SSL Mode=$NPGSQL_SSL$NPGSQL_PREPARE" \
        Encryption__MasterKey="$(head -c 32 /dev/urandom | base64)" \
        Logging__LogLevel__Default=Warning \
        RateLimits__Enabled=false \
        Plans__Anonymous__MaxSecretLength="$(( SECRET_BYTES > 1000 ? SECRET_BYTES : 1000 ))" \
        dotnet OneTimeSecret.Web.dll
) >"$RUN_DIR/app.log" 2>&1 &
APP_PID=$!

for _ in $(seq 1 120); do
    kill -0 "$APP_PID" 2>/dev/null || { echo "The app exited during start-up:" >&2; cat "$RUN_DIR/app.log" >&2; exit 1; }
    if curl -fsS "$BASE_URL/api/v1/status" >/dev/null 2>&1; then break; fi
    sleep 0.5
done
curl -fsS "$BASE_URL/api/v1/status" >/dev/null || { echo "The app did not answer within 60 s" >&2; exit 1; }
sleep 2
RSS_START_KB="$(rss_kb "$APP_PID" VmRSS)"

# --- The app under load ----------------------------------------------------------------------------------------------
checkpoint
LOAD_BEFORE_APP="$(load)"
echo "Load generator: $CLIENTS clients, $DURATION s after a $WARMUP s warm-up (load average $LOAD_BEFORE_APP)"
# The app's RSS once a second, for the record; the kernel's VmHWM gives the exact peak.
(
    while kill -0 "$APP_PID" 2>/dev/null; do
        echo "$(date +%s) $(rss_kb "$APP_PID" VmRSS)" >>"$RUN_DIR/rss.log"
        sleep 1
    done
) &
SAMPLER_PID=$!
dotnet "$BUILD_DIR/loadtest/OneTimeSecret.LoadTest.dll" \
    --url "$BASE_URL" --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" \
    --secret-bytes "$SECRET_BYTES" --server-pid "$APP_PID" --summary "$RUN_DIR/load.env" \
    2> >(tee "$RUN_DIR/progress.log" >&2) | tee "$RUN_DIR/load.txt"
LOAD_AFTER_APP="$(load)"
RSS_PEAK_KB="$(rss_kb "$APP_PID" VmHWM)"

# shellcheck disable=SC1091
source "$RUN_DIR/load.env"
APP_PAIRS="${pairs_per_second:-0}"
APP_ERRORS="${errors:-unknown}"
REVEAL_P99="${reveal_p99_ms:-n/a}"
SHARE_P99="${share_p99_ms:-n/a}"
APP_CPU="${server_cpu_ms_per_unit:-n/a}"
LOADGEN_CPU="${loadgen_cpu_ms_per_unit:-n/a}"

# --- pgbench: the app's two statements on the same server, while the app sits idle ----------------------------------
# 1. The INSERT of a secret, with every column of the table as the app writes them (the column list is read from the
#    migrated schema, so a new column is never forgotten) and a row the size of the app's for a 1 KiB anonymous secret:
#    ciphertext 49 + 1024 bytes, encrypted secret key 49 + 31 bytes, two 32-byte SHA-256 lookup hashes, a time-ordered
#    id like the app's UUIDv7. Columns the app leaves empty get NULL, false, 0 or ''.
# 2. The claim the app sends for a secret without passphrase (docs/decisions/0008): lock the unread row, erase the
#    ciphertext, mark it received and return it.
# Large values are bind parameters, as in the app. pgbench runs the extended protocol without prepared statements,
# which is what Npgsql does by default (or prepared statements when BENCH_PG_AUTO_PREPARE=1 makes the app prepare).
CIPHERTEXT="\\x$(head -c $(( SECRET_BYTES + 49 )) /dev/urandom | od -An -v -tx1 | tr -d ' \n')"
ENCRYPTED_KEY="\\x$(head -c 80 /dev/urandom | od -An -v -tx1 | tr -d ' \n')"
INSERT_SQL="$(psql -h "$PG_HOST" -U "$PG_USER" -d "$DB_NAME" -v ON_ERROR_STOP=1 -qAt <<'SQL'
SELECT 'INSERT INTO secrets (' || string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) || ') VALUES ('
    || string_agg(CASE column_name
        WHEN 'Id' THEN '(lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, ''0'') || substr(md5(:k::bigint::text), 1, 20))::uuid'
        WHEN 'Ciphertext' THEN ':ciphertext::bytea'
        WHEN 'EncryptedSecretKey' THEN ':encrypted_key::bytea'
        WHEN 'SecretKeyHash' THEN 'sha256(int8send(:k::bigint))'
        WHEN 'MetadataKeyHash' THEN 'sha256(int8send(:m::bigint))'
        WHEN 'CreatedAt' THEN 'now()'
        WHEN 'UpdatedAt' THEN 'now()'
        WHEN 'SecretExpiresAt' THEN 'now() + interval ''7 days'''
        WHEN 'MetadataExpiresAt' THEN 'now() + interval ''14 days'''
        WHEN 'TtlSeconds' THEN '604800'
        WHEN 'CustId' THEN '''anon'''
        WHEN 'State' THEN '''New'''
        ELSE CASE
            WHEN is_nullable = 'YES' THEN 'NULL'
            WHEN data_type = 'boolean' THEN 'false'
            WHEN data_type IN ('smallint', 'integer', 'bigint', 'numeric') THEN '0'
            ELSE ''''''
        END
    END, ', ' ORDER BY ordinal_position) || ');'
FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = 'secrets';
SQL
)"
CLAIM_SQL='WITH candidate AS (SELECT "Id", "Ciphertext", "ShareDomain" FROM secrets WHERE "SecretKeyHash" = sha256(int8send(:k::bigint)) AND "Ciphertext" IS NOT NULL AND "PassphraseHash" IS NULL AND "State" IN ('"'New', 'Viewed'"') AND "SecretExpiresAt" > now() FOR UPDATE) UPDATE secrets AS s SET "Ciphertext" = NULL, "State" = '"'Received'"', "ReceivedAt" = now(), "UpdatedAt" = now() FROM candidate WHERE s."Id" = candidate."Id" RETURNING candidate."Ciphertext", candidate."ShareDomain";'
printf '%s\n' '\set k random(1, 9223372036854775806)' '\set m -1 * :k' "$INSERT_SQL" "$CLAIM_SQL" >"$RUN_DIR/pair.sql"

psql -h "$PG_HOST" -U "$PG_USER" -d "$DB_NAME" -v ON_ERROR_STOP=1 -qAtc "SET client_min_messages = warning; TRUNCATE secrets CASCADE"
checkpoint
LOAD_BEFORE_PG="$(load)"
echo "pgbench: $CLIENTS clients, $DURATION s (load average $LOAD_BEFORE_PG)"
PGBENCH_THREADS=$(( CLIENTS < $(nproc) ? CLIENTS : $(nproc) ))
pgbench -h "$PG_HOST" -U "$PG_USER" -n -M "$PGBENCH_MODE" -c "$CLIENTS" -j "$PGBENCH_THREADS" -T "$DURATION" \
    -D "ciphertext=$CIPHERTEXT" -D "encrypted_key=$ENCRYPTED_KEY" \
    -f "$RUN_DIR/pair.sql" "$DB_NAME" >"$RUN_DIR/pgbench.txt" 2>&1 || { cat "$RUN_DIR/pgbench.txt" >&2; exit 1; }
LOAD_AFTER_PG="$(load)"
PG_PAIRS="$(awk '/^tps = / { print $3; exit }' "$RUN_DIR/pgbench.txt")"
PG_FAILED="$(awk '/number of failed transactions:/ { print $5; exit }' "$RUN_DIR/pgbench.txt")"
PG_LATENCY="$(awk '/^latency average = / { print $4; exit }' "$RUN_DIR/pgbench.txt")"
PG_ROWS="$(psql -h "$PG_HOST" -U "$PG_USER" -d "$DB_NAME" -qAtc "SELECT count(*) FILTER (WHERE \"State\" = 'Received' AND \"Ciphertext\" IS NULL) || '/' || count(*) FROM secrets")"

# The app has now been idle for the whole pgbench run.
RSS_IDLE_KB="$(rss_kb "$APP_PID" VmRSS)"
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""

RATIO="$(awk -v a="$APP_PAIRS" -v p="$PG_PAIRS" 'BEGIN { if (p > 0) printf "%.2f", a / p; else print "0.00" }')"
cat <<EOF | tee "$RUN_DIR/summary.txt"

== Results ($(date -u +%Y-%m-%dT%H:%MZ), files in ${RUN_DIR#"$ROOT"/}) ==
machine:          $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -m | awk '/^Mem:/ { print $2 }') MB RAM, PostgreSQL $(psql -h "$PG_HOST" -U "$PG_USER" -d postgres -qAtc 'SHOW server_version' | cut -d' ' -f1), TLS $PGSSLMODE
load average:     app run $LOAD_BEFORE_APP -> $LOAD_AFTER_APP; pgbench run $LOAD_BEFORE_PG -> $LOAD_AFTER_PG
app:              $APP_PAIRS pairs/s, $APP_ERRORS errors ($CLIENTS clients, $DURATION s after $WARMUP s warm-up)
app latency p99:  share $SHARE_P99 ms, reveal $REVEAL_P99 ms
CPU per pair:     app $APP_CPU ms, load generator $LOADGEN_CPU ms
pgbench:          $PG_PAIRS pairs/s, ${PG_FAILED:-0} failed, average latency $PG_LATENCY ms, rows claimed/inserted $PG_ROWS, -M $PGBENCH_MODE
app memory (RSS): $(mb "$RSS_START_KB") MB after start-up, $(mb "$RSS_PEAK_KB") MB peak, $(mb "$RSS_IDLE_KB") MB idle after the run
ratio: $RATIO
EOF
