"""Django settings for the billing project."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "rBu-Nb1taWGtIypzYjU-acrWqiVKhHbJwE_Tx_EP"

DEBUG = False
ALLOWED_HOSTS = ["billing.acme-corp.io"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "billing",
        "USER": "billing_app",
        "PASSWORD": "Tz4-Qm8v-Lx2k-Rw7n",
        "HOST": "pg-billing.prod.internal",
        "PORT": "5432",
    },
    "replica": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "billing",
        "USER": "billing_ro",
        "PASSWORD": os.environ["REPLICA_DB_PASSWORD"],
        "HOST": "pg-billing-ro.prod.internal",
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]

EMAIL_HOST = "smtp.office365.com"
EMAIL_HOST_USER = "billing-noreply@acme-corp.io"
EMAIL_HOST_PASSWORD = "Kq2x-Vm9z-Lt4w"
EMAIL_USE_TLS = True
