-- Address groups (extension address-group): named sets of CIDRs that security group rules can
-- use as their remote (securitygrouprules.remote_address_group_id, V10). A group a rule uses
-- cannot be deleted: the plugin checks it to answer Neutron's AddressGroupInUse.

CREATE TABLE address_groups (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  description VARCHAR(1024) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL
);
CREATE INDEX ix_address_groups_project_id ON address_groups (project_id);

CREATE TABLE address_associations (
  address VARCHAR(64) NOT NULL,
  address_group_id VARCHAR(36) NOT NULL,
  PRIMARY KEY (address, address_group_id),
  CONSTRAINT fk_address_associations_group FOREIGN KEY (address_group_id)
    REFERENCES address_groups (id) ON DELETE CASCADE
);
CREATE INDEX ix_address_associations_group ON address_associations (address_group_id);
CREATE INDEX ix_securitygrouprules_remote_ag ON securitygrouprules (remote_address_group_id);
