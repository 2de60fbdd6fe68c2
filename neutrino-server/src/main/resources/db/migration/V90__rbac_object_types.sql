-- RBAC entries for the other object types rbac-policies can share (neutron/db/rbac_db_models.py):
-- QoS policies, security groups, address scopes, subnet pools and address groups. One table per
-- type, named and shaped as networkrbacs (V3) and as Neutron names them, because:
--  * the foreign key to the object's table removes its entries with it, in every database;
--  * the unique key (object_id, action, target_tenant) refuses duplicates under concurrency;
--  * the quota engine counts rbac_policy over Neutron's table names.
-- The view rbac_entries lists every table with its object_type, for GET /rbac-policies.

CREATE TABLE qospolicyrbacs (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255) NOT NULL,
  object_id VARCHAR(36) NOT NULL,
  action VARCHAR(255) NOT NULL,
  target_tenant VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  CONSTRAINT uq_qospolicyrbacs UNIQUE (object_id, action, target_tenant),
  CONSTRAINT fk_qospolicyrbacs_object FOREIGN KEY (object_id) REFERENCES qos_policies (id) ON DELETE CASCADE
);
CREATE INDEX ix_qospolicyrbacs_target ON qospolicyrbacs (target_tenant, action);
CREATE INDEX ix_qospolicyrbacs_project ON qospolicyrbacs (project_id);

CREATE TABLE securitygrouprbacs (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255) NOT NULL,
  object_id VARCHAR(36) NOT NULL,
  action VARCHAR(255) NOT NULL,
  target_tenant VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  CONSTRAINT uq_securitygrouprbacs UNIQUE (object_id, action, target_tenant),
  CONSTRAINT fk_securitygrouprbacs_object FOREIGN KEY (object_id) REFERENCES securitygroups (id) ON DELETE CASCADE
);
CREATE INDEX ix_securitygrouprbacs_target ON securitygrouprbacs (target_tenant, action);
CREATE INDEX ix_securitygrouprbacs_project ON securitygrouprbacs (project_id);

CREATE TABLE addressscoperbacs (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255) NOT NULL,
  object_id VARCHAR(36) NOT NULL,
  action VARCHAR(255) NOT NULL,
  target_tenant VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  CONSTRAINT uq_addressscoperbacs UNIQUE (object_id, action, target_tenant),
  CONSTRAINT fk_addressscoperbacs_object FOREIGN KEY (object_id) REFERENCES address_scopes (id) ON DELETE CASCADE
);
CREATE INDEX ix_addressscoperbacs_target ON addressscoperbacs (target_tenant, action);
CREATE INDEX ix_addressscoperbacs_project ON addressscoperbacs (project_id);

CREATE TABLE subnetpoolrbacs (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255) NOT NULL,
  object_id VARCHAR(36) NOT NULL,
  action VARCHAR(255) NOT NULL,
  target_tenant VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  CONSTRAINT uq_subnetpoolrbacs UNIQUE (object_id, action, target_tenant),
  CONSTRAINT fk_subnetpoolrbacs_object FOREIGN KEY (object_id) REFERENCES subnetpools (id) ON DELETE CASCADE
);
CREATE INDEX ix_subnetpoolrbacs_target ON subnetpoolrbacs (target_tenant, action);
CREATE INDEX ix_subnetpoolrbacs_project ON subnetpoolrbacs (project_id);

CREATE TABLE addressgrouprbacs (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255) NOT NULL,
  object_id VARCHAR(36) NOT NULL,
  action VARCHAR(255) NOT NULL,
  target_tenant VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  CONSTRAINT uq_addressgrouprbacs UNIQUE (object_id, action, target_tenant),
  CONSTRAINT fk_addressgrouprbacs_object FOREIGN KEY (object_id) REFERENCES address_groups (id) ON DELETE CASCADE
);
CREATE INDEX ix_addressgrouprbacs_target ON addressgrouprbacs (target_tenant, action);
CREATE INDEX ix_addressgrouprbacs_project ON addressgrouprbacs (project_id);

CREATE INDEX ix_networkrbacs_project ON networkrbacs (project_id);

-- Objects shared before this version kept only their shared flag: each gets its '*' entry, which
-- the flag mirrors from now on. The entry takes its object's id as its own (unique in its table,
-- as an object has at most one such entry), since SQL has no portable UUID function.
INSERT INTO qospolicyrbacs (id, project_id, object_id, action, target_tenant, created_at, updated_at,
    revision_number)
  SELECT id, COALESCE(project_id, ''), id, 'access_as_shared', '*', created_at, updated_at, 1
  FROM qos_policies WHERE shared = TRUE;
INSERT INTO addressscoperbacs (id, project_id, object_id, action, target_tenant, created_at,
    updated_at, revision_number)
  SELECT id, COALESCE(project_id, ''), id, 'access_as_shared', '*', CURRENT_TIMESTAMP,
    CURRENT_TIMESTAMP, 1
  FROM address_scopes WHERE shared = TRUE;
INSERT INTO subnetpoolrbacs (id, project_id, object_id, action, target_tenant, created_at,
    updated_at, revision_number)
  SELECT id, COALESCE(project_id, ''), id, 'access_as_shared', '*', created_at, updated_at, 1
  FROM subnetpools WHERE shared = TRUE;

CREATE VIEW rbac_entries AS
  SELECT id, project_id, object_id, action, target_tenant, 'network' AS object_type FROM networkrbacs
  UNION ALL
  SELECT id, project_id, object_id, action, target_tenant, 'qos_policy' AS object_type FROM qospolicyrbacs
  UNION ALL
  SELECT id, project_id, object_id, action, target_tenant, 'security_group' AS object_type
    FROM securitygrouprbacs
  UNION ALL
  SELECT id, project_id, object_id, action, target_tenant, 'address_scope' AS object_type
    FROM addressscoperbacs
  UNION ALL
  SELECT id, project_id, object_id, action, target_tenant, 'subnetpool' AS object_type FROM subnetpoolrbacs
  UNION ALL
  SELECT id, project_id, object_id, action, target_tenant, 'address_group' AS object_type
    FROM addressgrouprbacs;
