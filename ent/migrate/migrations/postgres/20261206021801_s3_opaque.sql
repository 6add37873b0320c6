-- Modify "external_key_managers" table
ALTER TABLE "external_key_managers" ADD COLUMN "introspection_client_id" character varying NOT NULL DEFAULT '', ADD COLUMN "introspection_client_secret" character varying NOT NULL DEFAULT '';
