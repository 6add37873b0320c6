-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
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
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
