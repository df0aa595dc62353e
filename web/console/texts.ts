/** The texts of the secretariat's console (/cycles/:year/console…), in one language (web/locales: `console.*`). */
import type { Messages, MessageValues } from '../../infra/i18n';
import type { ConsoleAction } from './actions';

/** The console's texts over the messages `m`. */
export function consoleTexts(m: Messages) {
  const c = (key: string, values?: MessageValues) => m(`console.${key}`, values);
  return {
    dashboardLink: c('dashboardLink'),
    title: (year: number) => c('title', { year }),
    intro: c('intro'),
    actingAs: (name: string) => c('actingAs', { name }),
    stage: (stage: string) => c('stage', { stage }),
    stuck: (since: string, reason: string) => c('stuck', { since, reason }),
    openHeading: c('openHeading'),
    noneOpen: c('noneOpen'),
    laterHeading: c('laterHeading'),
    later: (action: string, stages: string) => c('later', { action, stages }),
    back: c('back'),
    backToConsole: c('backToConsole'),
    /** The action's name, as a heading and a link. */
    action: (a: ConsoleAction) => c(`action.${a}`),
    /** What the action does, above its form. */
    about: (a: ConsoleAction) => c(`about.${a}`),
    /** A field's label (`field.<key>`), with values for the ones that take some. */
    field: (key: string, values?: MessageValues) => c(`field.${key}`, values),
    review: c('review'),
    confirmTitle: (action: string) => c('confirmTitle', { action }),
    confirmIntro: c('confirmIntro'),
    consequenceHeading: c('consequenceHeading'),
    typedHeading: c('typedHeading'),
    nothingTyped: c('nothingTyped'),
    confirm: (action: string) => c('confirm', { action }),
    change: c('change'),
    notOpenTitle: c('notOpenTitle'),
    /** The title above a refusal by the cycle that names no field of the form. */
    refusedTitle: c('refusedTitle'),
    stateUnavailable: c('stateUnavailable'),
    errorSummary: c('errorSummary'),
    /** The error summary's title under a notice that already says nothing was recorded. */
    correctBelow: c('correctBelow'),
    /** A consequence sentence (`consequence.<key>`) from its figures. */
    consequence: (key: string, values: MessageValues) => c(`consequence.${key}`, values),
    rating: (rating: string) => c('consequence.rating', { rating }),
    result: {
      back: c('result.back'),
      reference: (id: string) => c('result.reference', { id }),
      already: (date: string) => c('result.already', { date }),
    },
    pending: {
      sent: (action: string) => c('pending.sent', { action }),
      openAgain: c('pending.openAgain'),
    },
  };
}

export type ConsoleTexts = ReturnType<typeof consoleTexts>;
