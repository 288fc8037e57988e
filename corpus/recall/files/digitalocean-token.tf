provider "digitalocean" {
  token = "dop_v1_fa4b56f0e470b52ca010b7953eb164e27f06056069f77f2cdee2e8f5d843975d"
}
