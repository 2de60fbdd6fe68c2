-- Security groups of a port belong to the security-group feature's own tables, not to ports.
ALTER TABLE ports DROP COLUMN security_groups;
