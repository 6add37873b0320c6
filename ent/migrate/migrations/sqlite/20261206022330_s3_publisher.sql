-- Add column "state" to table: "api_revisions"
ALTER TABLE `api_revisions` ADD COLUMN `state` json NULL;
