/**
 * The markers around the README's settings table, shared by scripts/settings-table.ts (which
 * writes the table) and test/unit/settings.test.ts (which checks it).
 */

export const SETTINGS_BEGIN = '<!-- settings: generated from infra/settings.ts by `npx tsx scripts/settings-table.ts --write` -->';
export const SETTINGS_END = '<!-- /settings -->';

/** The text between the markers, or undefined when the README has no such block. */
export function settingsBlock(readme: string): string | undefined {
  const begin = readme.indexOf(SETTINGS_BEGIN);
  const end = readme.indexOf(SETTINGS_END);
  if (begin < 0 || end < begin) return undefined;
  return readme.slice(begin + SETTINGS_BEGIN.length, end).replace(/^\n/, '');
}

/** `readme` with the block between the markers replaced by `table`. Throws when the markers are missing. */
export function replaceSettingsBlock(readme: string, table: string): string {
  const begin = readme.indexOf(SETTINGS_BEGIN);
  const end = readme.indexOf(SETTINGS_END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no ${SETTINGS_BEGIN} … ${SETTINGS_END} block`);
  return `${readme.slice(0, begin + SETTINGS_BEGIN.length)}\n${table}${readme.slice(end)}`;
}
