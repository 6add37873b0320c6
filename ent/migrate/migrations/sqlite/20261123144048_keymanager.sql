-- Create "revoked_tokens" table
CREATE TABLE `revoked_tokens` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `jti` text NOT NULL, `client_id` text NOT NULL DEFAULT (''), `expires_at` datetime NOT NULL, `reason` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Create index "revoked_tokens_jti_key" to table: "revoked_tokens"
CREATE UNIQUE INDEX `revoked_tokens_jti_key` ON `revoked_tokens` (`jti`);
-- Create index "revokedtoken_expires_at" to table: "revoked_tokens"
CREATE INDEX `revokedtoken_expires_at` ON `revoked_tokens` (`expires_at`);
-- Create "signing_keys" table
CREATE TABLE `signing_keys` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kid` text NOT NULL, `algorithm` text NOT NULL, `private_key` blob NOT NULL, `public_jwk` text NOT NULL, `state` text NOT NULL DEFAULT ('ACTIVE'), `retire_after` datetime NULL, PRIMARY KEY (`id`));
-- Create index "signing_keys_kid_key" to table: "signing_keys"
CREATE UNIQUE INDEX `signing_keys_kid_key` ON `signing_keys` (`kid`);
