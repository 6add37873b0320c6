-- Modify "organizations" table
ALTER TABLE "organizations" ADD COLUMN "required_app_attributes" jsonb NULL;
