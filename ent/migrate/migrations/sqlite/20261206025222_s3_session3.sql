-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Add column "state" to table: "api_revisions"
ALTER TABLE `api_revisions` ADD COLUMN `state` json NULL;
-- Add column "attributes" to table: "applications"
ALTER TABLE `applications` ADD COLUMN `attributes` json NULL;
-- Add column "shared_groups" to table: "applications"
ALTER TABLE `applications` ADD COLUMN `shared_groups` json NULL;
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
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
