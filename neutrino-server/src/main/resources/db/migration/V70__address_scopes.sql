-- Address scopes (extension address-scope). A subnet pool names its scope in
-- subnetpools.address_scope_id (V1); a scope in use by a pool cannot be deleted, which the
-- plugin checks to answer Neutron's AddressScopeInUse rather than a constraint error.

CREATE TABLE address_scopes (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  shared BOOLEAN NOT NULL,
  ip_version INT NOT NULL
);
CREATE INDEX ix_address_scopes_project_id ON address_scopes (project_id);
CREATE INDEX ix_subnetpools_address_scope_id ON subnetpools (address_scope_id);
