-- Modify "application_keys" table
ALTER TABLE "application_keys" ADD COLUMN "previous_secret_hash" character varying NOT NULL DEFAULT '', ADD COLUMN "previous_secret_expires_at" timestamptz NULL;
-- Modify "applications" table
ALTER TABLE "applications" ADD COLUMN "attributes" jsonb NULL, ADD COLUMN "shared_groups" jsonb NULL;
-- Modify "users" table
ALTER TABLE "users" ADD COLUMN "groups" jsonb NULL;
