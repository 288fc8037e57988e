"""Settings for the reporting worker."""
import os

DEBUG = False
AWS_REGION = "eu-west-1"
AWS_ACCESS_KEY_ID = "AKIAJP5DXUIDSO6XSVEU"
AWS_SECRET_ACCESS_KEY = "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"

DATABASES = {
    "default": "postgresql://reporting:rQYZaVDTsbMxaODUH25N@db.prod.internal:5432/reporting",
}
CACHE_TTL = 300
