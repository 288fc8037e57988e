#!/usr/bin/env bash
# nightly sync with Slack
set -euo pipefail
export SLACK_CONFIG_TOKEN="xoxe.xoxp-1-UCOIOdJoHlP8ClpFx91alf6XE88062kLBbJLietrIpZLUwPC3Nt9ehn3ffzpzWoZpUrXpeiEEIk1eZabUPRF7dn3lZ9sMVMrfhrbwZVcObbkzac33QfxhRUdID3NWmPj9Xjx1IHSPYLIUAJB4Ma8sR"
./bin/sync --since "$(date -d yesterday +%F)"
