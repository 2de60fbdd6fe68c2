-- Trunks (service plugin trunk): a parent port and its subports, each with a segmentation type
-- and ID unique within the trunk. A port is the parent of at most one trunk and the subport of
-- at most one (the plugin refuses with TrunkPortInUse / ParentPortInUse; the keys are the
-- backstop under concurrency). A trunk's subports go with it.

CREATE TABLE trunks (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  description VARCHAR(255) NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL,
  admin_state_up BOOLEAN NOT NULL,
  status VARCHAR(16) NOT NULL,
  port_id VARCHAR(36) NOT NULL,
  CONSTRAINT uq_trunks0port_id UNIQUE (port_id),
  CONSTRAINT fk_trunks_port FOREIGN KEY (port_id) REFERENCES ports (id) ON DELETE CASCADE
);
CREATE INDEX ix_trunks_project_id ON trunks (project_id);

CREATE TABLE subports (
  port_id VARCHAR(36) NOT NULL PRIMARY KEY,
  trunk_id VARCHAR(36) NOT NULL,
  segmentation_type VARCHAR(32) NOT NULL,
  segmentation_id INTEGER NOT NULL,
  CONSTRAINT uq_subport_trunk_seg_type_seg_id UNIQUE (trunk_id, segmentation_type, segmentation_id),
  CONSTRAINT fk_subports_port FOREIGN KEY (port_id) REFERENCES ports (id) ON DELETE CASCADE,
  CONSTRAINT fk_subports_trunk FOREIGN KEY (trunk_id) REFERENCES trunks (id) ON DELETE CASCADE
);
