/**
 * The console's pages: the list of actions open in the cycle's stage, each action's form, the
 * confirmation page that states the consequences in figures (with everything typed carried in
 * hidden fields, and a button to go back and change it), the result, and the page of an action
 * Temporal has not confirmed yet. Server-rendered from the `html` template (every value escaped),
 * no script (the CSP forbids them); forms are plain POSTs a person presses.
 */
import type { FieldError } from '../../domain/validation';
import type { ReviewCycleState } from '../../domain/state';
import { cyclePeople, isOutstanding } from '../../domain/consequences';
import { calendarDateText } from '../../infra/i18n';
import type { Texts } from '../texts';
import { PAGE_FORM, errorSummary, formNotice, hidden, radios, select, textArea, textInput, errorFor, hasError, fieldId, describedBy, errorId } from '../views/form-parts';
import { html, when, type SafeHtml } from '../views/html';
import { layout, type LanguageSwitch } from '../views/layout';
import { CONSOLE_ACTIONS, fieldsOf, isOpen, many, one, roleValue, stagesOf, type ConsoleAction, type FieldSpec, type Figures, type Typed } from './actions';

/** What every console page knows: the cycle, the public base URL's path, the header's switch. */
interface Frame {
  state: ReviewCycleState;
  root: string;
  switcher?: LanguageSwitch;
}

/** The path of the console of `year`, or of one of its actions. */
export function consolePath(root: string, year: number, action?: ConsoleAction): string {
  return `${root}/cycles/${year}/console${action ? `/${action}` : ''}`;
}

function backLinks(t: Texts, root: string, year: number, toConsole = true): SafeHtml {
  return html`<ul class="inline-links">
${toConsole ? html`<li><a href="${consolePath(root, year)}">${t.console.backToConsole}</a></li>` : ''}
<li><a href="${root}/cycles/${year}">${t.console.back}</a></li>
</ul>`;
}

/** The console of a cycle: its stage, who the actions are recorded as, and the actions open now. */
export function consolePage(t: Texts, v: Frame): string {
  const c = t.console;
  const s = v.state;
  const open = CONSOLE_ACTIONS.filter((a) => isOpen(a, s));
  const later = CONSOLE_ACTIONS.filter((a) => !isOpen(a, s) && a !== 'resume');
  const finished = s.stage === 'submitted' || s.stage === 'cancelled';
  const body = html`<h1>${c.title(s.year)}</h1>
${backLinks(t, v.root, s.year, false)}
<p>${c.stage(t.stageName(s.stage))}</p>
${s.stuck ? html`<p class="notice" role="alert">${c.stuck(t.dateTime(s.stuck.since, s.timeZone), s.stuck.reason)}</p>` : ''}
<p>${c.intro}</p>
<p class="muted">${c.actingAs(s.coordinator.name)}</p>
<h2>${c.openHeading}</h2>
${open.length
  ? html`<ul>${open.map((a) => html`<li><a href="${consolePath(v.root, s.year, a)}">${c.action(a)}</a> — <span class="muted">${c.about(a)}</span></li>`)}</ul>`
  : html`<p>${c.noneOpen}</p>`}
${!finished && later.length
  ? html`<h2>${c.laterHeading}</h2><ul class="muted">${later.map((a) => html`<li>${c.later(c.action(a), t.list(stagesOf(a).map((st) => t.stageName(st)), 'or'))}</li>`)}</ul>`
  : ''}`;
  return layout(t, c.title(s.year), body, v.root, v.switcher);
}

/** The form's hidden fields every console POST carries: the token, what it is bound to, the page's language and step. */
function formFrame(t: Texts, csrf: string, subject: string, step: 'form' | 'confirm'): SafeHtml {
  return html`${hidden('_csrf', csrf)}${hidden('t', subject)}${hidden('lang', t.lang)}${hidden('step', step)}`;
}

/** The label of a field of the console's forms. */
export function labelOf(t: Texts, f: Pick<FieldSpec, 'name' | 'required'>): string {
  const key: Record<string, string> = {
    'to.name': 'toName', 'to.email': 'toEmail', 'to.organisation': 'toOrganisation', 'to.position': 'toPosition', 'to.language': 'toLanguage',
    'deputy.name': 'deputyName', 'deputy.email': 'deputyEmail', 'deputy.organisation': 'deputyOrganisation',
  };
  if (f.name === 'reason' && !f.required) return t.console.field('reasonOptional');
  return t.console.field(key[f.name] ?? f.name);
}

/** The areas a group of check boxes offers: the outstanding ones to remind, the reopenable ones (not waived) to reopen. */
function areaChoices(action: ConsoleAction, state: ReviewCycleState): ReviewCycleState['areas'] {
  if (action === 'remind') return state.areas.filter(isOutstanding);
  if (action === 'reopen') return state.areas.filter((a) => a.status !== 'waived');
  return state.areas;
}

