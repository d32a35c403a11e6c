ALTER TABLE `meshes` ADD `status_source_url` text;--> statement-breakpoint
ALTER TABLE `revisions` ADD `release_inferred` integer DEFAULT false NOT NULL;