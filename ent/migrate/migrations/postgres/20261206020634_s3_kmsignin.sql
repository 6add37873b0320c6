-- Modify "sessions" table
ALTER TABLE "sessions" ADD COLUMN "id_token" text NULL;
