/**
 * Form bodies read exactly or with what could not be read named (web/plumbing/form-body.ts), and
 * the contribution form's fields from them (web/contribution/form.ts): a broken %-escape, invalid
 * UTF-8, a name sent twice and text beyond the rows read are problems of their field, never a
 * silent change; a row at index 500 or more is read like any other.
 */
import { describe, expect, it } from 'vitest';
import { contributionFrom, moreRows, postedValues, MAX_ROWS, ROWS_READ } from '../../web/contribution/form';
import { decodeComponent, formProblems, parseFormBody, problemErrors } from '../../web/plumbing/form-body';
import { en, sq } from '../../web/texts';
import { seeds } from '../helpers/cycle';

const area = seeds.areas.find((a) => a.id === 'fimi')!;
const enc = (s: string) => encodeURIComponent(s);

describe('parseFormBody', () => {
  it('decodes what a browser sends exactly: UTF-8 escapes, + for spaces, a literal + as %2B, empty values', () => {
    const body = parseFormBody(Buffer.from(`narrative=${enc('Tiranë «Çështjet» 100% + më shumë')}&nextSteps=&a+b=c+d&x=1%2B1`));
    expect(body.narrative).toBe('Tiranë «Çështjet» 100% + më shumë');
    expect(body.nextSteps).toBe('');
    expect(body['a b']).toBe('c d');
    expect(body.x).toBe('1+1');
    expect(formProblems(body)).toEqual([]);
  });

  it('a field with a broken escape keeps every readable character and names the broken part', () => {
    const body = parseFormBody('narrative=Tiran%C3%AB%20%E0%A4%A&nextSteps=ok');
    expect(body.narrative).toBe('Tiranë %E0%A4%A'); // not left percent-encoded as a whole
    expect(formProblems(body)).toEqual([{ name: 'narrative', problem: 'malformed', sample: '%E0%A4' }]);
    expect(parseFormBody('narrative=100%').narrative).toBe('100%');
    expect(formProblems(parseFormBody('narrative=100%'))).toEqual([{ name: 'narrative', problem: 'malformed', sample: '%' }]);
    expect(formProblems(parseFormBody('narrative=%ZZ'))[0]).toMatchObject({ name: 'narrative', problem: 'malformed' });
  });

  it('invalid UTF-8 is never replaced by U+FFFD: the bytes stay as escapes and the field is named', () => {
    const body = parseFormBody('comment=Durr%C3%ABs%C3%28x%FF');
    expect(body.comment).toBe('Durrës%C3(x%FF');
    expect(String(body.comment)).not.toContain('\uFFFD');
    expect(formProblems(body)).toEqual([{ name: 'comment', problem: 'malformed', sample: '%C3%28' }]);
    const rawBytes = parseFormBody(Buffer.concat([Buffer.from('comment=ab'), Buffer.from([0xff]), Buffer.from('&narrative=ok')]));
    expect(formProblems(rawBytes).map((p) => p.name)).toEqual(['comment']);
  });

  it('a repeated name keeps all its values in order and is named', () => {
    const body = parseFormBody('areaIds=cyber&areaIds=fimi&narrative=a&narrative=b');
    expect(body.areaIds).toEqual(['cyber', 'fimi']);
    expect(body.narrative).toEqual(['a', 'b']);
    expect(formProblems(body).filter((p) => p.problem === 'repeated').map((p) => p.name)).toEqual(['areaIds', 'narrative']);
  });

  it('a name repeated as often as the largest body allows (1 MB) keeps every value and is named once', () => {
    // Built up by copying, this took minutes of the event loop (an unauthenticated POST could stall the process).
    const body = parseFormBody(Array.from({ length: 350_000 }, (_, i) => `a=${i % 10}`).join('&'));
    expect(body.a).toHaveLength(350_000);
    expect((body.a as string[]).slice(0, 12)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '1']);
    expect(formProblems(body).filter((p) => p.problem === 'repeated').map((p) => p.name)).toEqual(['a']);
  });

  it('a field named __proto__ is a field like any other; the problems are not entries of the body', () => {
    const body = parseFormBody('__proto__=x&constructor=y&narrative=%');
    expect(body.__proto__).toBe('x');
    expect(Object.keys(body)).toEqual(['__proto__', 'constructor', 'narrative']);
  });

  it('decodeComponent decodes a 4-byte character and leaves a truncated one', () => {
    expect(decodeComponent('%F0%9F%87%A6%F0%9F%87%B1')).toEqual({ text: '🇦🇱' });
    expect(decodeComponent('%F0%9F%87')).toEqual({ text: '%F0%9F%87', bad: '%F0%9F%87' });
  });
});

describe('problemErrors', () => {
  it('words each problem next to its field, once per field, in the page language', () => {
    const problems = [
      { name: 'narrative', problem: 'malformed' as const, sample: '%E0%A4' },
      { name: 'narrative', problem: 'repeated' as const },
      { name: 'deliverables', problem: 'not-read' as const, count: 2 },
    ];
    expect(problemErrors(en.input, problems)).toEqual([
      { path: 'narrative', message: expect.stringContaining('%E0%A4') },
      { path: 'deliverables', message: expect.stringContaining('2 fields') },
    ]);
    expect(problemErrors(sq.input, problems)[1]!.message).toContain('2 fusha');
  });
});

describe('postedValues', () => {
  it('reads a deliverable at row 500 and beyond (the rows shown after 500 filled ones), not dropping it', () => {
    const body: Record<string, string> = { rows: '502', narrative: 'x' };
    body['deliverables.501.title'] = 'Seminar në Shkodër';
    const { values, rows, problems } = postedValues(area, body);
    expect(rows).toBe(502);
    expect(values['deliverables.501.title']).toBe('Seminar në Shkodër');
    expect(problems).toEqual([]);
    expect(contributionFrom(area, values, rows).input.deliverables).toEqual([{ title: 'Seminar në Shkodër', status: 'planned', description: '' }]);
  });

  it('text beyond the rows read is a problem named `deliverables`, and a huge index makes no huge form', () => {
    const body = { narrative: 'x', [`deliverables.${ROWS_READ}.title`]: 'Humbur?', 'deliverables.999999999.description': 'Po ashtu', 'deliverables.2000.status': 'planned', 'deliverables.01.title': 'Rreshti 01' };
    const { rows, problems } = postedValues(area, body);
    expect(rows).toBe(0);
    expect(problems).toEqual([{ name: 'deliverables', problem: 'not-read', count: 3 }]);
  });

  it('names the problems of the form fields only (a control field or a stranger is not the input)', () => {
    const body = parseFormBody(`narrative=Tiran%C3%AB%E0%A4%A&commitments.0.comment=a&commitments.0.comment=b&rid=1&rid=2&other=%`);
    const { values, problems } = postedValues(area, body);
    expect(values.narrative).toBe('Tiranë%E0%A4%A');
    expect(values['commitments.0.comment']).toBe('a');
    expect(problems.map((p) => `${p.name}:${p.problem}`)).toEqual(['narrative:malformed', 'commitments.0.comment:repeated']);
  });

  it('"more rows" adds three, up to the schema limit', () => {
    expect(moreRows(4)).toBe(7);
    expect(moreRows(MAX_ROWS - 1)).toBe(MAX_ROWS);
    expect(moreRows(MAX_ROWS + 2)).toBe(MAX_ROWS + 2);
  });
});
