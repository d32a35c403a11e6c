import path from 'node:path';

/** The Next.js CLI itself (not via npx), so that killing the process stops the server too. */
export const nextBin = path.resolve('node_modules/.bin/next');
