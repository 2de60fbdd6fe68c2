-- Metering (service plugin metering): labels and their rules. A label's rules go with it.

CREATE TABLE meteringlabels (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  description VARCHAR(1024) NOT NULL,
  shared BOOLEAN NOT NULL
);
CREATE INDEX ix_meteringlabels_project_id ON meteringlabels (project_id);

CREATE TABLE meteringlabelrules (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  metering_label_id VARCHAR(36) NOT NULL,
  direction VARCHAR(16),
  remote_ip_prefix VARCHAR(64),
  source_ip_prefix VARCHAR(64),
  destination_ip_prefix VARCHAR(64),
  excluded BOOLEAN NOT NULL,
  CONSTRAINT fk_meteringlabelrules_label FOREIGN KEY (metering_label_id)
    REFERENCES meteringlabels (id) ON DELETE CASCADE
);
CREATE INDEX ix_meteringlabelrules_label ON meteringlabelrules (metering_label_id);
