-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
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
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
