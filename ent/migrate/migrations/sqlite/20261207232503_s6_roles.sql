-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_users" table
CREATE TABLE `new_users` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `username` text NOT NULL, `email` text NOT NULL DEFAULT (''), `display_name` text NOT NULL DEFAULT (''), `password_hash` text NOT NULL, `disabled` bool NOT NULL DEFAULT (false), `pending_approval` bool NOT NULL DEFAULT (false), `groups` json NULL, `must_change_password` bool NOT NULL DEFAULT (false), `organization_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `users_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "users" to new temporary table "new_users"
INSERT INTO `new_users` (`id`, `created_at`, `updated_at`, `username`, `email`, `display_name`, `password_hash`, `disabled`, `pending_approval`, `groups`, `organization_id`) SELECT `id`, `created_at`, `updated_at`, `username`, `email`, `display_name`, `password_hash`, `disabled`, `pending_approval`, `groups`, `organization_id` FROM `users`;
-- Drop "users" table after copying rows
DROP TABLE `users`;
-- Rename temporary table "new_users" to "users"
ALTER TABLE `new_users` RENAME TO `users`;
-- Create index "users_username_key" to table: "users"
CREATE UNIQUE INDEX `users_username_key` ON `users` (`username`);
-- Create "custom_roles" table
CREATE TABLE `custom_roles` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `permissions` json NULL, `organization_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `custom_roles_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION);
-- Create index "customrole_organization_id_name" to table: "custom_roles"
CREATE UNIQUE INDEX `customrole_organization_id_name` ON `custom_roles` (`organization_id`, `name`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
