-- A refused request is audited as "METHOD route pattern", which outgrows 64 characters (the owner's revoke-invitation
-- route is 82): the insert failed and the refusal became a 500. SQLite keeps no lengths, so it has no such migration.

ALTER TABLE "AuditEntries" ALTER COLUMN "Action" TYPE character varying(256);
