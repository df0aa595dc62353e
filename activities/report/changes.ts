/**
 * Changes between two draft versions: which areas' content differs, and an HTML page with a
 * word-level diff of their texts (jsdiff `diffWords`, Myers' O(ND) algorithm), so the coordinator
 * and the Directors read only what moved since the version they saw.
 */
import { diffWords, type ChangeObject } from 'diff';
import type { ReportInput } from '../../domain/report';
import type { AreaState } from '../../domain/state';
import { cleanText } from '../../domain/text';
import { esc, proseHtml } from './html';
import { deriveRating, paragraphsLabel } from './model';
import { AREA_STATUS_LABEL, COMMITMENT_STATUS_LABEL, DELIVERABLE_STATUS_LABEL, RATING_LABEL, TEXTS } from './texts';

/** One field of an area as text, as the diff compares it. */
interface FieldText {
  label: string;
  text: string;
}

/**
 * The content of an area that the report shows, as labelled texts in a fixed order: status of the
 * input, each commitment (status and comment), narrative, next steps, deliverables, waiver. Two
 * versions of an area differ exactly when these differ. Metadata (who submitted, when, revision
 * number) is not content.
 */
export function areaContent(area: AreaState): FieldText[] {
  const f = TEXTS.changes.fields;
  const shown = area.status !== 'waived' ? area.contribution : undefined;
  const progress = new Map((shown?.commitments ?? []).map((cm) => [cm.commitmentId, cm]));
  return [
    { label: f.status, text: AREA_STATUS_LABEL[area.status] ?? area.status },
    ...area.commitments.map((cm) => {
      const p = progress.get(cm.id);
      const status = p ? COMMITMENT_STATUS_LABEL[p.status] : COMMITMENT_STATUS_LABEL['not-reported'];
      return { label: f.commitment(cleanText(cm.wording), cm.paragraph), text: cleanText(`${status}\n\n${p?.comment ?? ''}`).trim() };
    }),
    { label: f.narrative, text: cleanText(shown?.narrative ?? '') },
    { label: f.nextSteps, text: cleanText(shown?.nextSteps ?? '') },
    {
      label: f.deliverables,
      text: cleanText(
        (shown?.deliverables ?? [])
          .map((d) => [`${d.title} — ${DELIVERABLE_STATUS_LABEL[d.status]}${d.date ? ` — ${d.date}` : ''}`, d.description].filter(Boolean).join('\n'))
          .join('\n\n'),
      ),
    },
    { label: f.waiver, text: cleanText(area.status === 'waived' ? (area.waiver?.reason ?? '') : '') },
  ];
}

export interface AreaChange {
  id: string;
  title: string;
  /** Only the fields that differ. */
  fields: { label: string; before: string; after: string }[];
  ratingBefore?: string;
  ratingAfter?: string;
}

/**
 * Compares two report inputs area by area. Returns the changed areas in the order of `next`; an
 * area present in only one of them counts as changed.
 */
export function compareReports(previous: ReportInput, next: ReportInput): AreaChange[] {
  const before = new Map(previous.areas.map((a) => [a.id, a]));
  const changes: AreaChange[] = [];
  for (const area of next.areas) {
    const old = before.get(area.id);
    const now = areaContent(area);
    const was = old ? areaContent(old) : now.map((f) => ({ label: f.label, text: '' }));
    const fields = now
      .map((f, i) => ({ label: f.label, before: was[i]?.label === f.label ? was[i]!.text : '', after: f.text }))
      .filter((f) => f.before !== f.after);
    if (old && fields.length === 0) continue;
    const rb = old ? RATING_LABEL[previous.ratingOverrides[old.id]?.rating ?? deriveRating(old)] : undefined;
    const ra = RATING_LABEL[next.ratingOverrides[area.id]?.rating ?? deriveRating(area)];
    changes.push({ id: area.id, title: cleanText(area.title), fields, ratingBefore: rb, ratingAfter: ra });
  }
  const ids = new Set(next.areas.map((a) => a.id));
  for (const old of previous.areas) {
    if (!ids.has(old.id)) {
      changes.push({ id: old.id, title: cleanText(old.title), fields: areaContent(old).map((f) => ({ label: f.label, before: f.text, after: '' })) });
    }
  }
  return changes;
}

