/** The texts of the coordinator's page that closes collection (/collection/:token), in one language (web/locales: `collection.*`). */
import type { Messages } from '../../infra/i18n';

/** The page's texts over the messages `m`. */
export function collectionTexts(m: Messages) {
  return {
    title: (year: number) => m('collection.title', { year }),
    intro: (name: string) => m('collection.intro', { name }),
    allIn: (submitted: number, waived: number) => m('collection.allIn', { submitted, waived }),
    counts: (submitted: number, waived: number, awaiting: number) => m('collection.counts', { submitted, waived, awaiting }),
    due: (date: string) => m('collection.due', { date }),
    areasHeading: m('collection.areasHeading'),
    areaColumns: { area: m('collection.areaColumns.area'), paragraphs: m('collection.areaColumns.paragraphs'), status: m('collection.areaColumns.status'), revision: m('collection.areaColumns.revision') },
    closeHeading: m('collection.closeHeading'),
    closeText: m('collection.closeText'),
    closeAwaiting: (awaiting: number) => m('collection.closeAwaiting', { awaiting }),
    close: m('collection.close'),
  };
}
