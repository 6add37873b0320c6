-- Add column "required_app_attributes" to table: "organizations"
ALTER TABLE `organizations` ADD COLUMN `required_app_attributes` json NULL;
