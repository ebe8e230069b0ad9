#!/bin/sh
# docker-compose only: runs once, after init.sql, when the data volume is first initialised. The
# application role gets its password from the environment, never the committed local one (docs/adr/0030).
set -eu
: "${COMMERCE_DB_PASSWORD:?set COMMERCE_DB_PASSWORD}"
# A psql variable, quoted by psql itself: the password never becomes SQL text.
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres -v password="$COMMERCE_DB_PASSWORD" <<'SQL'
ALTER ROLE commerce PASSWORD :'password';
SQL
