import sentry_sdk

sentry_sdk.init(dsn="https://9dd6f880d5a7cc78407c7c8b58bfc497@o724304.ingest.us.sentry.io/3581491694886776", traces_sample_rate=0.1)
