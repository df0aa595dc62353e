/**
 * Where the project is on disk: the one place that resolves it from this module's own location,
 * so seeds, configuration defaults and tools agree whatever the working directory is.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (the one with package.json), absolute. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
