# Shared by .ci/run and benchmarks/run.sh: install and start the services the tests and benchmarks use.
# Everything listens on 127.0.0.1 only.

OTS_PG_PORT="${OTS_PG_PORT:-5432}"

ots_install_packages() {
    local missing=()
    command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
    command -v pgbench >/dev/null 2>&1 || missing+=(postgresql-contrib)
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
    /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "Installing: ${missing[*]}"
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

ots_start_postgres() {
    local version cluster
    version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
    if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -q "^${version}/main$"; then
        pg_createcluster "$version" main -p "$OTS_PG_PORT" >/dev/null
    fi
    cluster="$version main"
    # Concurrency tests open many connections at once; the default of 100 is too few.
    local conf="/etc/postgresql/${version}/main/conf.d/onetimesecret.conf"
    if [ ! -f "$conf" ]; then
        mkdir -p "$(dirname "$conf")"
        printf "max_connections = 400\nlisten_addresses = '127.0.0.1'\n" > "$conf"
        # shellcheck disable=SC2086
        pg_ctlcluster $cluster stop >/dev/null 2>&1 || true
    fi
    if ! pg_lsclusters -h | grep -q "^${version} *main .*online"; then
        # shellcheck disable=SC2086
        pg_ctlcluster $cluster start
    fi
    for _ in $(seq 1 30); do
        if su postgres -c "psql -p $OTS_PG_PORT -tAc 'select 1'" >/dev/null 2>&1; then break; fi
        sleep 1
    done
    su postgres -c "psql -p $OTS_PG_PORT -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ots') THEN
    CREATE ROLE ots LOGIN CREATEDB PASSWORD 'ots';
  END IF;
END
$$;
SQL
    OTS_TEST_POSTGRES="Host=127.0.0.1;Port=${OTS_PG_PORT};Username=ots;Password=ots;Database=postgres"
    echo "PostgreSQL ${version} is running on 127.0.0.1:${OTS_PG_PORT}"
}
