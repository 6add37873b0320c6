-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_application_keys" table
CREATE TABLE `new_application_keys` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `key_type` text NOT NULL, `key_manager` text NOT NULL DEFAULT ('Resident'), `client_id` text NOT NULL, `client_secret_hash` text NOT NULL, `grant_types` json NULL, `callback_url` text NOT NULL DEFAULT (''), `jwks` text NOT NULL DEFAULT (''), `previous_secret_hash` text NOT NULL DEFAULT (''), `previous_secret_expires_at` datetime NULL, `pkce_required` bool NOT NULL DEFAULT (true), `application_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `application_keys_applications_application` FOREIGN KEY (`application_id`) REFERENCES `applications` (`id`) ON DELETE CASCADE);
-- Copy rows from old table "application_keys" to new temporary table "new_application_keys"
INSERT INTO `new_application_keys` (`id`, `created_at`, `updated_at`, `key_type`, `key_manager`, `client_id`, `client_secret_hash`, `grant_types`, `callback_url`, `jwks`, `previous_secret_hash`, `previous_secret_expires_at`, `application_id`) SELECT `id`, `created_at`, `updated_at`, `key_type`, `key_manager`, `client_id`, `client_secret_hash`, `grant_types`, `callback_url`, `jwks`, `previous_secret_hash`, `previous_secret_expires_at`, `application_id` FROM `application_keys`;
-- Drop "application_keys" table after copying rows
DROP TABLE `application_keys`;
-- Rename temporary table "new_application_keys" to "application_keys"
ALTER TABLE `new_application_keys` RENAME TO `application_keys`;
-- Create index "application_keys_client_id_key" to table: "application_keys"
CREATE UNIQUE INDEX `application_keys_client_id_key` ON `application_keys` (`client_id`);
-- Create index "applicationkey_application_id_key_type_key_manager" to table: "application_keys"
CREATE UNIQUE INDEX `applicationkey_application_id_key_type_key_manager` ON `application_keys` (`application_id`, `key_type`, `key_manager`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
