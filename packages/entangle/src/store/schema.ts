// The run store's tables. Every insert is keyed, so replaying a write after a crash never duplicates a row.

export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created TEXT NOT NULL,
  updated TEXT NOT NULL,
  config TEXT NOT NULL,
  status TEXT NOT NULL,
  result TEXT
);
CREATE TABLE IF NOT EXISTS jobs (
  key TEXT PRIMARY KEY,
  model TEXT NOT NULL,
  seed INTEGER NOT NULL,
  status TEXT NOT NULL,
  started TEXT,
  finished TEXT,
  metrics TEXT,
  artifact TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE TABLE IF NOT EXISTS outputs (
  job TEXT NOT NULL,
  dataset TEXT NOT NULL,
  artifact TEXT NOT NULL,
  PRIMARY KEY (job, dataset)
);
CREATE TABLE IF NOT EXISTS losses (
  run TEXT NOT NULL,
  seed INTEGER NOT NULL,
  variant TEXT NOT NULL,
  model TEXT NOT NULL,
  loss TEXT NOT NULL,
  value REAL NOT NULL,
  job TEXT NOT NULL,
  PRIMARY KEY (run, seed, variant, model, loss)
);
`;
