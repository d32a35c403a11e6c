CREATE TABLE `changesets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`sources` text NOT NULL,
	`rationale` text DEFAULT '' NOT NULL,
	`affiliated` integer DEFAULT false NOT NULL,
	`author_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`release_mesh_id` integer,
	`release_label` text,
	`released_on` text,
	`released_on_source_url` text,
	`release_notes_url` text,
	`created_release_id` integer,
	`import_id` integer,
	`reviewer_id` integer,
	`resubmitted_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`decided_at` text,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release_mesh_id`) REFERENCES `meshes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_release_id`) REFERENCES `mesh_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `changesets_status_created` ON `changesets` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `changesets_author` ON `changesets` (`author_id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target` text NOT NULL,
	`proposal_id` integer,
	`changeset_id` integer,
	`mesh_version_id` integer,
	`feature_id` integer,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`hidden_at` text,
	`hidden_by_id` integer,
	`hidden_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changeset_id`) REFERENCES `changesets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mesh_version_id`) REFERENCES `mesh_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`feature_id`) REFERENCES `features`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hidden_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_proposal` ON `comments` (`proposal_id`);--> statement-breakpoint
CREATE INDEX `comments_changeset` ON `comments` (`changeset_id`);--> statement-breakpoint
CREATE INDEX `comments_cell` ON `comments` (`mesh_version_id`,`feature_id`);--> statement-breakpoint
CREATE INDEX `comments_feature` ON `comments` (`feature_id`);--> statement-breakpoint
CREATE INDEX `comments_author_created` ON `comments` (`author_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_created` ON `comments` (`created_at`);--> statement-breakpoint
CREATE TABLE `feedback_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer,
	`changeset_id` integer,
	`moderator_id` integer NOT NULL,
	`comment` text NOT NULL,
	`requested_at` text NOT NULL,
	`previous` text,
	`resubmitted_at` text,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changeset_id`) REFERENCES `changesets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`moderator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_rounds_proposal` ON `feedback_rounds` (`proposal_id`);--> statement-breakpoint
CREATE INDEX `feedback_rounds_changeset` ON `feedback_rounds` (`changeset_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_by_id` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `watches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`key` text NOT NULL,
	`mesh_id` integer,
	`mesh_version_id` integer,
	`feature_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mesh_id`) REFERENCES `meshes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mesh_version_id`) REFERENCES `mesh_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`feature_id`) REFERENCES `features`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `watches_user_key` ON `watches` (`user_id`,`key`);--> statement-breakpoint
CREATE INDEX `watches_key` ON `watches` (`key`);--> statement-breakpoint
ALTER TABLE `proposals` ADD `changeset_id` integer REFERENCES changesets(id);--> statement-breakpoint
ALTER TABLE `proposals` ADD `resubmitted_at` text;--> statement-breakpoint
ALTER TABLE `proposals` ADD `published_without_review` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `proposals` ADD `patrolled_at` text;--> statement-breakpoint
ALTER TABLE `proposals` ADD `patrolled_by_id` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `proposals_changeset` ON `proposals` (`changeset_id`);--> statement-breakpoint
CREATE INDEX `proposals_unpatrolled` ON `proposals` (`published_without_review`,`patrolled_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `trusted` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `trusted_reason` text;--> statement-breakpoint
ALTER TABLE `users` ADD `watchlist_seen_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `feed_token` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_feed_token_unique` ON `users` (`feed_token`);