-- Flavors (service plugin flavors): flavors, service profiles and which profiles a flavor uses.
-- A binding goes with its flavor or its profile (the plugin refuses to delete a bound profile).

CREATE TABLE flavors (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  name VARCHAR(255),
  description VARCHAR(1024),
  enabled BOOLEAN NOT NULL,
  service_type VARCHAR(36)
);

CREATE TABLE serviceprofiles (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  description VARCHAR(1024),
  driver VARCHAR(1024) NOT NULL,
  enabled BOOLEAN NOT NULL,
  metainfo VARCHAR(4096)
);

CREATE TABLE flavorserviceprofilebindings (
  service_profile_id VARCHAR(36) NOT NULL,
  flavor_id VARCHAR(36) NOT NULL,
  PRIMARY KEY (service_profile_id, flavor_id),
  CONSTRAINT fk_flavorserviceprofilebindings_profile FOREIGN KEY (service_profile_id)
    REFERENCES serviceprofiles (id) ON DELETE CASCADE,
  CONSTRAINT fk_flavorserviceprofilebindings_flavor FOREIGN KEY (flavor_id)
    REFERENCES flavors (id) ON DELETE CASCADE
);
CREATE INDEX ix_flavorserviceprofilebindings_flavor ON flavorserviceprofilebindings (flavor_id);
