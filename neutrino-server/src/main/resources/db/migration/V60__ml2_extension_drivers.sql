-- ML2 extension drivers keep their attributes in tables of their own, one row per network or
-- port, deleted with it (Neutron's networksecuritybindings, portsecuritybindings,
-- networkdnsdomains, portdnses, portdataplanestatuses, portuplinkstatuspropagation). A resource
-- without a row (created while the driver was off) shows the driver's default.
-- port_security_enabled moves out of networks and ports with its values; the dns_domain and
-- dns_name columns V1 put there were never written and go.

CREATE TABLE networksecuritybindings (
  network_id VARCHAR(36) NOT NULL PRIMARY KEY,
  port_security_enabled BOOLEAN NOT NULL,
  CONSTRAINT fk_networksecuritybindings_network FOREIGN KEY (network_id)
    REFERENCES networks (id) ON DELETE CASCADE
);
INSERT INTO networksecuritybindings (network_id, port_security_enabled)
  SELECT id, port_security_enabled FROM networks;
ALTER TABLE networks DROP COLUMN port_security_enabled;

CREATE TABLE portsecuritybindings (
  port_id VARCHAR(36) NOT NULL PRIMARY KEY,
  port_security_enabled BOOLEAN NOT NULL,
  CONSTRAINT fk_portsecuritybindings_port FOREIGN KEY (port_id)
    REFERENCES ports (id) ON DELETE CASCADE
);
INSERT INTO portsecuritybindings (port_id, port_security_enabled)
  SELECT id, port_security_enabled FROM ports;
ALTER TABLE ports DROP COLUMN port_security_enabled;

-- Only networks with a non-empty dns_domain have a row, as in Neutron.
CREATE TABLE networkdnsdomains (
  network_id VARCHAR(36) NOT NULL PRIMARY KEY,
  dns_domain VARCHAR(255) NOT NULL,
  CONSTRAINT fk_networkdnsdomains_network FOREIGN KEY (network_id)
    REFERENCES networks (id) ON DELETE CASCADE
);
ALTER TABLE networks DROP COLUMN dns_domain;

-- Neutron's portdnses also keeps current_/previous_dns_name and _domain for an external DNS
-- service; Neutrino has no external DNS driver, so only what the API shows is kept.
CREATE TABLE portdnses (
  port_id VARCHAR(36) NOT NULL PRIMARY KEY,
  dns_name VARCHAR(255) NOT NULL,
  dns_domain VARCHAR(255) NOT NULL,
  CONSTRAINT fk_portdnses_port FOREIGN KEY (port_id) REFERENCES ports (id) ON DELETE CASCADE
);
ALTER TABLE ports DROP COLUMN dns_name;

CREATE TABLE portdataplanestatuses (
  port_id VARCHAR(36) NOT NULL PRIMARY KEY,
  data_plane_status VARCHAR(16),
  CONSTRAINT fk_portdataplanestatuses_port FOREIGN KEY (port_id)
    REFERENCES ports (id) ON DELETE CASCADE
);

CREATE TABLE portuplinkstatuspropagation (
  port_id VARCHAR(36) NOT NULL PRIMARY KEY,
  propagate_uplink_status BOOLEAN NOT NULL,
  CONSTRAINT fk_portuplinkstatuspropagation_port FOREIGN KEY (port_id)
    REFERENCES ports (id) ON DELETE CASCADE
);
