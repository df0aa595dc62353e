/**
 * A very small HTML templating approach: the `html` tagged template escapes every interpolated
 * value with escape-html unless it is already `SafeHtml` (the result of another `html` template),
 * and joins arrays. Nothing else is ever written into a page, so a value from a person, a mail or
 * the workflow can never become markup.
 */
import escapeHtml from 'escape-html';

/** Markup that is safe to insert as is: only `html` (and `raw`, for constants) make it. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), markup, numbers, nothing, or lists of these. */
export type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Builds markup; every `${value}` is escaped unless it is SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks a constant string of the program (never data) as markup. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** `attr` when `on`, for boolean attributes: `<input ${when(checked, 'checked')}>`. */
export function when(on: boolean | undefined, attr: string): SafeHtml {
  return new SafeHtml(on ? ` ${attr}` : '');
}

/**
 * Plain text with its URLs turned into links (for mails in the outbox): the text is escaped, each
 * http(s) URL becomes an anchor whose href is the URL exactly as written.
 */
export function linkify(text: string): SafeHtml {
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s<>"«»]+/g)) {
    const url = m[0].replace(/[.,;:!?)\]]+$/, '');
    const start = m.index ?? 0;
    parts.push(escapeHtml(text.slice(last, start)));
    parts.push(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`);
    last = start + url.length;
  }
  parts.push(escapeHtml(text.slice(last)));
  return new SafeHtml(parts.join(''));
}
