/** The texts of a director's sign-off of a draft (/sign-off/:token), in one language (web/locales: `signOff.*`). */
import type { Side } from '../../domain/schemas';
import type { Messages } from '../../infra/i18n';

/** The page's texts over the messages `m`. */
export function signOffTexts(m: Messages) {
  const col = (k: string) => m(`signOff.tableColumns.${k}`);
  return {
    title: (version: number, year: number) => m('signOff.title', { version, year }),
    intro: (side: Side, name: string) => m('signOff.intro', { side, name }),
    /** Said to a reader whose language is not the report's. */
    reportLanguage: m('signOff.reportLanguage'),
    summaryHeading: m('signOff.summaryHeading'),
    summary: (version: number, date: string, areas: number) => m('signOff.summary', { version, date, areas }),
    due: (date: string) => m('signOff.due', { date }),
    otherApproved: (name: string, date: string) => m('signOff.otherApproved', { name, date }),
    otherPending: (name: string) => m('signOff.otherPending', { name }),
    downloads: m('signOff.downloads'),
    tableHeading: m('signOff.tableHeading'),
    tableColumns: { area: col('area'), input: col('input'), achieved: col('achieved'), ongoing: col('ongoing'), inProgress: col('inProgress'), notStarted: col('notStarted') },
    decisionHeading: m('signOff.decisionHeading'),
    comment: m('signOff.comment'),
    commentHint: m('signOff.commentHint'),
    approve: (version: number) => m('signOff.approve', { version }),
    requestChanges: m('signOff.requestChanges'),
    writeComment: m('signOff.writeComment'),
    errorSummary: m('signOff.errorSummary'),
    synthesisHeading: m('signOff.synthesisHeading'),
    synthesisBy: (name: string, date: string, version: number) => m('signOff.synthesisBy', { name, date, version }),
    synthesisNone: m('signOff.synthesisNone'),
    synthesisSummary: m('signOff.synthesisSummary'),
    synthesisAttention: m('signOff.synthesisAttention'),
  };
}
