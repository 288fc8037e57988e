#!/usr/bin/env bash
# nightly sync with Vault
set -euo pipefail
export VAULT_TOKEN="hvb.AAAAAQzl0nfcKxChU2PWnnUUnLeDvnh8gUy9FI9teOntxE_ZAf-XZa9Nz3spj8S_AR6igNasieuDQjC3CvNRWHwnGh3sCCrXTbhOGM3Ei1KD35D_RpYTkm1k31NsaS"
./bin/sync --since "$(date -d yesterday +%F)"
