-- Modify "environments" table
ALTER TABLE "environments" ADD COLUMN "virtual_hosts" jsonb NULL;
-- Create "client_assertions" table
CREATE TABLE "client_assertions" ("id" uuid NOT NULL, "jti" character varying NOT NULL, "expires_at" timestamptz NOT NULL, PRIMARY KEY ("id"));
-- Create index "client_assertions_jti_key" to table: "client_assertions"
CREATE UNIQUE INDEX "client_assertions_jti_key" ON "client_assertions" ("jti");
-- Create index "clientassertion_expires_at" to table: "client_assertions"
CREATE INDEX "clientassertion_expires_at" ON "client_assertions" ("expires_at");
-- Modify "apis" table
ALTER TABLE "apis" ADD COLUMN "mutual_tls" jsonb NULL, ADD COLUMN "backend_jwt" jsonb NULL, ADD COLUMN "traffic_controls" jsonb NULL;
-- Modify "application_keys" table
ALTER TABLE "application_keys" ADD COLUMN "previous_secret_hash" character varying NOT NULL DEFAULT '', ADD COLUMN "previous_secret_expires_at" timestamptz NULL;
-- Modify "applications" table
ALTER TABLE "applications" ADD COLUMN "attributes" jsonb NULL, ADD COLUMN "shared_groups" jsonb NULL;
-- Modify "deployments" table
ALTER TABLE "deployments" ADD COLUMN "virtual_host" character varying NOT NULL DEFAULT '';
-- Modify "organizations" table
ALTER TABLE "organizations" ADD COLUMN "required_app_attributes" jsonb NULL;
-- Drop index "apioperation_api_id_method_target" from table: "api_operations"
DROP INDEX "apioperation_api_id_method_target";
-- Modify "api_operations" table
ALTER TABLE "api_operations" ADD COLUMN "soap_action" character varying NOT NULL DEFAULT '';
-- Create index "apioperation_api_id_method_target_soap_action" to table: "api_operations"
CREATE UNIQUE INDEX "apioperation_api_id_method_target_soap_action" ON "api_operations" ("api_id", "method", "target", "soap_action");
-- Modify "api_revisions" table
ALTER TABLE "api_revisions" ADD COLUMN "state" jsonb NULL;
-- Modify "sessions" table
ALTER TABLE "sessions" ADD COLUMN "id_token" text NULL;
-- Modify "users" table
ALTER TABLE "users" ADD COLUMN "groups" jsonb NULL;
-- Create "revocation_rules" table
CREATE TABLE "revocation_rules" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "value" character varying NOT NULL, "revoked_before" timestamptz NOT NULL, "expires_at" timestamptz NOT NULL, "reason" character varying NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "revocationrule_expires_at" to table: "revocation_rules"
CREATE INDEX "revocationrule_expires_at" ON "revocation_rules" ("expires_at");
-- Create index "revocationrule_kind_value" to table: "revocation_rules"
CREATE UNIQUE INDEX "revocationrule_kind_value" ON "revocation_rules" ("kind", "value");
-- Modify "external_key_managers" table
ALTER TABLE "external_key_managers" ADD COLUMN "introspection_client_id" character varying NOT NULL DEFAULT '', ADD COLUMN "introspection_client_secret" character varying NOT NULL DEFAULT '';
-- Create "api_scopes" table
CREATE TABLE "api_scopes" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "display_name" character varying NOT NULL DEFAULT '', "description" character varying NOT NULL DEFAULT '', "roles" jsonb NULL, "api_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "api_scopes_apis_api" FOREIGN KEY ("api_id") REFERENCES "apis" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- Create index "apiscope_api_id_name" to table: "api_scopes"
CREATE UNIQUE INDEX "apiscope_api_id_name" ON "api_scopes" ("api_id", "name");
