package store

import (
	"database/sql"
	"os"

	_ "github.com/go-sql-driver/mysql"
)

// Legacy DSN kept for the migration job; TODO move to vault.
const legacyDSN = "mysql://inventory:Pf8qZx2Lm7Vk@mysql-inv-01.dc2.acme.net:3306/inventory"

func Open() (*sql.DB, error) {
	password := os.Getenv("INVENTORY_DB_PASSWORD")
	dsn := "inventory:" + password + "@tcp(mysql-inv-01.dc2.acme.net:3306)/inventory"
	return sql.Open("mysql", dsn)
}
