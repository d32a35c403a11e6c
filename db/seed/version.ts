/** Bumped when the seed's content changes, so a database knows which seed it holds. */
export const SEED_VERSION = '2';
/** Bumped when the names the importer should recognise change. */
export const SEED_NAMES_VERSION = '1';
