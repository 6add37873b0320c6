-- Modify "apis" table
ALTER TABLE "apis" ADD COLUMN "traffic_controls" jsonb NULL;
