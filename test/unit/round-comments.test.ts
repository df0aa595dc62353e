/**
 * The comments block of the decision pages (web/views/round-comments.ts), rendered from a cycle's
 * state without servers: oldest first, a deputy's decision named "on behalf of" the director, an
 * approval with no comment and no deputy left out, comments escaped, Albanian wording exact, and
 * an owner's reopening notice only while the area is reopened.
 */
import { describe, expect, it } from 'vitest';
import type { AreaState, ReviewCycleState } from '../../domain/state';
import { reopeningNotice, roundComments, roundCommentsBlock } from '../../web/views/round-comments';
import { en, sq } from '../../web/texts';

const coordinator = { name: 'Marta Koordinatore', email: 'marta@example.eu' };
const directors = { eu: { name: 'Elena Director', email: 'elena@example.eu' }, al: { name: 'Arbër Çela', email: 'arber@example.al' } };
const web = (email: string, name?: string, role: 'director' | 'coordinator' = 'director') => ({ email, ...(name ? { name } : {}), role, channel: 'web' as const });
const area = { id: 'cyber-issues', title: 'Cyber issues', titleSq: 'Çështjet kibernetike' } as AreaState;

const state = {
  timeZone: 'Europe/Tirane',
  coordinator,
  directors,
  areas: [area],
  decisions: [
    { version: 2, director: 'eu', decision: 'approve', comment: '', by: web('elena@example.eu', 'Elena Director'), at: '2026-05-02T08:00:00.000Z' },
    { version: 1, director: 'al', decision: 'request-changes', comment: 'Shtoni <script>alert(1)</script> datat në Durrës.', by: web('arber@example.al', 'Arbër Çela'), at: '2026-04-20T08:00:00.000Z' },
    { version: 2, director: 'al', decision: 'approve', comment: '', by: web('deputy@example.al', 'Ëngjëll Zëvendës'), at: '2026-05-03T08:00:00.000Z', onBehalfOf: directors.al },
  ],
  events: [{ at: '2026-04-21T08:00:00.000Z', actor: web('marta@example.eu', undefined, 'coordinator'), action: 'areas-reopened', version: 1, areaIds: ['cyber-issues'], comment: 'Please add the dates.' }],
} as unknown as ReviewCycleState;

describe('comments where people decide', () => {
  it('lists the request for changes, the reopening and the deputy\'s approval, oldest first; leaves out a plain approval', () => {
    expect(roundComments(state).map((c) => [c.kind, c.version, c.by, c.onBehalfOf])).toEqual([
      ['changes-requested', 1, 'Arbër Çela', undefined],
      ['reopened', 1, 'Marta Koordinatore', undefined],
      ['approved', 2, 'Ëngjëll Zëvendës', 'Arbër Çela'],
    ]);
  });

  it('renders them escaped, in English and in Albanian', () => {
    const english = roundCommentsBlock(en, state).value;
    expect(english).toContain('Arbër Çela (Albanian director) requested changes to draft v1');
    expect(english).toContain('Shtoni &lt;script&gt;alert(1)&lt;/script&gt; datat në Durrës.');
    expect(english).not.toContain('<script>');
    expect(english).toContain('Marta Koordinatore (coordinator) reopened the area «Cyber issues» after draft v1');
    expect(english).toContain('Ëngjëll Zëvendës (Albanian director) approved draft v2</strong> <span class="behalf">(on behalf of Arbër Çela)</span>');
    expect(english).toContain('(no comment)');
    const albanian = roundCommentsBlock(sq, state).value;
    expect(albanian).toContain('Komentet e këtij rishikimi');
    expect(albanian).toContain('Arbër Çela (drejtori nga pala shqiptare) kërkoi ndryshime në draftin v1');
    expect(albanian).toContain('Marta Koordinatore (koordinatori) rihapi fushën «Çështjet kibernetike» pas draftit v1');
    expect(albanian).toContain('(në emër të Arbër Çela)');
    expect(roundCommentsBlock(en, { ...state, decisions: [], events: [] }).value).toContain('No comments yet');
  });

  it('tells the owner why the area was reopened while it is reopened, and nothing after', () => {
    const reopened = { status: 'reopened', reopened: { comment: 'Ju lutem <b>shtoni</b> datat.', by: web('marta@example.eu', 'Marta Koordinatore', 'coordinator'), at: '2026-04-21T08:00:00.000Z', afterVersion: 1 } } as const;
    const notice = reopeningNotice(sq, reopened, 'Europe/Tirane').value;
    expect(notice).toContain('Pse u rihap kjo fushë');
    expect(notice).toContain('Marta Koordinatore e rihapi këtë fushë më 21 prill 2026 (e martë), ora 10:00 (Europe/Tirane), pas draftit v1 të raportit, me këtë koment:');
    expect(notice).toContain('Ju lutem &lt;b&gt;shtoni&lt;/b&gt; datat.');
    expect(reopeningNotice(en, { ...reopened, status: 'submitted' }, 'Europe/Tirane').value).toBe('');
  });
});
