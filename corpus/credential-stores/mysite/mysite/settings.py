from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = 'django-insecure-w2&k9!rq8z@l5v#x3c7b1n4m6p0t$y8u2i4o6'
DEBUG = False

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'mysite',
        'USER': 'mysite',
        'PASSWORD': 'mysite-db-2023',
        'HOST': 'pg.northwind-logistics.net',
    }
}
