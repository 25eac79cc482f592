-- Birge's database and roles, run once on the primary as the postgres superuser:
--   runuser -u postgres -- psql -v ON_ERROR_STOP=1 -v owner_password='…' -v app_password='…' -v ro_password='…' < roles.sql
-- (or give dummy values and set each password afterwards with psql's \password ROLE).
--   birge_owner  owns the database and every table: the commands `migrate` and `create-admin` run as it
--                (create-admin brings the schema up to date first, as migrate does).
--   birge        what the web nodes log in as: reads and writes rows, changes no table.
--   birge_ro     optional, for ConnectionStrings__BirgeStandby (Database__StandbyReads): reads only.
-- Every table a later migration creates is owned by birge_owner and granted to birge and birge_ro by the
-- ALTER DEFAULT PRIVILEGES lines, so nothing needs granting after an upgrade.

CREATE ROLE birge_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE birge LOGIN PASSWORD :'app_password';
CREATE ROLE birge_ro LOGIN PASSWORD :'ro_password';

-- C.UTF-8, as the tests run: the same order of text on every machine, whatever its system locale.
CREATE DATABASE birge OWNER birge_owner ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0;
REVOKE ALL ON DATABASE birge FROM PUBLIC;
GRANT CONNECT ON DATABASE birge TO birge, birge_ro;

\connect birge
-- PostgreSQL 15: the public schema belongs to the database owner and nobody else may create in it.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO birge, birge_ro;

ALTER DEFAULT PRIVILEGES FOR ROLE birge_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO birge;
ALTER DEFAULT PRIVILEGES FOR ROLE birge_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO birge;
ALTER DEFAULT PRIVILEGES FOR ROLE birge_owner IN SCHEMA public
    GRANT SELECT ON TABLES TO birge_ro;

-- Tables that exist already (a database migrated before these roles were made): the same rights.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO birge;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO birge;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO birge_ro;
