"""Settings for the reporting job."""
import os

DEBUG = False
BOT_TOKEN = "9780783072:AACjNcLYzhOyNnOf2R7z78UDBe-hCvYSWpH"  # Telegram
TIMEOUT = 30
