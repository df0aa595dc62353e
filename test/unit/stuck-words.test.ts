/**
 * A stuck cycle is worded for what is stuck (cli/texts.ts, web/locales `dashboard.stuck*`): a
 * draft by its version, the final report as "the final report", never "draft vN".
 */
import { describe, expect, it } from 'vitest';
import { texts } from '../../cli/texts';
import { createMessages } from '../../infra/i18n';
import { WEB_CATALOGUES, textsIn } from '../../web/texts';

const since = '2026-06-02 10:00';

describe('the CLI', () => {
  it('says "the final report" when the final report cannot be rendered or delivered, and "draft vN" for a draft', () => {
    const final = texts.status.stuck(since, 2, 'the input of cyber-issues is missing', 'final');
    expect(final).toBe(`STUCK since ${since}: the final report cannot be rendered: the input of cyber-issues is missing. Restore the document in the store, then: sdp-review resume`);
    const submission = texts.status.stuck(since, 2, 'the SMTP server refused the recipient', 'submission');
    expect(submission).toContain('the final report cannot be delivered to the SA Council secretariat');
    for (const line of [final, submission]) expect(line).not.toMatch(/draft v\d/);
    expect(texts.status.stuck(since, 3, 'missing', 'draft')).toContain('draft v3 cannot be rendered');
    expect(texts.status.stuck(since, 3, 'missing')).toContain('draft v3 cannot be rendered');
  });
});

describe('the web catalogues', () => {
  it('word the final report as the final report, in English and Albanian', () => {
    const en = createMessages('en', WEB_CATALOGUES.en, 'en.json');
    const sq = createMessages('sq', WEB_CATALOGUES.sq, 'sq.json');
    const values = { date: since, reason: 'mungon' };
    expect(en('dashboard.stuckFinal', values)).toBe(`STUCK since ${since}: the final report cannot be rendered: mungon. Restore the document in the store, then resume the cycle (sdp-review resume).`);
    expect(en('dashboard.stuckSubmission', values)).toContain('the final report cannot be delivered to the SA Council secretariat');
    expect(sq('dashboard.stuckFinal', values)).toContain('raporti përfundimtar nuk mund të përgatitet');
    expect(sq('dashboard.stuckSubmission', values)).toContain('raporti përfundimtar nuk mund t\'i dërgohet sekretariatit të Këshillit të Stabilizim-Asociimit');
    for (const m of [en, sq]) for (const key of ['dashboard.stuckFinal', 'dashboard.stuckSubmission']) expect(m(key, values)).not.toMatch(/draft(i)? v\d/);
  });
});

describe('the next step after an input, on the page', () => {
  it('says the next draft follows as soon as every reopened area is in, after a reopening (the old text promised revisions until closing)', () => {
    const outcome = { code: 'contribution-recorded' as const, area: { id: 'cyber-issues', title: 'Cyber issues' }, revision: 2, submittedAt: '2026-05-09T08:00:00.000Z', late: false };
    expect(textsIn('en').outcomes.next(outcome)).toMatch(/^You may revise it until the coordinator closes collection/);
    expect(textsIn('en').outcomes.next({ ...outcome, afterReopening: true })).toBe('The next draft is assembled as soon as every reopened area is in; until then you may revise it.');
    expect(textsIn('sq').outcomes.next({ ...outcome, afterReopening: true })).toBe('Drafti i ardhshëm përgatitet sapo të jenë dorëzuar të gjitha fushat e rihapura; deri atëherë mund ta rishikoni.');
  });
});
