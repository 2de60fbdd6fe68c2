-- What a port still waits for before it may turn ACTIVE (neutron/db/models/provisioning_block.py):
-- one row per entity ('L2': the L2 agent wiring it, 'DHCP': the DHCP agent serving it). Neutron
-- keys the rows by the port's standard attribute id; Neutrino's ports have none, so by port id.
-- Blocks go with their port.

CREATE TABLE provisioningblocks (
  port_id VARCHAR(36) NOT NULL,
  entity VARCHAR(255) NOT NULL,
  PRIMARY KEY (port_id, entity),
  CONSTRAINT fk_provisioningblocks_port FOREIGN KEY (port_id) REFERENCES ports (id) ON DELETE CASCADE
);
