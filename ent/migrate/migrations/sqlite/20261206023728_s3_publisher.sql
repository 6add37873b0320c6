-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Add column "state" to table: "api_revisions"
ALTER TABLE `api_revisions` ADD COLUMN `state` json NULL;
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
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
