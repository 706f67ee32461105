-- Named leases: at most one unexpired holder per name, across every process sharing the database.
-- expires_at is milliseconds since the epoch on the adapter's clock; the lease is free from that instant on.
-- A released lease is a deleted row; an expired one stays until the next holder takes it over.

CREATE TABLE IF NOT EXISTS leases (
  name VARCHAR(128) NOT NULL PRIMARY KEY,
  holder VARCHAR(128) NOT NULL,
  expires_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
