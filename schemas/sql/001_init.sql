-- Starling control data (the MySQL role; MariaDB 10.11 and MySQL 8 compatible). Applied in file order by the
-- services adapter and recorded in schema_migrations.
-- Ids compare byte for byte (utf8mb4_bin), as in the embedded store: 'Item' and 'item' are different ids.
-- Times are milliseconds since the epoch (BIGINT), stamped by the adapter's clock, so no time zone is involved.

CREATE TABLE IF NOT EXISTS items (
  item_id VARCHAR(64) NOT NULL PRIMARY KEY,
  title VARCHAR(512) NOT NULL,
  year SMALLINT NULL,
  eligible BOOLEAN NOT NULL DEFAULT TRUE,
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- No foreign key on parent: InnoDB checks it row by row, so a batch could not list a child before its parent.
-- The adapter checks for unknown parents after each batch, inside the same transaction.
CREATE TABLE IF NOT EXISTS genres (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  parent VARCHAR(64) NULL,
  KEY idx_genres_parent (parent)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS item_genres (
  item_id VARCHAR(64) NOT NULL,
  genre VARCHAR(64) NOT NULL,
  position SMALLINT NOT NULL,
  PRIMARY KEY (item_id, genre),
  KEY idx_item_genres_genre (genre),
  CONSTRAINT fk_item_genres_item FOREIGN KEY (item_id) REFERENCES items (item_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- arms holds one JSON document; MariaDB stores JSON as LONGTEXT, so readers parse text.
CREATE TABLE IF NOT EXISTS experiments (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  description VARCHAR(1024) NOT NULL,
  active BOOLEAN NOT NULL,
  arms JSON NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS switches (
  name VARCHAR(128) NOT NULL PRIMARY KEY,
  value VARCHAR(4096) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS model_versions (
  kind VARCHAR(64) NOT NULL,
  version VARCHAR(64) NOT NULL,
  status ENUM('staged', 'active', 'retired', 'failed') NOT NULL,
  staged_at BIGINT NOT NULL,
  activated_at BIGINT NULL,
  PRIMARY KEY (kind, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per kind: the version every reader should use. Switched with the model_versions rows in one transaction.
CREATE TABLE IF NOT EXISTS version_pointers (
  kind VARCHAR(64) NOT NULL PRIMARY KEY,
  version VARCHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS schema_migrations (
  id VARCHAR(128) NOT NULL PRIMARY KEY,
  applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