/** The options of a select field, `[value, label]`, the empty choice first. */
function optionsOf(t: Texts, f: FieldSpec, state: ReviewCycleState): [string, string][] {
  const c = t.console;
  const choose: [string, string] = ['', c.field('choose')];
  switch (f.kind) {
    case 'area':
      return [choose, ...state.areas.map((a): [string, string] => [a.id, t.areaTitle(a)])];
    case 'role':
      return [
        choose,
        ...state.areas.flatMap((a) =>
          (['eu', 'al'] as const).map((side): [string, string] => [roleValue({ kind: 'area-owner', areaId: a.id, side }), c.field('roleOwner', { side: t.sideName(side), area: t.areaTitle(a), name: a.owners[side].name })]),
        ),
        ...(['eu', 'al'] as const).map((side): [string, string] => [roleValue({ kind: 'director', side }), c.field('roleDirector', { side: t.sideName(side), name: state.directors[side].name })]),
      ];
    case 'principal':
      return [
        choose,
        ...cyclePeople(state)
          .filter((p) => p.email !== state.coordinator.email)
          .map((p): [string, string] => {
            const director = p.email === state.directors.eu.email || p.email === state.directors.al.email;
            return [p.email, c.field('principalOption', { name: p.name, role: t.roleName(director ? 'director' : 'area-owner') })];
          }),
      ];
    case 'language':
      return [['', c.field('languageDefault')], ['en', c.field('languageEn')], ['sq', c.field('languageSq')]];
    case 'rating':
      return [['green', c.rating('green')], ['amber', c.rating('amber')], ['red', c.rating('red')], ['none', c.field('ratingNone')]];
    case 'deputy-mode':
      return [['name', c.field('modeName')], ['end', c.field('modeEnd')]];
    default:
      return [];
  }
}

/** A group of check boxes (several areas), keeping what was ticked. */
function checkBoxes(t: Texts, o: { path: string; legend: string; hint?: string; chosen: string[]; options: [string, string][]; errors: FieldError[] }): SafeHtml {
  const bad = hasError(o.errors, o.path);
  const hintId = o.hint ? `${fieldId(o.path)}-hint` : undefined;
  return html`<fieldset class="field${bad ? ' has-error' : ''}"${describedBy(hintId, bad ? errorId(o.path) : undefined)}>
<legend>${o.legend}</legend>${o.hint ? html`<span class="hint" id="${hintId}">${o.hint}</span>` : ''}
${errorFor(t, o.errors, o.path)}
<div class="checks">
${o.options.map(([value, label], i) => html`<label><input type="checkbox" name="${o.path}" value="${value}"${i === 0 ? html` id="${fieldId(o.path)}"` : ''}${when(o.chosen.includes(value), 'checked')}> ${label}</label>`)}
</div>
</fieldset>`;
}

/** One field of an action's form, with what was typed and its error. */
function fieldControl(t: Texts, action: ConsoleAction, f: FieldSpec, state: ReviewCycleState, typed: Typed, errors: FieldError[]): SafeHtml {
  const label = labelOf(t, f);
  const value = one(typed, f.name);
  switch (f.kind) {
    case 'hidden':
      return hidden(f.name, value);
    case 'text':
    case 'email':
      return textInput(t, { path: f.name, label, value, errors, maxlength: f.maxlength });
    case 'date': {
      const hint = f.name === 'dueDate' ? dueDateHint(t, state, one(typed, 'areaId')) : undefined;
      return textInput(t, { path: f.name, label, value, errors, type: 'date', hint });
    }
    case 'textarea':
      return textArea(t, { path: f.name, label, value, errors, maxlength: f.maxlength });
    case 'areas':
      return checkBoxes(t, {
        path: f.name, legend: label, chosen: many(typed, f.name), errors,
        hint: action === 'remind' ? t.console.field('areaIdsRemindHint') : undefined,
        options: areaChoices(action, state).map((a) => [a.id, t.areaTitle(a)]),
      });
    case 'rating':
    case 'deputy-mode':
      return radios(t, { path: f.name, legend: label, value, options: optionsOf(t, f, state), errors });
    default:
      return select(t, { path: f.name, label, value, options: optionsOf(t, f, state), errors });
  }
}

function dueDateHint(t: Texts, state: ReviewCycleState, areaId: string): string {
  const area = state.areas.find((a) => a.id === areaId);
  return t.console.field('dueDateHint', { timeZone: state.timeZone, current: area ? t.shortDateTime(area.dueAt, state.timeZone) : t.shortDateTime(state.inputsDueAt, state.timeZone) });
}

export interface FormView extends Frame {
  action: ConsoleAction;
  typed: Typed;
  errors: FieldError[];
  csrf: string;
  /** What the CSRF token is bound to (hidden field `t`). */
  subject: string;
  /** Above the form: why it is shown again (a refusal, a failed CSRF check, a stage that does not take it). */
  notice?: { title: string; text: string };
}

