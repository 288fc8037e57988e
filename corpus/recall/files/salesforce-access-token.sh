#!/usr/bin/env bash
# nightly sync with Salesforce
set -euo pipefail
export SF_ACCESS_TOKEN="00DHLyp3TsrIHbJ3QD!kds4Bj0BkHV89us0eMnyxNyTpULENV82jwJRvlivhJehV3lHElE1sxxiqD7XmUHdkCTMo4DflTwYtt6ahKqS2thZvbXSGJCw"
./bin/sync --since "$(date -d yesterday +%F)"
