-- Modify "api_operations" table
ALTER TABLE "api_operations" ADD COLUMN "request_validation" boolean NOT NULL DEFAULT false, ADD COLUMN "policies" jsonb NULL, ADD COLUMN "source_operation_id" uuid NULL;
-- Modify "apis" table
ALTER TABLE "apis" ADD COLUMN "endpoints" jsonb NULL, ADD COLUMN "key_managers" jsonb NULL;
-- Modify "applications" table
ALTER TABLE "applications" ADD COLUMN "quota_reset_at" timestamptz NULL;
-- Modify "throttling_tiers" table
ALTER TABLE "throttling_tiers" ADD COLUMN "quota_type" character varying NOT NULL DEFAULT 'REQUEST_COUNT', ADD COLUMN "data_amount_kib" bigint NOT NULL DEFAULT 0, ADD COLUMN "calendar_unit" character varying NOT NULL DEFAULT 'NONE', ADD COLUMN "condition_groups" jsonb NULL;
-- Create "external_clients" table
CREATE TABLE "external_clients" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "key_manager_id" uuid NOT NULL, "client_id" character varying NOT NULL, "application_id" uuid NOT NULL, "key_type" character varying NOT NULL, PRIMARY KEY ("id"));
-- Create index "externalclient_application_id" to table: "external_clients"
CREATE INDEX "externalclient_application_id" ON "external_clients" ("application_id");
-- Create index "externalclient_key_manager_id_client_id" to table: "external_clients"
CREATE UNIQUE INDEX "externalclient_key_manager_id_client_id" ON "external_clients" ("key_manager_id", "client_id");
-- Create "external_key_managers" table
CREATE TABLE "external_key_managers" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "name" character varying NOT NULL, "issuer" character varying NOT NULL, "jwks_uri" character varying NOT NULL, "introspection_endpoint" character varying NOT NULL DEFAULT '', "token_endpoint" character varying NOT NULL DEFAULT '', "audience" character varying NOT NULL DEFAULT '', "client_id_claim" character varying NOT NULL DEFAULT 'client_id', "scopes_claim" character varying NOT NULL DEFAULT 'scope', "user_claim" character varying NOT NULL DEFAULT 'sub', "enabled" boolean NOT NULL DEFAULT true, PRIMARY KEY ("id"));
-- Create index "externalkeymanager_organization_id_name" to table: "external_key_managers"
CREATE UNIQUE INDEX "externalkeymanager_organization_id_name" ON "external_key_managers" ("organization_id", "name");
-- Create "federated_identities" table
CREATE TABLE "federated_identities" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "provider_id" uuid NOT NULL, "subject" character varying NOT NULL, "user_id" uuid NOT NULL, PRIMARY KEY ("id"));
-- Create index "federatedidentity_provider_id_subject" to table: "federated_identities"
CREATE UNIQUE INDEX "federatedidentity_provider_id_subject" ON "federated_identities" ("provider_id", "subject");
-- Create index "federatedidentity_user_id" to table: "federated_identities"
CREATE INDEX "federatedidentity_user_id" ON "federated_identities" ("user_id");
-- Create "identity_providers" table
CREATE TABLE "identity_providers" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "name" character varying NOT NULL, "issuer" character varying NOT NULL, "client_id" character varying NOT NULL, "client_secret" bytea NOT NULL, "scopes" jsonb NOT NULL, "role_mappings" jsonb NOT NULL, "jit_provisioning" boolean NOT NULL DEFAULT false, "enabled" boolean NOT NULL DEFAULT true, PRIMARY KEY ("id"));
-- Create index "identityprovider_organization_id_name" to table: "identity_providers"
CREATE UNIQUE INDEX "identityprovider_organization_id_name" ON "identity_providers" ("organization_id", "name");
-- Create "deny_policies" table
CREATE TABLE "deny_policies" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "condition_type" character varying NOT NULL, "value" character varying NOT NULL, "description" character varying NOT NULL DEFAULT '', "enabled" boolean NOT NULL DEFAULT true, "organization_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "deny_policies_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "denypolicy_organization_id_condition_type_value" to table: "deny_policies"
CREATE UNIQUE INDEX "denypolicy_organization_id_condition_type_value" ON "deny_policies" ("organization_id", "condition_type", "value");
