-- Create "api_scopes" table
CREATE TABLE `api_scopes` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `display_name` text NOT NULL DEFAULT (''), `description` text NOT NULL DEFAULT (''), `roles` json NULL, `api_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `api_scopes_apis_api` FOREIGN KEY (`api_id`) REFERENCES `apis` (`id`) ON DELETE CASCADE);
-- Create index "apiscope_api_id_name" to table: "api_scopes"
CREATE UNIQUE INDEX `apiscope_api_id_name` ON `api_scopes` (`api_id`, `name`);
