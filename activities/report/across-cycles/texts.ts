/**
 * The report's texts for the parts that look across cycles (issue 14): the follow-up of last
 * cycle's next steps and the annex of progress across cycles. English, as the rest of the report
 * (../texts.ts); kept apart so these parts can be read and changed on their own.
 */
import type { FollowUpOutcome } from '../../../domain/schemas';

export const ACROSS_CYCLES_TEXTS = {
  followUp: {
    heading: 'Follow-up of last year’s next steps',
    intro: (previousYear: number, year: number) =>
      `For each area, the next steps its owners reported in the ${previousYear} review, and how far they went, as the owners report it in the ${year} input.`,
    nextStepsThen: (previousYear: number) => `Next steps reported in ${previousYear}`,
    outcomeNow: (year: number) => `Outcome reported in ${year}`,
    outcome: (label: string) => `Outcome: ${label}.`,
    noNextStepsThen: (previousYear: number) => `No next steps were reported in ${previousYear}.`,
    waivedThen: (previousYear: number) => `The area’s input was waived in ${previousYear}.`,
    missingThen: (previousYear: number) => `No input was received for the area in ${previousYear}.`,
    unreadableThen: (previousYear: number) => `The ${previousYear} input could not be read from the document store.`,
    noOutcome: 'No outcome was reported.',
    noInputNow: 'No input was received this cycle.',
    noComment: 'No comment.',
  },
  progress: {
    heading: (letter: string) => `Annex ${letter}: Progress across cycles`,
    intro: (years: number[]) =>
      `The status of each commitment in every review cycle on record (${years.join(', ')}), read from the archived record of each cycle; the last column is this report. “—”: the commitment was not tracked that year.`,
    columns: { paragraph: '§', commitment: 'Commitment' },
    notTracked: '—',
  },
} as const;

/** The outcome of a next step as people read it. */
export const FOLLOW_UP_OUTCOME_LABEL: Record<FollowUpOutcome, string> = {
  done: 'Done',
  partly: 'Partly done',
  'not-done': 'Not done',
};
