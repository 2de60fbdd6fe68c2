-- RBAC policies on networks (access_as_shared, access_as_external). networks.shared and
-- networks.router_external stay as the fast flags for the '*' entries; this table holds every
-- entry, including those for single projects. The unique key refuses duplicates under concurrency.
CREATE TABLE networkrbacs (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255) NOT NULL,
  object_id VARCHAR(36) NOT NULL,
  action VARCHAR(255) NOT NULL,
  target_tenant VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  CONSTRAINT uq_networkrbacs UNIQUE (object_id, action, target_tenant),
  CONSTRAINT fk_networkrbacs_network FOREIGN KEY (object_id) REFERENCES networks (id) ON DELETE CASCADE
);
CREATE INDEX ix_networkrbacs_target ON networkrbacs (target_tenant, action);
