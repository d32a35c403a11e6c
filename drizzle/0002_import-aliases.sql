CREATE TABLE `import_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target` text NOT NULL,
	`mesh_id` integer,
	`feature_id` integer,
	`name` text NOT NULL,
	`key` text NOT NULL,
	`created_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`mesh_id`) REFERENCES `meshes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`feature_id`) REFERENCES `features`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "import_aliases_one_target" CHECK(("import_aliases"."target" = 'mesh' AND "import_aliases"."mesh_id" IS NOT NULL AND "import_aliases"."feature_id" IS NULL) OR ("import_aliases"."target" = 'feature' AND "import_aliases"."feature_id" IS NOT NULL AND "import_aliases"."mesh_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_aliases_target_key` ON `import_aliases` (`target`,`key`);--> statement-breakpoint
CREATE INDEX `import_aliases_mesh` ON `import_aliases` (`mesh_id`);--> statement-breakpoint
CREATE INDEX `import_aliases_feature` ON `import_aliases` (`feature_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_url` text NOT NULL,
	`source_title` text,
	`table_date` text NOT NULL,
	`mode` text NOT NULL,
	`series` text,
	`actor_id` integer,
	`revisions` integer DEFAULT 0 NOT NULL,
	`proposals` integer DEFAULT 0 NOT NULL,
	`releases` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_source` ON `imports` (`source_url`);--> statement-breakpoint
CREATE INDEX `imports_created` ON `imports` (`created_at`);--> statement-breakpoint
ALTER TABLE `proposals` ADD `import_id` integer REFERENCES imports(id);--> statement-breakpoint
CREATE INDEX `proposals_import` ON `proposals` (`import_id`);