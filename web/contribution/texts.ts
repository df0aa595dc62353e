/**
 * The texts of an area owner's input form (GET and POST /contribute/:token). English; see
 * web/texts.ts for how a translation would be added.
 */
import type { Side } from '../../domain/schemas';
import { sideName } from '../views/texts';

export const contributionTexts = {
  title: (areaTitle: string) => `Input for «${areaTitle}»`,
  intro: (year: number, side: Side, name: string) => `${year} review cycle. You are the ${sideName(side)} owner of this area of cooperation (${name}). Either owner may submit; both may revise until collection closes.`,
  paragraphs: (ps: number[]) => `Partnership paragraphs: §${ps.join(', §')}`,
  due: (date: string) => `Due by ${date}.`,
  lastSubmission: (name: string, date: string, revision: number) => `Last submitted by ${name} on ${date} (revision ${revision}). The form shows that input: change what needs changing and submit again.`,
  nothingYet: 'Nothing has been submitted for this area yet.',
  reopened: (version: number, name: string) => `${name} reopened this area after draft v${version} of the report, with this comment:`,
  commitmentsHeading: 'Commitments',
  commitmentsHint: 'For each commitment of the Partnership in this area, choose its status this year and add a comment.',
  commitmentLegend: (paragraph: number, wording: string) => `§${paragraph} — ${wording}`,
  quoteSummary: 'Text of the Partnership',
  status: 'Status',
  comment: 'Comment',
  narrativeHeading: 'The year in this area',
  narrative: 'Narrative of the year',
  narrativeHint: 'What happened in this area in the reporting year. Required.',
  nextSteps: 'Next steps',
  nextStepsHint: 'What is planned next (optional).',
  deliverablesHeading: 'Deliverables',
  deliverablesHint: 'Concrete outputs: an exercise held, a training, an agreement signed. Leave a row empty to skip it.',
  deliverableLegend: (n: number) => `Deliverable ${n}`,
  deliverableTitle: 'Title',
  deliverableStatus: 'Status',
  deliverableDate: 'Date (optional)',
  deliverableDescription: 'Description (optional)',
  addRows: 'Add more deliverable rows',
  submit: 'Submit the input',
  submitHint: 'Nothing is recorded until you press this button.',
  errorSummary: 'The input was not recorded. Please correct the fields marked below; nothing you typed is lost.',
};
