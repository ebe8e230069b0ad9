#!/bin/sh
# One-shot (docker compose's search-user): the application's own Elasticsearch user, allowed the
# product indices and nothing else, so the hosts never hold the elastic superuser's password.
# Idempotent: PUT replaces the role and the user (and so sets the password again).
set -eu
url="${ELASTICSEARCH_URL:-http://elasticsearch:9200}"
: "${ELASTIC_PASSWORD:?ELASTIC_PASSWORD is the elastic superuser password}"
: "${ELASTIC_COMMERCE_PASSWORD:?ELASTIC_COMMERCE_PASSWORD is the commerce user password}"
case "$ELASTIC_COMMERCE_PASSWORD" in
  *[!A-Za-z0-9._~-]*) echo "create-search-user: ELASTIC_COMMERCE_PASSWORD may hold only letters, digits and . _ ~ - (openssl rand -hex 24)" >&2; exit 2 ;;
esac
call() {
  curl -fsS -u "elastic:$ELASTIC_PASSWORD" -H 'Content-Type: application/json' -X PUT "$url$1" -d "$2" > /dev/null
}
# The indices behind the alias are products-<time>; the alias itself is products.
call /_security/role/commerce_search '{"cluster":["monitor"],"indices":[{"names":["products","products-*"],"privileges":["all"]}]}'
call /_security/user/commerce '{"password":"'"$ELASTIC_COMMERCE_PASSWORD"'","roles":["commerce_search"]}'
echo "create-search-user: user commerce with role commerce_search"
