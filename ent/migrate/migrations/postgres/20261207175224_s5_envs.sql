-- Modify "environments" table
ALTER TABLE "environments" ADD COLUMN "https_url" character varying NOT NULL DEFAULT '', ADD COLUMN "ws_url" character varying NOT NULL DEFAULT '', ADD COLUMN "type" character varying NOT NULL DEFAULT 'PRODUCTION';
