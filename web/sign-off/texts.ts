/** The texts of a director's sign-off of a draft (/sign-off/:token). */
import type { Side } from '../../domain/schemas';
import { sideName } from '../views/texts';

export const signOffTexts = {
  title: (version: number, year: number) => `Sign-off: draft v${version} of the ${year} progress report`,
  intro: (side: Side, name: string) => `You sign off as the ${sideName(side)} co-chair of the Security and Defence Dialogue (${name}).`,
  summaryHeading: 'Summary of the draft',
  summary: (version: number, date: string, areas: number) => `Draft v${version}, assembled on ${date}, covering ${areas} areas of cooperation.`,
  due: (date: string) => `Please decide by ${date}.`,
  otherApproved: (name: string, date: string) => `${name}, the other co-chair, approved this version on ${date}.`,
  otherPending: (name: string) => `${name}, the other co-chair, has not decided yet.`,
  downloads: 'Download the draft',
  tableHeading: 'Status of the areas',
  tableColumns: { area: 'Area', input: 'Input', achieved: 'Achieved', ongoing: 'Ongoing', inProgress: 'In progress', notStarted: 'Not started' },
  decisionHeading: 'Your decision',
  comment: 'Comment',
  commentHint: 'Optional when you approve; required when you request changes.',
  approve: (version: number) => `Approve draft v${version}`,
  requestChanges: 'Request changes',
  writeComment: 'Write what should change.',
  errorSummary: 'Nothing was recorded. Please correct the fields marked below.',
};
