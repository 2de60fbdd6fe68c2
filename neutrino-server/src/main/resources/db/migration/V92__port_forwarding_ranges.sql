-- floating-ip-port-forwarding-port-ranges: each side of a forwarding is a range of ports.
-- internal_port and external_port hold the first port of each range, the new columns the last
-- (equal for a single port); the unique keys stay on the first ports, and overlapping ranges are
-- refused by the plugin under the floating IP's lock.
ALTER TABLE port_forwardings ADD COLUMN internal_port_end INT;
ALTER TABLE port_forwardings ADD COLUMN external_port_end INT;
UPDATE port_forwardings SET internal_port_end = internal_port, external_port_end = external_port;
