/**
 * Prints the README's settings table, rendered from the registry (infra/settings.ts); with
 * `--write`, replaces the table between the README's `settings` markers in place.
 * test/unit/settings.test.ts fails while the README and the registry differ.
 *
 *   npx tsx scripts/settings-table.ts [--write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../infra/paths';
import { settingsTable } from '../infra/settings-table';
import { SETTINGS_BEGIN, SETTINGS_END, replaceSettingsBlock } from './settings-markers';

const table = settingsTable();
if (process.argv.includes('--write')) {
  const readme = join(PROJECT_ROOT, 'README.md');
  // Read, replace and write at once: other sections of the README may be edited meanwhile.
  writeFileSync(readme, replaceSettingsBlock(readFileSync(readme, 'utf8'), table));
  process.stderr.write(`README.md: settings table rewritten between ${SETTINGS_BEGIN} and ${SETTINGS_END}\n`);
} else {
  process.stdout.write(table);
}
