-- Modify "apis" table
ALTER TABLE "apis" ADD COLUMN "mutual_tls" jsonb NULL, ADD COLUMN "backend_jwt" jsonb NULL;
