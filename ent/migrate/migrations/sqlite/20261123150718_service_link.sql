-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_apis" table
CREATE TABLE `new_apis` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `context` text NOT NULL, `version` text NOT NULL, `description` text NOT NULL DEFAULT (''), `type` text NOT NULL DEFAULT ('HTTP'), `lifecycle_status` text NOT NULL DEFAULT ('CREATED'), `is_default_version` bool NOT NULL DEFAULT (false), `production_endpoint` text NOT NULL DEFAULT (''), `sandbox_endpoint` text NOT NULL DEFAULT (''), `definition_type` text NOT NULL DEFAULT ('NONE'), `definition` text NOT NULL DEFAULT (''), `tags` json NULL, `created_by` text NOT NULL DEFAULT (''), `service_definition_hash` text NOT NULL DEFAULT (''), `organization_id` uuid NOT NULL, `service_entry_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `apis_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION, CONSTRAINT `apis_service_entries_service_entry` FOREIGN KEY (`service_entry_id`) REFERENCES `service_entries` (`id`) ON DELETE SET NULL);
-- Copy rows from old table "apis" to new temporary table "new_apis"
INSERT INTO `new_apis` (`id`, `created_at`, `updated_at`, `name`, `context`, `version`, `description`, `type`, `lifecycle_status`, `is_default_version`, `production_endpoint`, `sandbox_endpoint`, `definition_type`, `definition`, `tags`, `created_by`, `organization_id`) SELECT `id`, `created_at`, `updated_at`, `name`, `context`, `version`, `description`, `type`, `lifecycle_status`, `is_default_version`, `production_endpoint`, `sandbox_endpoint`, `definition_type`, `definition`, `tags`, `created_by`, `organization_id` FROM `apis`;
-- Drop "apis" table after copying rows
DROP TABLE `apis`;
-- Rename temporary table "new_apis" to "apis"
ALTER TABLE `new_apis` RENAME TO `apis`;
-- Create index "api_context_version" to table: "apis"
CREATE UNIQUE INDEX `api_context_version` ON `apis` (`context`, `version`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
