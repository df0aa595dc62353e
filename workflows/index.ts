/** The workflows of sdp-review, as the worker registers them. */
export { reviewCycle } from './review-cycle';
export { areaCollection } from './area-collection';
export { scheduledKickoff } from './scheduled-kickoff';
