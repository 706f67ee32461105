-- Starling control data (the MySQL role; MariaDB 10.11 compatible). Applied in file order by the services
-- adapter and recorded in schema_migrations.

CREATE TABLE IF NOT EXISTS items (
  item_id VARCHAR(64) NOT NULL PRIMARY KEY,
  title VARCHAR(512) NOT NULL,
  year SMALLINT NULL,
  eligible BOOLEAN NOT NULL DEFAULT TRUE,
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS genres (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  parent VARCHAR(64) NULL,
  CONSTRAINT fk_genre_parent FOREIGN KEY (parent) REFERENCES genres (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS item_genres (
  item_id VARCHAR(64) NOT NULL,
  genre VARCHAR(64) NOT NULL,
  PRIMARY KEY (item_id, genre),
  KEY idx_item_genres_genre (genre),
  CONSTRAINT fk_item_genres_item FOREIGN KEY (item_id) REFERENCES items (item_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS experiments (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  description VARCHAR(1024) NOT NULL,
  active BOOLEAN NOT NULL,
  arms JSON NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS switches (
  name VARCHAR(128) NOT NULL PRIMARY KEY,
  value VARCHAR(4096) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS model_versions (
  kind VARCHAR(64) NOT NULL,
  version VARCHAR(64) NOT NULL,
  status ENUM('staged', 'active', 'retired', 'failed') NOT NULL,
  activated_at TIMESTAMP(3) NULL,
  PRIMARY KEY (kind, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One row per kind: the version every reader should use. Switched with the model_versions rows in one transaction.
CREATE TABLE IF NOT EXISTS version_pointers (
  kind VARCHAR(64) NOT NULL PRIMARY KEY,
  version VARCHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS schema_migrations (
  id VARCHAR(128) NOT NULL PRIMARY KEY,
  applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
