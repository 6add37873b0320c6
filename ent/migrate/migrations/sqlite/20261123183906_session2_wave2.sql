-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_api_operations" table
CREATE TABLE `new_api_operations` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `method` text NOT NULL, `target` text NOT NULL, `auth_required` bool NOT NULL DEFAULT (true), `scopes` json NULL, `throttling_tier` text NOT NULL DEFAULT (''), `request_validation` bool NOT NULL DEFAULT (false), `policies` json NULL, `source_operation_id` uuid NULL, `api_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `api_operations_apis_api` FOREIGN KEY (`api_id`) REFERENCES `apis` (`id`) ON DELETE CASCADE);
-- Copy rows from old table "api_operations" to new temporary table "new_api_operations"
INSERT INTO `new_api_operations` (`id`, `created_at`, `updated_at`, `method`, `target`, `auth_required`, `scopes`, `throttling_tier`, `api_id`) SELECT `id`, `created_at`, `updated_at`, `method`, `target`, `auth_required`, `scopes`, `throttling_tier`, `api_id` FROM `api_operations`;
-- Drop "api_operations" table after copying rows
DROP TABLE `api_operations`;
-- Rename temporary table "new_api_operations" to "api_operations"
ALTER TABLE `new_api_operations` RENAME TO `api_operations`;
-- Create index "apioperation_api_id_method_target" to table: "api_operations"
CREATE UNIQUE INDEX `apioperation_api_id_method_target` ON `api_operations` (`api_id`, `method`, `target`);
-- Add column "quota_reset_at" to table: "applications"
ALTER TABLE `applications` ADD COLUMN `quota_reset_at` datetime NULL;
-- Create "new_throttling_tiers" table
CREATE TABLE `new_throttling_tiers` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `level` text NOT NULL, `name` text NOT NULL, `display_name` text NOT NULL DEFAULT (''), `description` text NOT NULL DEFAULT (''), `request_count` integer NOT NULL DEFAULT (0), `unit_seconds` integer NOT NULL DEFAULT (60), `burst_limit` integer NOT NULL DEFAULT (0), `stop_on_quota_reach` bool NOT NULL DEFAULT (true), `requires_approval` bool NOT NULL DEFAULT (false), `quota_type` text NOT NULL DEFAULT ('REQUEST_COUNT'), `data_amount_kib` integer NOT NULL DEFAULT (0), `calendar_unit` text NOT NULL DEFAULT ('NONE'), `condition_groups` json NULL, `organization_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `throttling_tiers_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "throttling_tiers" to new temporary table "new_throttling_tiers"
INSERT INTO `new_throttling_tiers` (`id`, `created_at`, `updated_at`, `level`, `name`, `display_name`, `description`, `request_count`, `unit_seconds`, `burst_limit`, `stop_on_quota_reach`, `requires_approval`, `organization_id`) SELECT `id`, `created_at`, `updated_at`, `level`, `name`, `display_name`, `description`, `request_count`, `unit_seconds`, `burst_limit`, `stop_on_quota_reach`, `requires_approval`, `organization_id` FROM `throttling_tiers`;
-- Drop "throttling_tiers" table after copying rows
DROP TABLE `throttling_tiers`;
-- Rename temporary table "new_throttling_tiers" to "throttling_tiers"
ALTER TABLE `new_throttling_tiers` RENAME TO `throttling_tiers`;
-- Create index "throttlingtier_organization_id_level_name" to table: "throttling_tiers"
CREATE UNIQUE INDEX `throttlingtier_organization_id_level_name` ON `throttling_tiers` (`organization_id`, `level`, `name`);
-- Add column "endpoints" to table: "apis"
ALTER TABLE `apis` ADD COLUMN `endpoints` json NULL;
-- Add column "key_managers" to table: "apis"
ALTER TABLE `apis` ADD COLUMN `key_managers` json NULL;
-- Create "deny_policies" table
CREATE TABLE `deny_policies` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `condition_type` text NOT NULL, `value` text NOT NULL, `description` text NOT NULL DEFAULT (''), `enabled` bool NOT NULL DEFAULT (true), `organization_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `deny_policies_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION);
-- Create index "denypolicy_organization_id_condition_type_value" to table: "deny_policies"
CREATE UNIQUE INDEX `denypolicy_organization_id_condition_type_value` ON `deny_policies` (`organization_id`, `condition_type`, `value`);
-- Create "external_clients" table
CREATE TABLE `external_clients` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `key_manager_id` uuid NOT NULL, `client_id` text NOT NULL, `application_id` uuid NOT NULL, `key_type` text NOT NULL, PRIMARY KEY (`id`));
-- Create index "externalclient_key_manager_id_client_id" to table: "external_clients"
CREATE UNIQUE INDEX `externalclient_key_manager_id_client_id` ON `external_clients` (`key_manager_id`, `client_id`);
-- Create index "externalclient_application_id" to table: "external_clients"
CREATE INDEX `externalclient_application_id` ON `external_clients` (`application_id`);
-- Create "external_key_managers" table
CREATE TABLE `external_key_managers` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `organization_id` uuid NOT NULL, `name` text NOT NULL, `issuer` text NOT NULL, `jwks_uri` text NOT NULL, `introspection_endpoint` text NOT NULL DEFAULT (''), `token_endpoint` text NOT NULL DEFAULT (''), `audience` text NOT NULL DEFAULT (''), `client_id_claim` text NOT NULL DEFAULT ('client_id'), `scopes_claim` text NOT NULL DEFAULT ('scope'), `user_claim` text NOT NULL DEFAULT ('sub'), `enabled` bool NOT NULL DEFAULT (true), PRIMARY KEY (`id`));
-- Create index "externalkeymanager_organization_id_name" to table: "external_key_managers"
CREATE UNIQUE INDEX `externalkeymanager_organization_id_name` ON `external_key_managers` (`organization_id`, `name`);
-- Create "federated_identities" table
CREATE TABLE `federated_identities` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `provider_id` uuid NOT NULL, `subject` text NOT NULL, `user_id` uuid NOT NULL, PRIMARY KEY (`id`));
-- Create index "federatedidentity_provider_id_subject" to table: "federated_identities"
CREATE UNIQUE INDEX `federatedidentity_provider_id_subject` ON `federated_identities` (`provider_id`, `subject`);
-- Create index "federatedidentity_user_id" to table: "federated_identities"
CREATE INDEX `federatedidentity_user_id` ON `federated_identities` (`user_id`);
-- Create "identity_providers" table
CREATE TABLE `identity_providers` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `organization_id` uuid NOT NULL, `name` text NOT NULL, `issuer` text NOT NULL, `client_id` text NOT NULL, `client_secret` blob NOT NULL, `scopes` json NOT NULL, `role_mappings` json NOT NULL, `jit_provisioning` bool NOT NULL DEFAULT (false), `enabled` bool NOT NULL DEFAULT (true), PRIMARY KEY (`id`));
-- Create index "identityprovider_organization_id_name" to table: "identity_providers"
CREATE UNIQUE INDEX `identityprovider_organization_id_name` ON `identity_providers` (`organization_id`, `name`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