/** Longest time one field's diff may take before it is shown as removed-then-inserted (ms). */
const DIFF_TIMEOUT_MS = 1_000;

/** HTML of a word-level diff: `<ins>` for inserted words, `<del>` for removed ones; line breaks kept. */
export function wordDiffHtml(before: string, after: string): string {
  const parts: ChangeObject<string>[] | undefined = diffWords(before, after, { timeout: DIFF_TIMEOUT_MS });
  // `.diff` keeps line breaks (white-space: pre-wrap), so newlines stay as they are.
  const html = (t: string) => esc(t);
  if (!parts) {
    return `<p class="muted">${esc(TEXTS.changes.tooLarge)}</p><div class="diff"><del>${html(before)}</del><ins>${html(after)}</ins></div>`;
  }
  return `<div class="diff">${parts.map((p) => (p.added ? `<ins>${html(p.value)}</ins>` : p.removed ? `<del>${html(p.value)}</del>` : html(p.value))).join('')}</div>`;
}

const STYLE = `
body { font-family: Calibri, Carlito, "Segoe UI", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #1a1a1a; max-width: 50rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 16pt; color: #1f3864; } h2 { font-size: 13.5pt; color: #2f5496; margin-top: 2rem; } h3 { font-size: 11pt; color: #2f5496; }
.muted { color: #595959; }
.diff { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid #d9e2f3; padding-left: .75rem; }
ins { background: #d7f5dd; color: #0b5d1e; text-decoration: underline; }
del { background: #fbe0e0; color: #8a1c1c; text-decoration: line-through; }
@media print { ins, del { -webkit-print-color-adjust: exact; print-color-adjust: exact; } h2 { break-after: avoid; } }
`;

/**
 * The changes page between draft `previous.version` and `next.version`: the changed areas, each with
 * its rating before and after and a word-level diff of every field that changed; then the areas not
 * changed. A complete HTML5 document, UTF-8.
 */
export function renderChangesHtml(previous: ReportInput, next: ReportInput, changes: AreaChange[]): string {
  const t = TEXTS.changes;
  const title = t.title(previous.version, next.version);
  const changedIds = new Set(changes.map((c) => c.id));
  const unchanged = next.areas.filter((a) => !changedIds.has(a.id));
  const byId = new Map(next.areas.map((a) => [a.id, a]));
  const body: string[] = [
    `<h1>${esc(title)}</h1>`,
    proseHtml(t.intro(next.year, previous.version, next.version)),
    `<h2>${esc(t.changedAreas)}</h2>`,
    changes.length ? `<ul>${changes.map((c) => `<li><a href="#change-${esc(c.id)}">${esc(c.title)}</a></li>`).join('')}</ul>` : `<p>${esc(t.noChanges)}</p>`,
  ];
  for (const c of changes) {
    const area = byId.get(c.id);
    body.push(`<section id="change-${esc(c.id)}">`, `<h2>${esc(c.title)}</h2>`);
    if (area) body.push(`<p class="muted">${esc(TEXTS.area.paragraphs(paragraphsLabel(area.paragraphs)))}</p>`);
    if (c.ratingBefore && c.ratingAfter && c.ratingBefore !== c.ratingAfter) body.push(`<p><strong>${esc(t.ratingChanged(c.ratingBefore, c.ratingAfter))}</strong></p>`);
    for (const f of c.fields) body.push(`<h3>${esc(f.label)}</h3>`, wordDiffHtml(f.before, f.after));
    body.push('</section>');
  }
  if (unchanged.length) body.push(`<h2>${esc(t.unchangedAreas)}</h2>`, `<ul>${unchanged.map((a) => `<li>${esc(a.title)}</li>`).join('')}</ul>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`${title} (${next.year})`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
