-- Quotas (neutron/db/quota/models.py Quota): per-project limits over the configured defaults.
-- "limit" is a reserved word in SQL, hence quota_limit.
CREATE TABLE quotas (
  id VARCHAR(36) NOT NULL,
  project_id VARCHAR(255) NOT NULL,
  resource VARCHAR(255) NOT NULL,
  quota_limit INTEGER NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uniq_quotas0project_id0resource UNIQUE (project_id, resource)
);

-- One row per (project, resource) that quota enforcement locks (SELECT ... FOR UPDATE) inside
-- the creating transaction, so concurrent creates in one project are counted one after another.
CREATE TABLE quota_locks (
  project_id VARCHAR(255) NOT NULL,
  resource VARCHAR(255) NOT NULL,
  PRIMARY KEY (project_id, resource)
);
