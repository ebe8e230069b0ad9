#!/bin/sh
# docker-compose only: writes the broker's definitions with the users' passwords from the environment,
# so the container's users never have the committed local passwords (docs/adr/0030). No administrator:
# the hosts and the operations user need none (docs/adr/0033).
#   render-compose-definitions.sh TEMPLATE OUTPUT
set -eu
: "${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD, e.g. openssl rand -hex 24}"
: "${RABBITMQ_OPS_PASSWORD:?set RABBITMQ_OPS_PASSWORD, e.g. openssl rand -hex 24}"
# Into JSON and sed as they are: only characters that need no escaping in either.
for password in "$RABBITMQ_PASSWORD" "$RABBITMQ_OPS_PASSWORD"; do
  case "$password" in
    *[!A-Za-z0-9+/=_.-]*) echo "render-compose-definitions: a password may hold letters, digits and + / = _ . - only (openssl rand -hex 24 makes one)" >&2; exit 1 ;;
  esac
done
sed -e "s|@RABBITMQ_PASSWORD@|$RABBITMQ_PASSWORD|" -e "s|@RABBITMQ_OPS_PASSWORD@|$RABBITMQ_OPS_PASSWORD|" "$1" > "$2.tmp"
mv "$2.tmp" "$2"
