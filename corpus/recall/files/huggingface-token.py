"""Settings for the reporting job."""
import os

DEBUG = False
HF_TOKEN = "hf_GmNODkBckNeJWNzblLOfMxP0VGGFhH0h8B"  # Hugging Face
TIMEOUT = 30
