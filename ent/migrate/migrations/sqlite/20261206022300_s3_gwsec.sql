-- Add column "mutual_tls" to table: "apis"
ALTER TABLE `apis` ADD COLUMN `mutual_tls` json NULL;
-- Add column "backend_jwt" to table: "apis"
ALTER TABLE `apis` ADD COLUMN `backend_jwt` json NULL;
