-- Core L2 resources: networks, segments, subnets, subnet pools, ports and IP allocations.
-- ${text} is a vendor's large text type (Flyway placeholder set by the Database class):
-- JSON-valued attributes (lists and dicts the API shows whole) live in such columns, while every
-- value that must be unique or is filtered on often has a column, an index or a table of its own.

CREATE TABLE networks (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  description VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  admin_state_up BOOLEAN NOT NULL,
  status VARCHAR(16) NOT NULL,
  shared BOOLEAN NOT NULL,
  router_external BOOLEAN NOT NULL,
  mtu INT NOT NULL,
  port_security_enabled BOOLEAN NOT NULL,
  availability_zone_hints ${text} NOT NULL,
  dns_domain VARCHAR(255)
);
CREATE INDEX ix_networks_project_id ON networks (project_id);

CREATE TABLE network_segments (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  network_id VARCHAR(36) NOT NULL,
  network_type VARCHAR(32) NOT NULL,
  physical_network VARCHAR(64),
  segmentation_id INT,
  segment_index INT NOT NULL,
  name VARCHAR(255),
  CONSTRAINT fk_segments_network FOREIGN KEY (network_id) REFERENCES networks (id) ON DELETE CASCADE
);
CREATE INDEX ix_segments_network_id ON network_segments (network_id);

-- One row per segmentation id a type driver hands out; the primary key is what guarantees that
-- concurrent creators never get the same id, on one server or many.
CREATE TABLE segment_allocations (
  network_type VARCHAR(32) NOT NULL,
  physical_network VARCHAR(64) NOT NULL,
  segmentation_id INT NOT NULL,
  allocated BOOLEAN NOT NULL,
  PRIMARY KEY (network_type, physical_network, segmentation_id)
);
CREATE INDEX ix_segment_allocations_free ON segment_allocations (network_type, allocated);

CREATE TABLE subnetpools (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  description VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  ip_version INT NOT NULL,
  prefixes ${text} NOT NULL,
  default_prefixlen INT NOT NULL,
  min_prefixlen INT NOT NULL,
  max_prefixlen INT NOT NULL,
  default_quota INT,
  shared BOOLEAN NOT NULL,
  is_default BOOLEAN NOT NULL,
  address_scope_id VARCHAR(36)
);

CREATE TABLE subnets (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  description VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  network_id VARCHAR(36) NOT NULL,
  ip_version INT NOT NULL,
  cidr VARCHAR(64) NOT NULL,
  gateway_ip VARCHAR(64),
  enable_dhcp BOOLEAN NOT NULL,
  ipv6_ra_mode VARCHAR(16),
  ipv6_address_mode VARCHAR(16),
  subnetpool_id VARCHAR(36),
  segment_id VARCHAR(36),
  allocation_pools ${text} NOT NULL,
  dns_nameservers ${text} NOT NULL,
  host_routes ${text} NOT NULL,
  service_types ${text} NOT NULL,
  dns_publish_fixed_ip BOOLEAN NOT NULL,
  CONSTRAINT fk_subnets_network FOREIGN KEY (network_id) REFERENCES networks (id),
  CONSTRAINT fk_subnets_subnetpool FOREIGN KEY (subnetpool_id) REFERENCES subnetpools (id)
);
CREATE INDEX ix_subnets_network_id ON subnets (network_id);
CREATE INDEX ix_subnets_subnetpool_id ON subnets (subnetpool_id);
CREATE INDEX ix_subnets_project_id ON subnets (project_id);

CREATE TABLE ports (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  description VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  network_id VARCHAR(36) NOT NULL,
  mac_address VARCHAR(32) NOT NULL,
  admin_state_up BOOLEAN NOT NULL,
  status VARCHAR(16) NOT NULL,
  device_id VARCHAR(255) NOT NULL,
  device_owner VARCHAR(255) NOT NULL,
  fixed_ips ${text} NOT NULL,
  allowed_address_pairs ${text} NOT NULL,
  extra_dhcp_opts ${text} NOT NULL,
  security_groups ${text} NOT NULL,
  port_security_enabled BOOLEAN NOT NULL,
  binding_host_id VARCHAR(255) NOT NULL,
  binding_vnic_type VARCHAR(64) NOT NULL,
  binding_profile ${text} NOT NULL,
  binding_vif_type VARCHAR(64) NOT NULL,
  binding_vif_details ${text} NOT NULL,
  dns_name VARCHAR(255),
  CONSTRAINT fk_ports_network FOREIGN KEY (network_id) REFERENCES networks (id),
  CONSTRAINT uq_ports_network_mac UNIQUE (network_id, mac_address)
);
CREATE INDEX ix_ports_network_id ON ports (network_id);
CREATE INDEX ix_ports_device_id ON ports (device_id);
CREATE INDEX ix_ports_project_id ON ports (project_id);
CREATE INDEX ix_ports_device_owner ON ports (device_owner);

-- The primary key (subnet, address) is what guarantees no address is handed out twice.
CREATE TABLE ipallocations (
  subnet_id VARCHAR(36) NOT NULL,
  ip_address VARCHAR(64) NOT NULL,
  network_id VARCHAR(36) NOT NULL,
  port_id VARCHAR(36) NOT NULL,
  PRIMARY KEY (subnet_id, ip_address),
  CONSTRAINT fk_ipallocations_port FOREIGN KEY (port_id) REFERENCES ports (id) ON DELETE CASCADE,
  CONSTRAINT fk_ipallocations_subnet FOREIGN KEY (subnet_id) REFERENCES subnets (id)
);
CREATE INDEX ix_ipallocations_port_id ON ipallocations (port_id);
CREATE INDEX ix_ipallocations_ip ON ipallocations (ip_address);

CREATE TABLE tags (
  resource_id VARCHAR(36) NOT NULL,
  tag VARCHAR(255) NOT NULL,
  PRIMARY KEY (resource_id, tag)
);
CREATE INDEX ix_tags_tag ON tags (tag);