/** An action's form, with what was typed, errors next to their fields, and the button to see the consequences. */
export function formPage(t: Texts, v: FormView): string {
  const c = t.console;
  const title = c.action(v.action);
  const fields = fieldsOf(v.action);
  const label = (path: string) => {
    const f = fields.find((x) => x.name === path);
    return f ? labelOf(t, f) : path;
  };
  const body = html`<h1>${title}</h1>
${backLinks(t, v.root, v.state.year)}
<p>${c.about(v.action)}</p>
${formNotice(v.notice)}
${errorSummary(v.notice ? c.correctBelow : c.errorSummary, v.errors, label, t)}
<form method="post" action="${consolePath(v.root, v.state.year, v.action)}" id="${PAGE_FORM}" novalidate>
${formFrame(t, v.csrf, v.subject, 'form')}
${fields.map((f) => fieldControl(t, v.action, f, v.state, v.typed, v.errors))}
<div class="actions"><button type="submit" name="op" value="review">${c.review}</button></div>
</form>`;
  return layout(t, title, body, v.root, v.switcher);
}

/** What was typed, as people read it: area titles, role names, words for ratings and languages. */
function typedSummary(t: Texts, action: ConsoleAction, state: ReviewCycleState, typed: Typed): SafeHtml {
  const shown = fieldsOf(action).filter((f) => f.kind !== 'hidden' && (one(typed, f.name) !== '' || many(typed, f.name).length > 0));
  if (!shown.length) return html`<p class="muted">${t.console.nothingTyped}</p>`;
  const display = (f: FieldSpec): string => {
    if (f.kind === 'areas') return t.list(many(typed, f.name).map((id) => t.areaTitle(state.areas.find((a) => a.id === id) ?? { id, title: id })));
    const options = optionsOf(t, f, state);
    const value = one(typed, f.name);
    return options.find(([v]) => v === value && v !== '')?.[1] ?? value;
  };
  return html`<dl class="meta">${shown.map((f) => html`<dt>${labelOf(t, f)}</dt><dd class="comment">${display(f)}</dd>`)}</dl>`;
}

/** Every typed value as hidden fields, so the confirmation posts exactly what the form did. */
function typedHidden(typed: Typed): SafeHtml[] {
  return Object.entries(typed).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((x) => hidden(name, x)));
}

export interface ConfirmView extends Frame {
  action: ConsoleAction;
  typed: Typed;
  /** The consequences, in figures, worded. */
  consequence: string;
  csrf: string;
  subject: string;
  /** The request id: part of the Update id, so a second POST of this page acts once. */
  rid: string;
  notice?: { title: string; text: string };
}

/** The confirmation page: the consequences in figures, what was typed, confirm or go back to change it. */
export function confirmPage(t: Texts, v: ConfirmView): string {
  const c = t.console;
  const name = c.action(v.action);
  const title = c.confirmTitle(name);
  const grave = v.action === 'close' || v.action === 'cancel' || v.action === 'waive' || v.action === 'reassign';
  const body = html`<h1>${title}</h1>
${formNotice(v.notice)}
<p>${c.confirmIntro}</p>
<h2>${c.consequenceHeading}</h2>
<p class="notice" id="consequence">${v.consequence}</p>
<h2>${c.typedHeading}</h2>
${typedSummary(t, v.action, v.state, v.typed)}
<form method="post" action="${consolePath(v.root, v.state.year, v.action)}" id="${PAGE_FORM}">
${formFrame(t, v.csrf, v.subject, 'confirm')}${hidden('rid', v.rid)}
${typedHidden(v.typed)}
<div class="actions"><button type="submit" name="op" value="confirm"${grave ? html` class="warning"` : ''}>${c.confirm(name)}</button><button type="submit" name="op" value="edit" class="secondary">${c.change}</button></div>
</form>
${backLinks(t, v.root, v.state.year)}`;
  return layout(t, title, body, v.root, v.switcher);
}

/** A calendar date (YYYY-MM-DD) as the page's language writes it. */
const dateText = (t: Texts, date: string) => calendarDateText(date, t.lang) ?? date;

