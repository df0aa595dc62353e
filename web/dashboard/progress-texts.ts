/** The texts of the dashboard's progress view across cycles (GET /cycles/progress), in one language (web/locales: `progress.*`). */
import type { Messages } from '../../infra/i18n';

/** The progress view's texts over the messages `m`. */
export function progressTexts(m: Messages) {
  return {
    title: m('progress.title'),
    intro: m('progress.intro'),
    link: m('progress.link'),
    none: m('progress.none'),
    backToCycles: m('progress.backToCycles'),
    years: (years: string) => m('progress.years', { years }),
    columns: { paragraph: m('progress.columns.paragraph'), commitment: m('progress.columns.commitment'), trend: m('progress.columns.trend') },
    notTracked: m('progress.notTracked'),
    notReported: m('progress.notReported'),
    waived: m('progress.waived'),
    /** The chart's text alternative: the commitment, then each year's status. */
    chartLabel: (commitment: string, steps: string) => m('progress.chartLabel', { commitment, steps }),
    chartStep: (year: number, status: string) => m('progress.chartStep', { year: String(year), status }),
    failed: m('progress.failed'),
  };
}
