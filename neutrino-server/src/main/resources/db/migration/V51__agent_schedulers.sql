-- Which DHCP agents serve which networks and which L3 agents host which routers
-- (neutron/db/network_dhcp_agent_binding/models.py, neutron/db/models/l3agent.py).
-- The unique (resource, binding_index) pair is what keeps two servers scheduling the same
-- resource at once from binding it more often than wanted: both pick the lowest free index and
-- only one insert wins. Bindings go with their agent, network or router.

CREATE TABLE networkdhcpagentbindings (
  network_id VARCHAR(36) NOT NULL,
  dhcp_agent_id VARCHAR(36) NOT NULL,
  binding_index INTEGER DEFAULT 1 NOT NULL,
  PRIMARY KEY (network_id, dhcp_agent_id),
  CONSTRAINT uniq_network_dhcp_agent_binding0network_id0binding_index0
    UNIQUE (network_id, binding_index),
  CONSTRAINT fk_networkdhcpagentbindings_network FOREIGN KEY (network_id)
    REFERENCES networks (id) ON DELETE CASCADE,
  CONSTRAINT fk_networkdhcpagentbindings_agent FOREIGN KEY (dhcp_agent_id)
    REFERENCES agents (id) ON DELETE CASCADE
);
CREATE INDEX ix_networkdhcpagentbindings_agent ON networkdhcpagentbindings (dhcp_agent_id);

CREATE TABLE routerl3agentbindings (
  router_id VARCHAR(36) NOT NULL,
  l3_agent_id VARCHAR(36) NOT NULL,
  binding_index INTEGER DEFAULT 1 NOT NULL,
  PRIMARY KEY (router_id, l3_agent_id),
  CONSTRAINT uniq_router_l3_agent_binding0router_id0binding_index0
    UNIQUE (router_id, binding_index),
  CONSTRAINT fk_routerl3agentbindings_router FOREIGN KEY (router_id)
    REFERENCES routers (id) ON DELETE CASCADE,
  CONSTRAINT fk_routerl3agentbindings_agent FOREIGN KEY (l3_agent_id)
    REFERENCES agents (id) ON DELETE CASCADE
);
CREATE INDEX ix_routerl3agentbindings_agent ON routerl3agentbindings (l3_agent_id);
