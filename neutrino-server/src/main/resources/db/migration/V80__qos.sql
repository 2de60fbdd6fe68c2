-- QoS (service plugin qos): policies, their rules (one table per rule type, as Neutron keeps
-- them), the per-project default policy and the policies bound to networks and ports. A policy's
-- rules and default entry go with it; a binding goes with its network or port, and a bound
-- policy cannot be deleted (the plugin answers QosPolicyInUse; the foreign key is the backstop).

CREATE TABLE qos_policies (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  description VARCHAR(255) NOT NULL,
  shared BOOLEAN NOT NULL,
  created_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  revision_number BIGINT NOT NULL
);
CREATE INDEX ix_qos_policies_project_id ON qos_policies (project_id);

-- One default policy per project: the primary key makes a second one a duplicate.
CREATE TABLE qos_policies_default (
  project_id VARCHAR(255) NOT NULL PRIMARY KEY,
  qos_policy_id VARCHAR(36) NOT NULL,
  CONSTRAINT fk_qos_policies_default_policy FOREIGN KEY (qos_policy_id)
    REFERENCES qos_policies (id) ON DELETE CASCADE
);

-- The unique keys are Neutron's: one rule per type and direction in a policy (one DSCP rule).
CREATE TABLE qos_bandwidth_limit_rules (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  qos_policy_id VARCHAR(36) NOT NULL,
  max_kbps INTEGER,
  max_burst_kbps INTEGER,
  direction VARCHAR(16) NOT NULL,
  CONSTRAINT uq_qos_bandwidth_limit_rules0qos_policy_id0direction UNIQUE (qos_policy_id, direction),
  CONSTRAINT fk_qos_bandwidth_limit_rules_policy FOREIGN KEY (qos_policy_id)
    REFERENCES qos_policies (id) ON DELETE CASCADE
);

CREATE TABLE qos_dscp_marking_rules (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  qos_policy_id VARCHAR(36) NOT NULL,
  dscp_mark INTEGER,
  CONSTRAINT uq_qos_dscp_marking_rules0qos_policy_id UNIQUE (qos_policy_id),
  CONSTRAINT fk_qos_dscp_marking_rules_policy FOREIGN KEY (qos_policy_id)
    REFERENCES qos_policies (id) ON DELETE CASCADE
);

CREATE TABLE qos_minimum_bandwidth_rules (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  qos_policy_id VARCHAR(36) NOT NULL,
  min_kbps INTEGER,
  direction VARCHAR(16) NOT NULL,
  CONSTRAINT uq_qos_minimum_bandwidth_rules0qos_policy_id0direction UNIQUE (qos_policy_id, direction),
  CONSTRAINT fk_qos_minimum_bandwidth_rules_policy FOREIGN KEY (qos_policy_id)
    REFERENCES qos_policies (id) ON DELETE CASCADE
);

CREATE TABLE qos_packet_rate_limit_rules (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  qos_policy_id VARCHAR(36) NOT NULL,
  max_kpps INTEGER,
  max_burst_kpps INTEGER,
  direction VARCHAR(16) NOT NULL,
  CONSTRAINT uq_qos_packet_rate_limit_rules0qos_policy_id0direction UNIQUE (qos_policy_id, direction),
  CONSTRAINT fk_qos_packet_rate_limit_rules_policy FOREIGN KEY (qos_policy_id)
    REFERENCES qos_policies (id) ON DELETE CASCADE
);

CREATE TABLE qos_minimum_packet_rate_rules (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  qos_policy_id VARCHAR(36) NOT NULL,
  min_kpps INTEGER NOT NULL,
  direction VARCHAR(16) NOT NULL,
  CONSTRAINT uq_qos_minimum_packet_rate_rules0qos_policy_id0direction UNIQUE (qos_policy_id, direction),
  CONSTRAINT fk_qos_minimum_packet_rate_rules_policy FOREIGN KEY (qos_policy_id)
    REFERENCES qos_policies (id) ON DELETE CASCADE
);

CREATE TABLE qos_network_policy_bindings (
  network_id VARCHAR(36) NOT NULL PRIMARY KEY,
  policy_id VARCHAR(36) NOT NULL,
  CONSTRAINT fk_qos_network_policy_bindings_network FOREIGN KEY (network_id)
    REFERENCES networks (id) ON DELETE CASCADE,
  CONSTRAINT fk_qos_network_policy_bindings_policy FOREIGN KEY (policy_id)
    REFERENCES qos_policies (id)
);
CREATE INDEX ix_qos_network_policy_bindings_policy ON qos_network_policy_bindings (policy_id);

CREATE TABLE qos_port_policy_bindings (
  port_id VARCHAR(36) NOT NULL PRIMARY KEY,
  policy_id VARCHAR(36) NOT NULL,
  CONSTRAINT fk_qos_port_policy_bindings_port FOREIGN KEY (port_id)
    REFERENCES ports (id) ON DELETE CASCADE,
  CONSTRAINT fk_qos_port_policy_bindings_policy FOREIGN KEY (policy_id)
    REFERENCES qos_policies (id)
);
CREATE INDEX ix_qos_port_policy_bindings_policy ON qos_port_policy_bindings (policy_id);
