#!/bin/sh
# Creates the application schema; the password comes from the pod's environment.
set -eu
psql "postgresql://webapp:${DB_PASSWORD}@${DB_HOST}:5432/webapp" -f /docker-entrypoint-initdb.d/schema.sql
