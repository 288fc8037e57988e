#!/usr/bin/env bash
# nightly sync with Azure DevOps
set -euo pipefail
export AZURE_DEVOPS_EXT_PAT="4723gybiiouzphkrj526qfv5w4kzmbxee74wwnodvhoykn7t5voo"
./bin/sync --since "$(date -d yesterday +%F)"
