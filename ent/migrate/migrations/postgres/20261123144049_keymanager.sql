-- Create "revoked_tokens" table
CREATE TABLE "revoked_tokens" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "jti" character varying NOT NULL, "client_id" character varying NOT NULL DEFAULT '', "expires_at" timestamptz NOT NULL, "reason" character varying NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "revoked_tokens_jti_key" to table: "revoked_tokens"
CREATE UNIQUE INDEX "revoked_tokens_jti_key" ON "revoked_tokens" ("jti");
-- Create index "revokedtoken_expires_at" to table: "revoked_tokens"
CREATE INDEX "revokedtoken_expires_at" ON "revoked_tokens" ("expires_at");
-- Create "signing_keys" table
CREATE TABLE "signing_keys" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kid" character varying NOT NULL, "algorithm" character varying NOT NULL, "private_key" bytea NOT NULL, "public_jwk" text NOT NULL, "state" character varying NOT NULL DEFAULT 'ACTIVE', "retire_after" timestamptz NULL, PRIMARY KEY ("id"));
-- Create index "signing_keys_kid_key" to table: "signing_keys"
CREATE UNIQUE INDEX "signing_keys_kid_key" ON "signing_keys" ("kid");
