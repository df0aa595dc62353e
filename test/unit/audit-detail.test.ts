/**
 * The `detail` column of the audit export (client/audit.ts `eventDetail`): each event kind worded
 * from its typed fields, instants in the cycle's time zone; an old event's free text kept as it is.
 */
import { describe, expect, it } from 'vitest';
import { eventDetail } from '../../activities/archive/export';
import type { CycleEvent, EventKind } from '../../domain/events';
import type { Actor } from '../../domain/schemas';

const tz = 'Europe/Brussels';
const actor: Actor = { email: 'coordinator@example.org', role: 'coordinator', channel: 'cli' };
const at = '2026-04-01T08:00:00.000Z';
const event = (action: EventKind, fields: Partial<CycleEvent> = {}): CycleEvent => ({ at, actor, action, ...fields });

const cases: Record<EventKind, [Partial<CycleEvent>, string | undefined][]> = {
  'cycle-started': [[{ kickoffDate: '2026-03-30', dueAt: '2026-04-27T21:59:59.999Z' }, 'kick-off 2026-03-30, inputs due 2026-04-27']],
  'stage-entered': [[{ stage: 'sign-off' }, 'sign-off']],
  'contribution-submitted': [[{ areaId: 'fimi', revision: 1 }, 'revision 1']],
  'contribution-revised': [[{ areaId: 'fimi', revision: 3 }, 'revision 3']],
  // The end of a local day, in the cycle's zone (not the UTC instant).
  'deadline-extended': [[{ areaId: 'fimi', dueAt: '2026-05-10T21:59:59.999Z' }, 'due 2026-05-10 23:59 (Europe/Brussels)']],
  'area-waived': [[{ areaId: 'fimi', reason: 'No exchange this year.' }, 'No exchange this year.']],
  'collection-closed': [[{}, undefined]],
  'draft-assembled': [
    [{ version: 2, areaIds: ['cyber-issues', 'fimi'] }, 'changed: cyber-issues, fimi'],
    [{ version: 1 }, undefined],
  ],
  'draft-approved-for-sign-off': [[{ version: 1 }, undefined]],
  'areas-reopened': [[{ version: 1, areaIds: ['cyber-issues'], comment: 'Shtoni datat.' }, 'cyber-issues: Shtoni datat.']],
  'rating-overridden': [[{ areaId: 'fimi', rating: 'amber', reason: 'Two deliverables slipped.' }, 'amber: Two deliverables slipped.']],
  'rating-override-removed': [[{ areaId: 'fimi' }, undefined]],
  'draft-approved-by-director': [
    [{ version: 1, comment: 'Approved.' }, 'Approved.'],
    [{ version: 1 }, undefined],
  ],
  'changes-requested-by-director': [[{ version: 1, comment: 'Shtoni datat e ushtrimeve, ju lutem.' }, 'Shtoni datat e ushtrimeve, ju lutem.']],
  'draft-signed': [[{ version: 2 }, undefined]],
  'report-submitted': [[{ version: 2, mail: { kind: 'submission', to: 'sa-council@example.org', messageId: '<m1@example.org>' } }, 'to sa-council@example.org (<m1@example.org>)']],
  'cycle-cancelled': [[{ reason: 'Test over.' }, 'Test over.']],
  'reminder-sent': [[{ reminders: { to: 'owner@example.org', items: ['FIMI (due in 3 days)', 'Cyber issues (overdue)'] } }, 'owner@example.org: FIMI (due in 3 days); Cyber issues (overdue)']],
  'mail-sent': [
    [{ mail: { kind: 'contribution-request', to: 'owner@example.org', messageId: '<m2@example.org>' } }, 'contribution-request to owner@example.org (<m2@example.org>)'],
    [{ mail: { kind: 'reminder-digest', to: 'owner@example.org', messageId: '<m3@example.org>', alreadySent: true } }, 'reminder-digest to owner@example.org (<m3@example.org>), already sent before'],
  ],
  'mail-failed': [[{ mail: { kind: 'draft-review', to: 'c@example.org', error: '550 mailbox unavailable' } }, 'draft-review to c@example.org: 550 mailbox unavailable']],
  'cycle-stuck': [[{ version: 2, reason: 'no document "2030/draft-v1/report-input.json" in s3://b/p' }, 'no document "2030/draft-v1/report-input.json" in s3://b/p']],
  'cycle-resumed': [[{ version: 2 }, 'draft v2 rendered']],
  'archive-failed': [[{ reason: 'EACCES: permission denied' }, 'EACCES: permission denied']],
  'role-reassigned': [[
    { people: { role: { kind: 'area-owner', areaId: 'cyber-issues', side: 'al' }, previous: { name: 'Ermal Çela', email: 'e.cela@example.al' }, next: { name: 'Ëndrina Kola', email: 'e.kola@example.al' } }, reason: 'Transferuar në një post tjetër.' },
    'AL owner of cyber-issues: Ermal Çela <e.cela@example.al> → Ëndrina Kola <e.kola@example.al>, Transferuar në një post tjetër.',
  ]],
  'deputy-named': [[
    { people: { principal: { name: 'Arta Hoxha', email: 'a.hoxha@example.al' }, deputy: { name: 'Besnik Çollaku', email: 'b.collaku@example.al' }, fromDate: '2026-05-11', untilDate: '2026-05-15' } },
    'Besnik Çollaku <b.collaku@example.al> for Arta Hoxha, 2026-05-11 to 2026-05-15',
  ]],
  'deputy-ended': [[{ people: { principal: { name: 'Arta Hoxha', email: 'a.hoxha@example.al' } } }, 'Arta Hoxha <a.hoxha@example.al>']],
  'synthesis-written': [[{ version: 1 }, 'synthesis of draft v1']],
  'draft-updated': [[{ version: 1 }, 'draft v1 rendered again']],
};

describe('eventDetail', () => {
  it.each(Object.entries(cases).flatMap(([kind, rows]) => rows.map(([fields, detail]) => [kind as EventKind, fields, detail] as const)))(
    '%s %#',
    (kind, fields, detail) => {
      expect(eventDetail(event(kind, fields), tz)).toBe(detail);
    },
  );

  it('keeps the free text of an event recorded before the typed fields, as it is', () => {
    expect(eventDetail(event('deadline-extended', { areaId: 'fimi', detail: 'due 2026-05-10T21:59:59.999Z' }), tz)).toBe('due 2026-05-10T21:59:59.999Z');
    expect(eventDetail(event('cycle-started', { detail: 'kick-off 2030-01-15' }), tz)).toBe('kick-off 2030-01-15');
  });
});
