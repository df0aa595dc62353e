/** The coordinator's page that closes collection: the areas' inputs so far, and the one button. */
import type { ReviewCycleState } from '../../domain/state';
import type { LinkClaims } from '../../links';
import { formNotice, hidden } from '../views/form-parts';
import { html } from '../views/html';
import { layout, type LanguageSwitch } from '../views/layout';
import { scrollTable } from '../views/tables';
import type { CommonTexts } from '../views/texts';
import type { collectionTexts } from './texts';

export type CollectionPageTexts = CommonTexts & { collection: ReturnType<typeof collectionTexts> };

export interface CollectionView {
  state: ReviewCycleState;
  claims: LinkClaims;
  action: string;
  root?: string;
  csrf: string;
  /** The header's switch to the other language. */
  switcher?: LanguageSwitch;
  /** Above the button: why the page is shown again (its CSRF check failed). */
  notice?: { title: string; text: string };
}

/** The page: how many inputs are in, each area's status, and the button that closes collection. */
export function collectionPage(t: CollectionPageTexts, v: CollectionView): string {
  const c = t.collection;
  const { state } = v;
  const count = (...statuses: string[]) => state.areas.filter((a) => statuses.includes(a.status)).length;
  const submitted = count('submitted');
  const waived = count('waived');
  const awaiting = count('awaiting-input', 'reopened');
  const dueAt = state.stageDueAt ?? state.inputsDueAt;
  const body = html`<h1>${c.title(state.year)}</h1>
<p>${c.intro(v.claims.name)}</p>
<p>${awaiting === 0 ? c.allIn(submitted, waived) : c.counts(submitted, waived, awaiting)}</p>
<p>${c.due(t.dateTime(dueAt, state.timeZone))}</p>
<h2>${c.areasHeading}</h2>
${scrollTable(t, html`<table>
<thead><tr><th scope="col">${c.areaColumns.area}</th><th scope="col">${c.areaColumns.paragraphs}</th><th scope="col">${c.areaColumns.status}</th><th scope="col" class="num">${c.areaColumns.revision}</th></tr></thead>
<tbody>${state.areas.map((a) => html`<tr><th scope="row">${t.areaTitle(a)}</th><td>§${a.paragraphs.join(', §')}</td><td>${t.areaStatus[a.status]}</td><td class="num">${a.revision}</td></tr>`)}</tbody>
</table>`)}
<h2>${c.closeHeading}</h2>
<p>${c.closeText}</p>
${awaiting > 0 ? html`<p class="notice">${c.closeAwaiting(awaiting)}</p>` : ''}
${formNotice(v.notice)}
<form method="post" action="${v.action}">
${hidden('_csrf', v.csrf)}
<div class="actions"><button type="submit" name="action" value="close">${c.close}</button></div>
</form>`;
  return layout(t, c.title(state.year), body, v.root, v.switcher);
}
