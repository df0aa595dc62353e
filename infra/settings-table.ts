/** The README's settings table, rendered from the registry (infra/settings.ts). */
import { SETTINGS, type SettingOwner } from './settings';

const OWNER_HEADINGS: Record<SettingOwner, string> = {
  'sdp-review': 'sdp-review',
  temporal: 'Temporal (`@temporalio/envconfig`)',
  aws: 'AWS SDK (S3 store)',
  tooling: 'Tool installation (`npm install`, `npm start`)',
};

/**
 * The README's settings table (Markdown, one row per variable, newline-terminated): variable,
 * meaning, default, the processes that read it, and the roles a deployment must set it for.
 * Secrets are marked so. The README holds exactly this text between its `settings` markers.
 */
export function settingsTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = SETTINGS.map((s) => {
    const meaning = `${s.meaning}${s.secret ? ' **Secret.**' : ''}`;
    const deploy = s.deployment?.length ? s.deployment.join(', ') : '';
    return `| \`${s.name}\` | ${cell(OWNER_HEADINGS[s.owner])} | ${cell(meaning)} | ${cell(s.default)} | ${s.readBy.join(', ')} | ${deploy} |`;
  });
  return ['| variable | of | meaning | default | read by | a deployment sets it for |', '| --- | --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}
