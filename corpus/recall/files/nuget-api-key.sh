#!/usr/bin/env bash
# nightly sync with NuGet
set -euo pipefail
export NUGET_API_KEY="oy2nc1031z77v164suq1rya97wg1iqowum0kx2jsp4zt7p"
./bin/sync --since "$(date -d yesterday +%F)"
