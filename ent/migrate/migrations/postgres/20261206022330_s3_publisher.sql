-- Modify "api_revisions" table
ALTER TABLE "api_revisions" ADD COLUMN "state" jsonb NULL;
