/**
 * The texts of an owner's saved draft of an input and of the read-only view of the input on record
 * once the area takes no more (GET and POST /contribute/:token), in one language (web/locales:
 * `drafts.*`).
 */
import type { Messages } from '../../infra/i18n';

/** The drafts' and the read-only view's texts over the messages `m`. */
export function draftsTexts(m: Messages) {
  return {
    /** The button beside "Submit", and its hint. */
    save: m('drafts.save'),
    saveHint: m('drafts.saveHint'),
    savedTitle: m('drafts.savedTitle'),
    /** `date`: local date and time of the save. */
    saved: (date: string) => m('drafts.saved', { date }),
    notSavedTitle: m('drafts.notSavedTitle'),
    notSaved: m('drafts.notSaved'),
    storeDownTitle: m('drafts.storeDownTitle'),
    storeDown: m('drafts.storeDown'),
    resumedTitle: m('drafts.resumedTitle'),
    /** The form filled from a draft saved at `date` by `name`. */
    resumed: (date: string, name: string) => m('drafts.resumed', { date, name }),
    /** An input recorded after the draft was saved (the other owner's, or a command's). */
    newerInput: (name: string, date: string, revision: number) => m('drafts.newerInput', { name, date, revision }),
    unreadableTitle: m('drafts.unreadableTitle'),
    unreadable: m('drafts.unreadable'),
    readOnly: {
      title: m('drafts.readOnly.title'),
      text: m('drafts.readOnly.text'),
      onRecord: (revision: number) => m('drafts.readOnly.onRecord', { revision }),
      submittedBy: (name: string, date: string) => m('drafts.readOnly.submittedBy', { name, date }),
      nothing: m('drafts.readOnly.nothing'),
      unreadable: m('drafts.readOnly.unreadable'),
      empty: m('drafts.readOnly.empty'),
      revisionsHeading: m('drafts.readOnly.revisionsHeading'),
      revisionsNote: m('drafts.readOnly.revisionsNote'),
      columns: {
        revision: m('drafts.readOnly.columns.revision'),
        by: m('drafts.readOnly.columns.by'),
        at: m('drafts.readOnly.columns.at'),
        content: m('drafts.readOnly.columns.content'),
      },
      shownAbove: m('drafts.readOnly.shownAbove'),
      notKept: m('drafts.readOnly.notKept'),
      noDeliverables: m('drafts.readOnly.noDeliverables'),
    },
  };
}
