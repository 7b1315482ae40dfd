import { Foundation1764086400000 } from './1764086400000-foundation.migration';

/** Every migration, in order. Listed explicitly so a bundle or a test never depends on a glob. */
export const MIGRATIONS = [Foundation1764086400000];
