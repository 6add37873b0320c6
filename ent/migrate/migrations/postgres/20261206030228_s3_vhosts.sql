-- Modify "deployments" table
ALTER TABLE "deployments" ADD COLUMN "virtual_host" character varying NOT NULL DEFAULT '';
-- Modify "environments" table
ALTER TABLE "environments" ADD COLUMN "virtual_hosts" jsonb NULL;
