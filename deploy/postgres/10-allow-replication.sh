#!/bin/sh
# Runs once, when the db service initialises its volume (docker-entrypoint-initdb.d): lets the
# `replica` profile's standby stream WAL from this server with the same password authentication.
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
