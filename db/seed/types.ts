export type Support = 'yes' | 'partial' | 'no' | 'unknown';
export type FeatureKind = 'support' | 'text';

export type ArticleKey = 'servicemesh-es-2019' | 'newstack-2020' | 'toptal-2021' | 'solo-2022' | 'day79-2023';

export interface SeedLink {
  url: string;
  title?: string;
}

export interface SeedArticle {
  key: ArticleKey;
  title: string;
  publisher: string;
  url: string;
  /** As the article gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  published: string;
  licence?: string;
}

export interface SeedMesh {
  slug: string;
  name: string;
  homepage?: string;
  repository?: string;
  description: string;
  status: 'active' | 'archived';
  /** Why the status is what it is, shown next to an archived badge. */
  statusNote?: string;
  /** Where the status can be checked; required with an archived status. */
  statusSourceUrl?: string;
  formerNames?: { slug: string; name: string }[];
  /** Other names articles use for the mesh (not former names, so no redirects); the table importer matches them. */
  otherNames?: string[];
}

export interface SeedRelease {
  mesh: string;
  label: string;
  /** Never invented: null unless a source gives the date. */
  releasedOn: string | null;
  /** The article that first names this release; the release is created as of its date. */
  namedBy: ArticleKey;
}

export interface SeedFeature {
  slug: string;
  name: string;
  /** One sentence: what counts as support. */
  definition: string;
  kind: FeatureKind;
  referenceUrl?: string;
  /** Row names the articles use where they differ from `name`; the table importer matches them. */
  aliases?: string[];
}

export interface SeedCategory {
  slug: string;
  name: string;
  features: SeedFeature[];
}

/**
 * One fact an article states about one cell. Support rows carry `support`
 * (the article's own yes/no word) and an optional qualifier `note`; text rows
 * carry `text` and no support.
 */
export interface SeedValue {
  mesh: string;
  /**
   * The release the article itself names for this value (or `managed`).
   * Absent when it names none: the seed puts the value on the release
   * current at the article's date and marks the release as inferred.
   */
  version?: string;
  feature: string;
  support?: Support;
  text?: string;
  note?: string;
  /** Links the article puts in the cell itself; they become extra sources. */
  links?: SeedLink[];
}

export interface SeedArticleValues {
  article: ArticleKey;
  values: SeedValue[];
}
