-- Port bindings belong to ML2, not to ports (neutron/plugins/ml2/models.py PortBinding and
-- PortBindingLevel): one row per port and host (status ACTIVE for the binding in use) and one row
-- per level of a hierarchical binding. The binding columns V1 put on ports move here.

CREATE TABLE ml2_port_bindings (
  port_id VARCHAR(36) NOT NULL,
  host VARCHAR(255) NOT NULL,
  vnic_type VARCHAR(64) NOT NULL,
  profile ${text} NOT NULL,
  vif_type VARCHAR(64) NOT NULL,
  vif_details ${text} NOT NULL,
  status VARCHAR(16) NOT NULL,
  PRIMARY KEY (port_id, host),
  CONSTRAINT fk_ml2_port_bindings_port FOREIGN KEY (port_id) REFERENCES ports (id) ON DELETE CASCADE
);
CREATE INDEX ix_ml2_port_bindings_host ON ml2_port_bindings (host);

INSERT INTO ml2_port_bindings (port_id, host, vnic_type, profile, vif_type, vif_details, status)
  SELECT id, binding_host_id, binding_vnic_type, binding_profile, binding_vif_type, binding_vif_details, 'ACTIVE'
  FROM ports;

ALTER TABLE ports DROP COLUMN binding_host_id;
ALTER TABLE ports DROP COLUMN binding_vnic_type;
ALTER TABLE ports DROP COLUMN binding_profile;
ALTER TABLE ports DROP COLUMN binding_vif_type;
ALTER TABLE ports DROP COLUMN binding_vif_details;

CREATE TABLE ml2_port_binding_levels (
  port_id VARCHAR(36) NOT NULL,
  host VARCHAR(255) NOT NULL,
  level INT NOT NULL,
  driver VARCHAR(64),
  segment_id VARCHAR(36),
  PRIMARY KEY (port_id, host, level),
  CONSTRAINT fk_ml2_binding_levels_port FOREIGN KEY (port_id) REFERENCES ports (id) ON DELETE CASCADE,
  CONSTRAINT fk_ml2_binding_levels_segment FOREIGN KEY (segment_id) REFERENCES network_segments (id)
    ON DELETE SET NULL
);
CREATE INDEX ix_ml2_binding_levels_segment ON ml2_port_binding_levels (segment_id);
