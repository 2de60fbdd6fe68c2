-- L3: routers, their ports (gateway and interfaces), extra routes and floating IPs.
-- Ports themselves stay core ports; these tables only say which router or floating IP owns them.

CREATE TABLE routers (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  description VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  admin_state_up BOOLEAN NOT NULL,
  status VARCHAR(16) NOT NULL,
  gw_port_id VARCHAR(36),
  enable_snat BOOLEAN NOT NULL,
  distributed BOOLEAN NOT NULL,
  ha BOOLEAN NOT NULL,
  availability_zone_hints ${text} NOT NULL,
  CONSTRAINT fk_routers_gw_port FOREIGN KEY (gw_port_id) REFERENCES ports (id) ON DELETE SET NULL
);
CREATE INDEX ix_routers_project_id ON routers (project_id);

-- One row per port a router owns; a port belongs to at most one router.
CREATE TABLE router_ports (
  port_id VARCHAR(36) NOT NULL PRIMARY KEY,
  router_id VARCHAR(36) NOT NULL,
  port_type VARCHAR(255) NOT NULL,
  CONSTRAINT fk_router_ports_router FOREIGN KEY (router_id) REFERENCES routers (id) ON DELETE CASCADE,
  CONSTRAINT fk_router_ports_port FOREIGN KEY (port_id) REFERENCES ports (id) ON DELETE CASCADE
);
CREATE INDEX ix_router_ports_router_id ON router_ports (router_id);

CREATE TABLE router_routes (
  router_id VARCHAR(36) NOT NULL,
  destination VARCHAR(64) NOT NULL,
  nexthop VARCHAR(64) NOT NULL,
  PRIMARY KEY (router_id, destination, nexthop),
  CONSTRAINT fk_router_routes_router FOREIGN KEY (router_id) REFERENCES routers (id) ON DELETE CASCADE
);

-- The unique constraint is what guarantees one floating IP per fixed IP and external network,
-- even under concurrent association (NULLs, i.e. unassociated floating IPs, never collide).
CREATE TABLE floatingips (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  description VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  floating_ip_address VARCHAR(64) NOT NULL,
  floating_network_id VARCHAR(36) NOT NULL,
  floating_port_id VARCHAR(36) NOT NULL,
  fixed_port_id VARCHAR(36),
  fixed_ip_address VARCHAR(64),
  router_id VARCHAR(36),
  last_known_router_id VARCHAR(36),
  status VARCHAR(16) NOT NULL,
  CONSTRAINT uq_floatingips_floating_port UNIQUE (floating_port_id),
  CONSTRAINT uq_floatingips_fixed UNIQUE (floating_network_id, fixed_port_id, fixed_ip_address),
  CONSTRAINT fk_floatingips_network FOREIGN KEY (floating_network_id) REFERENCES networks (id),
  CONSTRAINT fk_floatingips_floating_port FOREIGN KEY (floating_port_id) REFERENCES ports (id) ON DELETE CASCADE,
  CONSTRAINT fk_floatingips_fixed_port FOREIGN KEY (fixed_port_id) REFERENCES ports (id),
  CONSTRAINT fk_floatingips_router FOREIGN KEY (router_id) REFERENCES routers (id)
);
CREATE INDEX ix_floatingips_project_id ON floatingips (project_id);
CREATE INDEX ix_floatingips_fixed_port_id ON floatingips (fixed_port_id);
CREATE INDEX ix_floatingips_router_id ON floatingips (router_id);
