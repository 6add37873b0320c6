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
