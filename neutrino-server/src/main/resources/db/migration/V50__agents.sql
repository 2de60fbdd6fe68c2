-- Agents as their report_state heartbeats describe them (neutron/db/models/agent.py).
-- One row per (agent_type, host): a restarted agent updates its row. `binary` and `load` are
-- reserved words in MariaDB, hence agent_binary and agent_load.

CREATE TABLE agents (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  agent_type VARCHAR(255) NOT NULL,
  agent_binary VARCHAR(255) NOT NULL,
  topic VARCHAR(255) NOT NULL,
  host VARCHAR(255) NOT NULL,
  availability_zone VARCHAR(255),
  admin_state_up BOOLEAN NOT NULL,
  created_at ${timestamp} NOT NULL,
  started_at ${timestamp} NOT NULL,
  heartbeat_timestamp ${timestamp} NOT NULL,
  description VARCHAR(255),
  configurations ${text} NOT NULL,
  resource_versions ${text},
  agent_load INTEGER NOT NULL,
  resources_synced BOOLEAN,
  CONSTRAINT uniq_agents0agent_type0host UNIQUE (agent_type, host)
);
