-- Floating IP port forwardings (service plugin port_forwarding). One external port and protocol
-- of a floating IP forwards to one internal port (address and port number) of a Neutron port;
-- both sides are unique. A forwarding goes with its floating IP or its port.

CREATE TABLE port_forwardings (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  description VARCHAR(1024) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  floatingip_id VARCHAR(36) NOT NULL,
  internal_neutron_port_id VARCHAR(36) NOT NULL,
  protocol VARCHAR(40) NOT NULL,
  internal_ip_address VARCHAR(64) NOT NULL,
  internal_port INT NOT NULL,
  external_port INT NOT NULL,
  CONSTRAINT uq_port_forwardings_outside UNIQUE (floatingip_id, protocol, external_port),
  CONSTRAINT uq_port_forwardings_inside
    UNIQUE (protocol, internal_neutron_port_id, internal_ip_address, internal_port),
  CONSTRAINT fk_port_forwardings_fip FOREIGN KEY (floatingip_id)
    REFERENCES floatingips (id) ON DELETE CASCADE,
  CONSTRAINT fk_port_forwardings_port FOREIGN KEY (internal_neutron_port_id)
    REFERENCES ports (id) ON DELETE CASCADE
);
CREATE INDEX ix_port_forwardings_port ON port_forwardings (internal_neutron_port_id);
