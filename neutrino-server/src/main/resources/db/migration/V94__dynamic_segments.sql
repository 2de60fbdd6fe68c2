-- Dynamic segments (neutron/db/models/segment.py is_dynamic): allocated by mechanism drivers while
-- binding ports hierarchically, not shown as the network's provider segments.
ALTER TABLE network_segments ADD COLUMN is_dynamic BOOLEAN DEFAULT FALSE NOT NULL;
