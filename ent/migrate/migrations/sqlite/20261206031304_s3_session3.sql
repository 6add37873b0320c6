-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Add column "state" to table: "api_revisions"
ALTER TABLE `api_revisions` ADD COLUMN `state` json NULL;
-- Add column "attributes" to table: "applications"
ALTER TABLE `applications` ADD COLUMN `attributes` json NULL;
-- Add column "shared_groups" to table: "applications"
ALTER TABLE `applications` ADD COLUMN `shared_groups` json NULL;
-- Create "new_deployments" table
CREATE TABLE `new_deployments` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `deployed_by` text NOT NULL DEFAULT (''), `virtual_host` text NOT NULL DEFAULT (''), `api_id` uuid NOT NULL, `environment_id` uuid NOT NULL, `revision_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `deployments_apis_api` FOREIGN KEY (`api_id`) REFERENCES `apis` (`id`) ON DELETE CASCADE, CONSTRAINT `deployments_environments_environment` FOREIGN KEY (`environment_id`) REFERENCES `environments` (`id`) ON DELETE NO ACTION, CONSTRAINT `deployments_api_revisions_revision` FOREIGN KEY (`revision_id`) REFERENCES `api_revisions` (`id`) ON DELETE CASCADE);
-- Copy rows from old table "deployments" to new temporary table "new_deployments"
INSERT INTO `new_deployments` (`id`, `created_at`, `updated_at`, `deployed_by`, `api_id`, `environment_id`, `revision_id`) SELECT `id`, `created_at`, `updated_at`, `deployed_by`, `api_id`, `environment_id`, `revision_id` FROM `deployments`;
-- Drop "deployments" table after copying rows
DROP TABLE `deployments`;
-- Rename temporary table "new_deployments" to "deployments"
ALTER TABLE `new_deployments` RENAME TO `deployments`;
-- Create index "deployment_api_id_environment_id" to table: "deployments"
CREATE UNIQUE INDEX `deployment_api_id_environment_id` ON `deployments` (`api_id`, `environment_id`);
-- Add column "virtual_hosts" to table: "environments"
ALTER TABLE `environments` ADD COLUMN `virtual_hosts` json NULL;
-- Add column "id_token" to table: "sessions"
ALTER TABLE `sessions` ADD COLUMN `id_token` text NULL;
-- Create "new_application_keys" table
CREATE TABLE `new_application_keys` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `key_type` text NOT NULL, `key_manager` text NOT NULL DEFAULT ('Resident'), `client_id` text NOT NULL, `client_secret_hash` text NOT NULL, `grant_types` json NULL, `callback_url` text NOT NULL DEFAULT (''), `jwks` text NOT NULL DEFAULT (''), `previous_secret_hash` text NOT NULL DEFAULT (''), `previous_secret_expires_at` datetime NULL, `application_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `application_keys_applications_application` FOREIGN KEY (`application_id`) REFERENCES `applications` (`id`) ON DELETE CASCADE);
-- Copy rows from old table "application_keys" to new temporary table "new_application_keys"
INSERT INTO `new_application_keys` (`id`, `created_at`, `updated_at`, `key_type`, `key_manager`, `client_id`, `client_secret_hash`, `grant_types`, `callback_url`, `jwks`, `application_id`) SELECT `id`, `created_at`, `updated_at`, `key_type`, `key_manager`, `client_id`, `client_secret_hash`, `grant_types`, `callback_url`, `jwks`, `application_id` FROM `application_keys`;
-- Drop "application_keys" table after copying rows
DROP TABLE `application_keys`;
-- Rename temporary table "new_application_keys" to "application_keys"
ALTER TABLE `new_application_keys` RENAME TO `application_keys`;
-- Create index "application_keys_client_id_key" to table: "application_keys"
CREATE UNIQUE INDEX `application_keys_client_id_key` ON `application_keys` (`client_id`);
-- Create index "applicationkey_application_id_key_type_key_manager" to table: "application_keys"
CREATE UNIQUE INDEX `applicationkey_application_id_key_type_key_manager` ON `application_keys` (`application_id`, `key_type`, `key_manager`);
-- Add column "required_app_attributes" to table: "organizations"
ALTER TABLE `organizations` ADD COLUMN `required_app_attributes` json NULL;
-- Add column "groups" to table: "users"
ALTER TABLE `users` ADD COLUMN `groups` json NULL;
-- Add column "mutual_tls" to table: "apis"
ALTER TABLE `apis` ADD COLUMN `mutual_tls` json NULL;
-- Add column "backend_jwt" to table: "apis"
ALTER TABLE `apis` ADD COLUMN `backend_jwt` json NULL;
-- Add column "traffic_controls" to table: "apis"
ALTER TABLE `apis` ADD COLUMN `traffic_controls` json NULL;
-- Create "new_api_operations" table
CREATE TABLE `new_api_operations` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `method` text NOT NULL, `target` text NOT NULL, `auth_required` bool NOT NULL DEFAULT (true), `scopes` json NULL, `throttling_tier` text NOT NULL DEFAULT (''), `request_validation` bool NOT NULL DEFAULT (false), `policies` json NULL, `source_operation_id` uuid NULL, `soap_action` text NOT NULL DEFAULT (''), `api_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `api_operations_apis_api` FOREIGN KEY (`api_id`) REFERENCES `apis` (`id`) ON DELETE CASCADE);
-- Copy rows from old table "api_operations" to new temporary table "new_api_operations"
INSERT INTO `new_api_operations` (`id`, `created_at`, `updated_at`, `method`, `target`, `auth_required`, `scopes`, `throttling_tier`, `request_validation`, `policies`, `source_operation_id`, `api_id`) SELECT `id`, `created_at`, `updated_at`, `method`, `target`, `auth_required`, `scopes`, `throttling_tier`, `request_validation`, `policies`, `source_operation_id`, `api_id` FROM `api_operations`;
-- Drop "api_operations" table after copying rows
DROP TABLE `api_operations`;
-- Rename temporary table "new_api_operations" to "api_operations"
ALTER TABLE `new_api_operations` RENAME TO `api_operations`;
-- Create index "apioperation_api_id_method_target_soap_action" to table: "api_operations"
CREATE UNIQUE INDEX `apioperation_api_id_method_target_soap_action` ON `api_operations` (`api_id`, `method`, `target`, `soap_action`);
-- Create "new_external_key_managers" table
CREATE TABLE `new_external_key_managers` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `organization_id` uuid NOT NULL, `name` text NOT NULL, `issuer` text NOT NULL, `jwks_uri` text NOT NULL, `introspection_endpoint` text NOT NULL DEFAULT (''), `token_endpoint` text NOT NULL DEFAULT (''), `introspection_client_id` text NOT NULL DEFAULT (''), `introspection_client_secret` text NOT NULL DEFAULT (''), `audience` text NOT NULL DEFAULT (''), `client_id_claim` text NOT NULL DEFAULT ('client_id'), `scopes_claim` text NOT NULL DEFAULT ('scope'), `user_claim` text NOT NULL DEFAULT ('sub'), `enabled` bool NOT NULL DEFAULT (true), PRIMARY KEY (`id`));
-- Copy rows from old table "external_key_managers" to new temporary table "new_external_key_managers"
INSERT INTO `new_external_key_managers` (`id`, `created_at`, `updated_at`, `organization_id`, `name`, `issuer`, `jwks_uri`, `introspection_endpoint`, `token_endpoint`, `audience`, `client_id_claim`, `scopes_claim`, `user_claim`, `enabled`) SELECT `id`, `created_at`, `updated_at`, `organization_id`, `name`, `issuer`, `jwks_uri`, `introspection_endpoint`, `token_endpoint`, `audience`, `client_id_claim`, `scopes_claim`, `user_claim`, `enabled` FROM `external_key_managers`;
-- Drop "external_key_managers" table after copying rows
DROP TABLE `external_key_managers`;
-- Rename temporary table "new_external_key_managers" to "external_key_managers"
ALTER TABLE `new_external_key_managers` RENAME TO `external_key_managers`;
-- Create index "externalkeymanager_organization_id_name" to table: "external_key_managers"
CREATE UNIQUE INDEX `externalkeymanager_organization_id_name` ON `external_key_managers` (`organization_id`, `name`);
-- Create "api_scopes" table
CREATE TABLE `api_scopes` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `display_name` text NOT NULL DEFAULT (''), `description` text NOT NULL DEFAULT (''), `roles` json NULL, `api_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `api_scopes_apis_api` FOREIGN KEY (`api_id`) REFERENCES `apis` (`id`) ON DELETE CASCADE);
-- Create index "apiscope_api_id_name" to table: "api_scopes"
CREATE UNIQUE INDEX `apiscope_api_id_name` ON `api_scopes` (`api_id`, `name`);
-- Create "client_assertions" table
CREATE TABLE `client_assertions` (`id` uuid NOT NULL, `jti` text NOT NULL, `expires_at` datetime NOT NULL, PRIMARY KEY (`id`));
-- Create index "client_assertions_jti_key" to table: "client_assertions"
CREATE UNIQUE INDEX `client_assertions_jti_key` ON `client_assertions` (`jti`);
-- Create index "clientassertion_expires_at" to table: "client_assertions"
CREATE INDEX `clientassertion_expires_at` ON `client_assertions` (`expires_at`);
-- Create "revocation_rules" table
CREATE TABLE `revocation_rules` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `value` text NOT NULL, `revoked_before` datetime NOT NULL, `expires_at` datetime NOT NULL, `reason` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Create index "revocationrule_kind_value" to table: "revocation_rules"
CREATE UNIQUE INDEX `revocationrule_kind_value` ON `revocation_rules` (`kind`, `value`);
-- Create index "revocationrule_expires_at" to table: "revocation_rules"
CREATE INDEX `revocationrule_expires_at` ON `revocation_rules` (`expires_at`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
