-- Security groups (neutron/db/models/securitygroup.py): groups, their rules, the one default
-- group per project (its primary key is what keeps concurrent first requests of a project from
-- creating two) and the port bindings (gone with their port).

CREATE TABLE securitygroups (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  description VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  stateful BOOLEAN NOT NULL
);
CREATE INDEX ix_securitygroups_project_id ON securitygroups (project_id);

CREATE TABLE default_security_group (
  project_id VARCHAR(255) NOT NULL PRIMARY KEY,
  security_group_id VARCHAR(36) NOT NULL,
  CONSTRAINT fk_default_sg_group FOREIGN KEY (security_group_id) REFERENCES securitygroups (id) ON DELETE CASCADE
);

CREATE TABLE securitygrouprules (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  description VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  security_group_id VARCHAR(36) NOT NULL,
  remote_group_id VARCHAR(36),
  remote_address_group_id VARCHAR(36),
  direction VARCHAR(16) NOT NULL,
  ethertype VARCHAR(40) NOT NULL,
  protocol VARCHAR(40),
  port_range_min INT,
  port_range_max INT,
  remote_ip_prefix VARCHAR(255),
  normalized_cidr VARCHAR(255),
  CONSTRAINT fk_sgrules_group FOREIGN KEY (security_group_id) REFERENCES securitygroups (id) ON DELETE CASCADE,
  CONSTRAINT fk_sgrules_remote_group FOREIGN KEY (remote_group_id) REFERENCES securitygroups (id) ON DELETE CASCADE
);
CREATE INDEX ix_sgrules_security_group_id ON securitygrouprules (security_group_id);
CREATE INDEX ix_sgrules_remote_group_id ON securitygrouprules (remote_group_id);
CREATE INDEX ix_sgrules_project_id ON securitygrouprules (project_id);

-- No cascade from the group side: a group in use cannot be deleted (SecurityGroupInUse), and the
-- foreign key makes a binding being added block the deletion until it is decided.
CREATE TABLE securitygroupportbindings (
  port_id VARCHAR(36) NOT NULL,
  security_group_id VARCHAR(36) NOT NULL,
  PRIMARY KEY (port_id, security_group_id),
  CONSTRAINT fk_sgbindings_port FOREIGN KEY (port_id) REFERENCES ports (id) ON DELETE CASCADE,
  CONSTRAINT fk_sgbindings_group FOREIGN KEY (security_group_id) REFERENCES securitygroups (id)
);
CREATE INDEX ix_sgbindings_security_group_id ON securitygroupportbindings (security_group_id);
