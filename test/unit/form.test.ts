/** The contribution form's posted fields: a damaged hidden `rows` never drops a typed deliverable. */
import { describe, expect, it } from 'vitest';
import { postedValues } from '../../web/contribution/form';
import { seeds } from '../helpers/cycle';

const area = seeds.areas.find((a) => a.id === 'fimi')!;

describe('postedValues', () => {
  it.each(['-5', 'abc', '', '0'])('keeps the three posted deliverables when rows is %j', (rows) => {
    const body: Record<string, string> = { rows, narrative: 'Tekst nga Ëngjëll Çela' };
    for (let j = 0; j < 3; j++) body[`deliverables.${j}.title`] = `Ushtrim ${j + 1} në Durrës`;
    const { values, rows: n } = postedValues(area, body);
    expect(n).toBe(3);
    expect(values['deliverables.2.title']).toBe('Ushtrim 3 në Durrës');
    expect(values.narrative).toBe('Tekst nga Ëngjëll Çela');
  });
});
