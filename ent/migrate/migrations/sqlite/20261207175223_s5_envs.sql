-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_environments" table
CREATE TABLE `new_environments` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `display_name` text NOT NULL DEFAULT (''), `description` text NOT NULL DEFAULT (''), `gateway_url` text NOT NULL DEFAULT (''), `https_url` text NOT NULL DEFAULT (''), `ws_url` text NOT NULL DEFAULT (''), `type` text NOT NULL DEFAULT ('PRODUCTION'), `is_default` bool NOT NULL DEFAULT (false), `virtual_hosts` json NULL, PRIMARY KEY (`id`));
-- Copy rows from old table "environments" to new temporary table "new_environments"
INSERT INTO `new_environments` (`id`, `created_at`, `updated_at`, `name`, `display_name`, `description`, `gateway_url`, `is_default`, `virtual_hosts`) SELECT `id`, `created_at`, `updated_at`, `name`, `display_name`, `description`, `gateway_url`, `is_default`, `virtual_hosts` FROM `environments`;
-- Drop "environments" table after copying rows
DROP TABLE `environments`;
-- Rename temporary table "new_environments" to "environments"
ALTER TABLE `new_environments` RENAME TO `environments`;
-- Create index "environments_name_key" to table: "environments"
CREATE UNIQUE INDEX `environments_name_key` ON `environments` (`name`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