/** The consequence sentence of `figures`, in the page's language, with instants in the cycle's time zone. */
export function consequenceText(t: Texts, state: ReviewCycleState, figures: Figures): string {
  const c = t.console;
  const tz = state.timeZone;
  const titles = (areas: { id: string; title: string }[]) => areas.map((a) => t.areaTitle(a)).join('; ');
  switch (figures.action) {
    case 'close':
      return c.consequence('close', { ...figures.f });
    case 'cancel':
      return c.consequence('cancel', { ...figures.f, stage: t.stageName(figures.f.stage), draft: figures.f.draft ?? 0 });
    case 'reopen':
      return c.consequence('reopen', { count: figures.f.areas.length, version: figures.f.version, titles: titles(figures.f.areas), owners: figures.f.owners });
    case 'remind':
      return c.consequence('remind', { count: figures.f.areas.length, titles: titles(figures.f.areas), people: figures.f.people });
    case 'extend':
      return c.consequence('extend', {
        area: t.areaTitle(figures.f.area), current: t.shortDateTime(figures.f.currentDueAt, tz), dueDate: dateText(t, figures.dueDate), timeZone: tz, owners: figures.f.owners,
      });
    case 'waive':
      return c.consequence('waive', { area: t.areaTitle(figures.f.area), owners: figures.f.owners, awaiting: figures.f.stillAwaiting });
    case 'override': {
      const current = figures.f.current ? c.rating(figures.f.current) : 'none';
      const values = { area: t.areaTitle(figures.f.area), current, next: figures.f.nextDraft };
      return figures.rating === null ? c.consequence('overrideRemove', values) : c.consequence('override', { ...values, rating: c.rating(figures.rating) });
    }
    case 'reassign': {
      const role = figures.role.kind === 'director'
        ? c.field('roleDirector', { side: t.sideName(figures.role.side), name: figures.f.from.name })
        : c.field('roleOwner', { side: t.sideName(figures.role.side), area: t.areaTitle(figures.f.area ?? { id: figures.role.areaId, title: figures.role.areaId }), name: figures.f.from.name });
      return c.consequence('reassign', { role: role.replace(/ — .*$/, ''), from: figures.f.from.name, to: figures.to.name, email: figures.to.email, open: figures.f.openStep ? 'yes' : 'no' });
    }
    case 'deputy': {
      const acting = figures.f.acting?.name ?? 'none';
      if (!figures.deputy) return c.consequence('deputyEnd', { principal: figures.f.principal.name, acting });
      return c.consequence('deputy', {
        from: dateText(t, figures.from!), until: dateText(t, figures.until!), days: figures.f.days ?? 0, principal: figures.f.principal.name, deputy: figures.deputy.name, acting,
      });
    }
    case 'resume':
      return c.consequence('resume', { step: figures.f.step, version: figures.f.version, since: t.dateTime(figures.f.since, tz), reason: figures.f.reason });
  }
}

/** The page after an action: what was recorded, what happens next, when; with `already`, a repeat that changed nothing. */
export function resultPage(
  t: Texts,
  v: { year: number; recorded: string; next: string; at: Date | string; timeZone: string; updateId: string; already?: boolean; root: string; switcher?: LanguageSwitch },
): string {
  const r = t.result;
  const title = v.already ? r.alreadyTitle : r.title;
  const when = t.dateTime(v.at, v.timeZone);
  const body = html`<h1>${title}</h1>
<div class="${v.already ? 'notice' : 'panel-ok'}" role="status">
${v.already ? html`<p>${t.console.result.already(when)}</p>` : ''}
<h2>${r.recordedHeading}</h2>
<p id="recorded">${v.recorded}</p>
${v.already ? '' : html`<p>${r.at(when)}</p>`}
</div>
<h2>${r.nextHeading}</h2>
<p>${v.next}</p>
<p class="muted">${t.console.result.back}</p>
${backLinks(t, v.root, v.year)}
<p class="muted code">${t.console.result.reference(v.updateId)}</p>`;
  return layout(t, title, body, v.root, v.switcher);
}

/** The page of a confirmed action Temporal has not answered for yet: it reloads `href`, which asks for the Update's outcome. */
export function pendingPage(t: Texts, v: { year: number; action: ConsoleAction; href: string; seconds: number; updateId: string; root: string; switcher?: LanguageSwitch }): string {
  const p = t.pending;
  const body = html`<h1>${p.title}</h1>
<div class="notice" role="status">
<p>${t.console.pending.sent(t.console.action(v.action))}</p>
<p>${p.doNotRepeat(v.seconds)}</p>
</div>
<p><a href="${v.href}">${p.checkNow}</a></p>
<p class="muted code">${t.console.result.reference(v.updateId)}</p>`;
  return layout(t, p.title, body, v.root, v.switcher, { seconds: v.seconds, url: v.href });
}

/** The page of an action Temporal has no record of. */
export function notRecordedPage(t: Texts, v: { year: number; updateId: string; root: string; switcher?: LanguageSwitch }): string {
  const p = t.pending;
  const body = html`<h1>${p.notRecordedTitle}</h1>
<p>${p.notRecorded}</p>
<p>${t.console.pending.openAgain}</p>
${backLinks(t, v.root, v.year)}
<p class="muted code">${t.console.result.reference(v.updateId)}</p>`;
  return layout(t, p.notRecordedTitle, body, v.root, v.switcher);
}
