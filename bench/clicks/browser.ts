/**
 * Clicks as a browser makes them: GET the link's page (which sets the CSRF cookie and carries the
 * token and the render id in hidden fields), fill the form, POST it with the cookie. The session
 * keeps cookies like a tab (test/helpers/stack.ts `HttpSession`).
 */
import type { AreaOfCooperation } from '../../domain/schemas';
import { loadSampleInput } from '../../seeds';
import { HttpSession, hiddenFields } from '../../test/helpers/stack';
import { timed } from './stats';

/** The claims of a link that the benchmark reads: which cycle and area it is for. */
export function claimsOf(url: string): { cycle: string; areaId?: string; step: string } {
  const token = url.split('?')[0]!.split('/').pop()!;
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { cycle: string; areaId?: string; step: string };
}

/** The contribution form of `page` filled with the area's sample input, `narrative` marking this click. */
export function filledForm(page: string, area: AreaOfCooperation, narrative: string): Record<string, string> {
  const sample = loadSampleInput(area);
  const form: Record<string, string> = { ...hiddenFields(page), op: 'submit', narrative, nextSteps: sample.nextSteps };
  area.commitments.forEach((c, i) => {
    const p = sample.commitments.find((x) => x.commitmentId === c.id);
    form[`commitments.${i}.status`] = p?.status ?? 'in-progress';
    form[`commitments.${i}.comment`] = p?.comment ?? '';
  });
  return form;
}

/** A contribution link opened in a fresh tab: the form page read, ready to press the button. */
export interface OpenedForm {
  session: HttpSession;
  url: string;
  form: Record<string, string>;
  getMs: number;
}

/** GETs the contribution page of `url` in a new session and fills its form. Throws unless 200. */
export async function openForm(url: string, area: AreaOfCooperation, mark: string): Promise<OpenedForm> {
  const session = new HttpSession();
  const { ms, value: page } = await timed(() => session.request('GET', url));
  if (page.status !== 200) throw new Error(`GET ${url.slice(0, 60)}…: ${page.status}`);
  const sample = loadSampleInput(area);
  return { session, url, form: filledForm(page.body, area, `${sample.narrative}\n\n${mark}`), getMs: ms };
}

/** Presses the button: POSTs the form; returns the time and the status (200 recorded, 202 not yet confirmed…). */
export async function press(opened: OpenedForm): Promise<{ ms: number; status: number }> {
  const { ms, value } = await timed(() => opened.session.post(opened.url, opened.form));
  return { ms, status: value.status };
}
