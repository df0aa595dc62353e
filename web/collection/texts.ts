/** The texts of the coordinator's page that closes collection (/collection/:token). */

export const collectionTexts = {
  title: (year: number) => `Close collection: ${year} review`,
  intro: (name: string) => `You close the collection of inputs as the coordinator (${name}).`,
  allIn: (submitted: number, waived: number) => `All inputs are in: ${submitted} submitted, ${waived} waived.`,
  counts: (submitted: number, waived: number, awaiting: number) => `${submitted} submitted, ${waived} waived, ${awaiting} awaiting input.`,
  due: (date: string) => `Collection closes by itself on ${date}; until then, owners can still revise their input.`,
  areasHeading: 'Areas of cooperation',
  areaColumns: { area: 'Area', paragraphs: 'Paragraphs', status: 'Input', revision: 'Revision' },
  closeHeading: 'Close collection',
  closeText: 'No owner can submit or revise an input after this. Draft v1 of the report is assembled from the inputs on record and mailed to you for review.',
  closeAwaiting: (awaiting: number) => `${awaiting === 1 ? '1 area is' : `${awaiting} areas are`} still awaiting input; ${awaiting === 1 ? 'it' : 'they'} will be marked as missing in the draft.`,
  close: 'Close collection and assemble the draft',
};
