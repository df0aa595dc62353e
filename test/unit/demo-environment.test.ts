/** `npm run demo` runs on its own embedded parts only (run/demo-environment.ts): outside settings are ignored, in one line. */
import { describe, expect, it } from 'vitest';
import { demoEnvironment } from '../../run/demo-environment';

describe('demoEnvironment', () => {
  it('drops TEMPORAL_ADDRESS, SMTP_URL, SDP_STORAGE_URL and Temporal connection settings, and says so in one line', () => {
    const { env, ignored, notice } = demoEnvironment({
      TEMPORAL_ADDRESS: 'temporal.example.eu:7233', TEMPORAL_NAMESPACE: 'sdp-prod', TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'true',
      SMTP_URL: 'smtps://u:p@mail.example.eu:465', SDP_STORAGE_URL: 's3://sdp-prod/docs',
      TEMPORAL_CLI_PATH: '/opt/temporal', SDP_DATA_DIR: '/tmp/d', PATH: '/usr/bin', MAIL_FROM: 'Sekretariati <sdp@example.eu>',
    });
    expect(ignored).toEqual(['SDP_STORAGE_URL', 'SMTP_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_API_KEY', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TLS']);
    expect(env).toEqual({ TEMPORAL_CLI_PATH: '/opt/temporal', SDP_DATA_DIR: '/tmp/d', PATH: '/usr/bin', MAIL_FROM: 'Sekretariati <sdp@example.eu>' });
    expect(notice).toBe('demo: ignoring SDP_STORAGE_URL, SMTP_URL, TEMPORAL_ADDRESS, TEMPORAL_API_KEY, TEMPORAL_NAMESPACE, TEMPORAL_TLS: the demo runs on its own embedded Temporal, mail capture and folder store only.');
    expect(notice).not.toContain('example.eu'); // names, never values (an address or a password)
  });

  it('says nothing when nothing points elsewhere', () => {
    expect(demoEnvironment({ PATH: '/usr/bin' })).toEqual({ env: { PATH: '/usr/bin' }, ignored: [] });
  });
});
