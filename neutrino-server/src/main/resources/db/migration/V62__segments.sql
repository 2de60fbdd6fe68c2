-- The segments API (neutron/db/models/segment.py): segments get a description, and subnets find
-- the subnets of a segment by index.
ALTER TABLE network_segments ADD COLUMN description VARCHAR(255);
CREATE INDEX ix_subnets_segment_id ON subnets (segment_id);
