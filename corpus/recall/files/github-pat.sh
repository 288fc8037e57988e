#!/bin/sh
export GH_TOKEN=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
gh release create v1.4.0 dist/*
