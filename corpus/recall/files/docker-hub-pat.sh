#!/usr/bin/env bash
# nightly sync with Docker Hub
set -euo pipefail
export DOCKERHUB_TOKEN="dckr_pat_iucMudgrKZd-Wr21XIENUzBKGJh"
./bin/sync --since "$(date -d yesterday +%F)"
