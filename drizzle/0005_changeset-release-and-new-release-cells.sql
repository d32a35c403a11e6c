ALTER TABLE `changesets` ADD `release_decision` text;--> statement-breakpoint
ALTER TABLE `proposals` ADD `for_new_release` integer DEFAULT false NOT NULL;