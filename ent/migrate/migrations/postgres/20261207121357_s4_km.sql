-- Modify "application_keys" table
ALTER TABLE "application_keys" ADD COLUMN "pkce_required" boolean NOT NULL DEFAULT true;
