/** The texts of the coordinator's review of a draft (/review/:token), in one language (web/locales: `review.*`). */
import type { Messages } from '../../infra/i18n';

/** The page's texts over the messages `m`. */
export function draftReviewTexts(m: Messages) {
  return {
    title: (version: number, year: number) => m('review.title', { version, year }),
    intro: (name: string) => m('review.intro', { name }),
    assembled: (date: string) => m('review.assembled', { date }),
    status: (label: string) => m('review.status', { label }),
    due: (date: string) => m('review.due', { date }),
    changed: (areas: string) => m('review.changed', { areas }),
    changesRequested: m('review.changesRequested'),
    downloads: m('review.downloads'),
    areasHeading: m('review.areasHeading'),
    areaColumns: { area: m('review.areaColumns.area'), paragraphs: m('review.areaColumns.paragraphs'), status: m('review.areaColumns.status'), revision: m('review.areaColumns.revision') },
    approveHeading: m('review.approveHeading'),
    approveText: m('review.approveText'),
    approve: (version: number) => m('review.approve', { version }),
    reopenHeading: m('review.reopenHeading'),
    reopenText: m('review.reopenText'),
    reopenLegend: m('review.reopenLegend'),
    reopenWaived: m('review.reopenWaived'),
    comment: m('review.comment'),
    reopen: m('review.reopen'),
    chooseArea: m('review.chooseArea'),
    writeComment: m('review.writeComment'),
    errorSummary: m('review.errorSummary'),
    synthesisHeading: m('review.synthesisHeading'),
    synthesisText: m('review.synthesisText'),
    synthesisCurrent: (name: string, date: string, version: number) => m('review.synthesisCurrent', { name, date, version }),
    synthesisNone: m('review.synthesisNone'),
    summary: m('review.summary'),
    attention: m('review.attention'),
    saveSynthesis: (version: number) => m('review.saveSynthesis', { version }),
    writeSynthesis: m('review.writeSynthesis'),
    tooLong: (max: number, count: number) => m('review.tooLong', { max, count }),
  };
}
