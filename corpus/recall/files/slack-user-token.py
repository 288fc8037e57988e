"""Settings for the reporting job."""
import os

DEBUG = False
SLACK_USER_TOKEN = "xoxp-112059827773-572677895895-9549913302153-9c79f815c67cd501f24941e27db490b3"  # Slack
TIMEOUT = 30
