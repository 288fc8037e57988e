region           = "eu-central-1"
instance_count   = 3
db_master_password = "Tf-Master-8pZb5NcY"
datadog_api_key  = "4e1f9a7c2b8d3e6f0a5b9c1d7e2f8a3b"
