import { resolve } from 'node:path';
import { installIntoCache } from '../../../../test-support/cache-install';
import { CACHE_DIR } from '../../../../test-support/paths';

/** Where the TypeORM the ORM tests use is installed. */
export const TYPEORM_DIR = resolve(CACHE_DIR, 'typeorm');

/**
 * typeorm (MIT) cannot be a devDependency: it declares better-sqlite3 ^12 as an optional peer, which clashes with
 * the repository's better-sqlite3 13, and npm refuses the install. It is installed alone into the cache instead,
 * with its own dependencies and none of its optional peers; the fixture hands it this repository's pg and mysql2
 * as its drivers, so the database hooks see the same drivers as for the other ORMs.
 */
export function prepareTypeorm(): void {
  installIntoCache(TYPEORM_DIR, ['typeorm@1.1.3']);
}
