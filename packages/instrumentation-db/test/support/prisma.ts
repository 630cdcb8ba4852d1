import { resolve } from 'node:path';
import { FIXTURES } from './runs';

/** The committed Prisma client of fixtures/prisma/schema.prisma (how to regenerate it is written there). */
export const PRISMA_CLIENT = resolve(FIXTURES, 'prisma/client/client.ts');
