-- Add column "id_token" to table: "sessions"
ALTER TABLE `sessions` ADD COLUMN `id_token` text NULL;
