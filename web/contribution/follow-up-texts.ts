/** The texts of the follow-up section of the input form (issue 14), in one language (web/locales: `followUp.*`). */
import type { Messages } from '../../infra/i18n';

/** The follow-up section's texts over the messages `m`. */
export function followUpTexts(m: Messages) {
  return {
    heading: (year: number) => m('followUp.heading', { year }),
    intro: (year: number) => m('followUp.intro', { year }),
    statusesHeading: (year: number) => m('followUp.statusesHeading', { year }),
    columns: { paragraph: m('followUp.columns.paragraph'), commitment: m('followUp.columns.commitment'), status: (year: number) => m('followUp.columns.status', { year }) },
    notReported: m('followUp.notReported'),
    nextStepsHeading: (year: number) => m('followUp.nextStepsHeading', { year }),
    noNextSteps: (year: number) => m('followUp.noNextSteps', { year }),
    waived: (year: number) => m('followUp.waived', { year }),
    unreadable: (year: number) => m('followUp.unreadable', { year }),
    outcome: m('followUp.outcome'),
    outcomes: { done: m('followUp.outcomes.done'), partly: m('followUp.outcomes.partly'), 'not-done': m('followUp.outcomes.notDone') } as Record<'done' | 'partly' | 'not-done', string>,
    comment: m('followUp.comment'),
    commentHint: m('followUp.commentHint'),
  };
}
