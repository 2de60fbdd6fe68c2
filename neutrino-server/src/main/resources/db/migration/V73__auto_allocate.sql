-- Auto-allocated topologies (default service plugin auto_allocate): one network and router per
-- project, and the mark of the default external network (Neutron's externalnetworks.is_default;
-- a row exists only while the network is external and the default).

CREATE TABLE auto_allocated_topologies (
  project_id VARCHAR(255) NOT NULL PRIMARY KEY,
  network_id VARCHAR(36) NOT NULL,
  router_id VARCHAR(36),
  CONSTRAINT fk_auto_allocated_network FOREIGN KEY (network_id)
    REFERENCES networks (id) ON DELETE CASCADE,
  CONSTRAINT fk_auto_allocated_router FOREIGN KEY (router_id)
    REFERENCES routers (id) ON DELETE SET NULL
);

CREATE TABLE default_external_networks (
  network_id VARCHAR(36) NOT NULL PRIMARY KEY,
  CONSTRAINT fk_default_external_network FOREIGN KEY (network_id)
    REFERENCES networks (id) ON DELETE CASCADE
);
