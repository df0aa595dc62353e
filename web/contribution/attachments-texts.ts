/** The texts of an input's attachments (the section of the form, the upload's answers), in one language (web/locales: `attachments.*`). */
import type { Messages } from '../../infra/i18n';

/** The attachments' texts over the messages `m`. */
export function attachmentsTexts(m: Messages) {
  return {
    heading: m('attachments.heading'),
    /** `size`: the largest file, e.g. `20 MB`; `max`: most files. */
    hint: (size: string, max: number) => m('attachments.hint', { size, max }),
    none: m('attachments.none'),
    choose: m('attachments.choose'),
    upload: m('attachments.upload'),
    uploadHint: m('attachments.uploadHint'),
    remove: (name: string) => m('attachments.remove', { name }),
    label: (n: number) => m('attachments.label', { n }),
    uploadedTitle: m('attachments.uploadedTitle'),
    uploaded: (names: string) => m('attachments.uploaded', { names }),
    removedTitle: m('attachments.removedTitle'),
    removed: (name: string) => m('attachments.removed', { name }),
    noFile: m('attachments.noFile'),
    /** A file chosen in the form but sent with "Submit" instead of "Upload". */
    notUploaded: (name: string) => m('attachments.notUploaded', { name }),
    notInStore: (name: string) => m('attachments.notInStore', { name }),
    storeDownTitle: m('attachments.storeDownTitle'),
    storeDown: m('attachments.storeDown'),
    /** `found`: what the content is (`exe`, `zip`, …), '' when unknown (text). */
    refusedType: (name: string, found: string) => m('attachments.refusedType', { name, found: found || '-' }),
    refusedMismatch: (name: string, type: string) => m('attachments.refusedMismatch', { name, type }),
    refusedSize: (name: string, max: string) => m('attachments.refusedSize', { name, max }),
    refusedEmpty: (name: string) => m('attachments.refusedEmpty', { name }),
    refusedName: (name: string) => m('attachments.refusedName', { name }),
    refusedCount: (name: string, max: number) => m('attachments.refusedCount', { name, max }),
    /** The files of a draft's inputs on the review and sign-off pages (web/views/input-attachments.ts). */
    inputsHeading: m('attachments.inputsHeading'),
    inputsIntro: m('attachments.inputsIntro'),
    inputsNone: m('attachments.inputsNone'),
    /** `areas`: the titles of the areas whose input could not be read, as a list. */
    inputsUnreadable: (areas: string) => m('attachments.inputsUnreadable', { areas }),
  };
}
