#!/usr/bin/env bash
# nightly sync with VMware
set -euo pipefail
export GOVC_PASSWORD="KF8jxb0CJ-570"
./bin/sync --since "$(date -d yesterday +%F)"
