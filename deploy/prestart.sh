#!/usr/bin/env bash
# Container entry point for the web app: wait for the database, migrate it, then serve.
#
#   DB_WAIT_TIMEOUT   seconds to wait for the database before giving up (default 60)
#   RUN_MIGRATIONS    1 (default) to apply pending migrations; set 0 on extra replicas so that
#                     only one container migrates
#   WEB_WORKERS       Sanic worker processes (default 2)
set -euo pipefail

cd "$(dirname "$0")/.."

timeout="${DB_WAIT_TIMEOUT:-60}"
deadline=$((SECONDS + timeout))
echo "prestart: waiting up to ${timeout}s for the database"
until python -m backend wait-db --timeout 5; do
    if ((SECONDS >= deadline)); then
        echo "prestart: the database did not become available within ${timeout}s" >&2
        exit 1
    fi
    sleep 2
done

if [[ "${RUN_MIGRATIONS:-1}" == "1" ]]; then
    echo "prestart: applying migrations"
    python -m backend migrate
fi

echo "prestart: starting the web server"
exec sanic backend.app:create_app --factory --host 0.0.0.0 --port 8000 --workers "${WEB_WORKERS:-2}"
