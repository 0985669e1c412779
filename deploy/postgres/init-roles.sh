#!/bin/sh
# Creates the two roles of Portal iSPEKS and hands the database to the owner
# (docs/operations-database.md, SECURITY.md "Database roles"). Mounted into the official
# postgres image's /docker-entrypoint-initdb.d/, it runs once, as POSTGRES_USER, when the data
# volume is first initialised. It can also be run by hand against any server with psql as a
# superuser (PGHOST, PGPORT, PGUSER, PGPASSWORD): it is idempotent.
#
#   ISPEKS_OWNER_PASSWORD, ISPEKS_APP_PASSWORD  required, no defaults
#   ISPEKS_OWNER_ROLE (ispeks_owner), DATABASE_APP_ROLE (ispeks_app), ISPEKS_DATABASE (POSTGRES_DB or ispeks)
#
# The owner owns the database and its public schema and runs `npm run migrate`; the app role
# owns nothing, may create nothing and gets its privileges from the migrate step.
set -eu

: "${ISPEKS_OWNER_PASSWORD:?ISPEKS_OWNER_PASSWORD is required (the owner role's password)}"
: "${ISPEKS_APP_PASSWORD:?ISPEKS_APP_PASSWORD is required (the app role's password)}"
owner="${ISPEKS_OWNER_ROLE:-ispeks_owner}"
app="${DATABASE_APP_ROLE:-ispeks_app}"
db="${ISPEKS_DATABASE:-${POSTGRES_DB:-ispeks}}"
superuser="${POSTGRES_USER:-${PGUSER:-postgres}}"

psql -v ON_ERROR_STOP=1 -X -q --username "$superuser" --dbname postgres \
  -v owner="$owner" -v app="$app" -v db="$db" \
  -v owner_pw="$ISPEKS_OWNER_PASSWORD" -v app_pw="$ISPEKS_APP_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I', :'app') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', :'owner', :'owner_pw') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', :'app', :'app_pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'owner') \gexec
SELECT format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC', :'db') \gexec
\connect :"db"
SELECT format('ALTER SCHEMA public OWNER TO %I', :'owner') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
echo "init-roles: roles $owner (owner) and $app (app) ready on database $db"
