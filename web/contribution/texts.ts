/** The texts of an area owner's input form (GET and POST /contribute/:token), in one language (web/locales: `contribution.*`). */
import type { Side } from '../../domain/schemas';
import type { Messages } from '../../infra/i18n';

/** The form's texts over the messages `m`. */
export function contributionTexts(m: Messages) {
  return {
    title: (area: string) => m('contribution.title', { area }),
    intro: (year: number, side: Side, name: string) => m('contribution.intro', { year, side, name }),
    paragraphs: (ps: number[]) => m('contribution.paragraphs', { paragraphs: `§${ps.join(', §')}` }),
    due: (date: string) => m('contribution.due', { date }),
    lastSubmission: (name: string, date: string, revision: number) => m('contribution.lastSubmission', { name, date, revision }),
    nothingYet: m('contribution.nothingYet'),
    commitmentsHeading: m('contribution.commitmentsHeading'),
    commitmentsHint: m('contribution.commitmentsHint'),
    commitmentLegend: (paragraph: number, wording: string) => m('contribution.commitmentLegend', { paragraph, wording }),
    quoteSummary: m('contribution.quoteSummary'),
    /** The summary of the `<details>` that holds the English original of a translated form. */
    originalSummary: m('contribution.originalSummary'),
    originalArea: (title: string) => m('contribution.originalArea', { title }),
    originalWording: (wording: string) => m('contribution.originalWording', { wording }),
    status: m('contribution.status'),
    comment: m('contribution.comment'),
    narrativeHeading: m('contribution.narrativeHeading'),
    narrative: m('contribution.narrative'),
    narrativeHint: m('contribution.narrativeHint'),
    nextSteps: m('contribution.nextSteps'),
    nextStepsHint: m('contribution.nextStepsHint'),
    deliverablesHeading: m('contribution.deliverablesHeading'),
    deliverablesHint: m('contribution.deliverablesHint'),
    deliverableLegend: (n: number) => m('contribution.deliverableLegend', { n }),
    deliverableTitle: m('contribution.deliverableTitle'),
    deliverableStatus: m('contribution.deliverableStatus'),
    deliverableDate: m('contribution.deliverableDate'),
    deliverableDescription: m('contribution.deliverableDescription'),
    addRows: m('contribution.addRows'),
    submit: m('contribution.submit'),
    submitHint: m('contribution.submitHint'),
    errorSummary: m('contribution.errorSummary'),
    /** A form body larger than the route takes: sizes in MB (one decimal), and the field the cut fell in, as labelled. */
    tooLargeTitle: m('contribution.tooLargeTitle'),
    tooLarge: (received: number, max: number, field: string | undefined) =>
      field === undefined ? m('contribution.tooLargeNoField', { received, max }) : m('contribution.tooLarge', { received, max, field }),
    cutHere: (chars: number) => m('contribution.cutHere', { chars }),
  };
}
