#!/bin/sh
# One-shot (temporalio/admin-tools): creates or upgrades Temporal's two PostgreSQL databases,
# the history store and the visibility store. Safe to run again: an existing database is kept
# and only newer schema versions are applied.
set -eu
: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}"
schema=/etc/temporal/schema/postgresql/v12

until nc -z -w 2 "$POSTGRES_SEEDS" 5432; do echo "waiting for PostgreSQL at $POSTGRES_SEEDS:5432"; sleep 2; done
for db in temporal temporal_visibility; do
  dir=$([ "$db" = temporal ] && echo temporal || echo visibility)
  sql="temporal-sql-tool --plugin postgres12 --ep $POSTGRES_SEEDS -p 5432 -u $POSTGRES_USER --db $db"
  $sql create || true   # exists already on a second run
  $sql setup-schema -v 0.0 2>/dev/null || true   # likewise: the version table is there
  $sql update-schema -d "$schema/$dir/versioned"
done
echo "Temporal's PostgreSQL schema is up to date"
