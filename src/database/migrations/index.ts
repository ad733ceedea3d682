import { CreateMessages1764806400000 } from './1764806400000-create-messages';

/** Every migration, oldest first. Listed by class so the build needs no file globbing. */
export const MIGRATIONS = [CreateMessages1764806400000];
