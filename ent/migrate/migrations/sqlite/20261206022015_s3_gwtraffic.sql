-- Add column "traffic_controls" to table: "apis"
ALTER TABLE `apis` ADD COLUMN `traffic_controls` json NULL;
