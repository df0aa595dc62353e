/**
 * Links in mails and pages: what a link is (./claims.ts) and how it is signed and checked
 * (./issuer.ts). The worker uses the issuer to put links in mails (it implements the activities'
 * `ActionLinks` port); the web server uses it to check the links people open.
 */
export { LinkClaims, LinkStep, STEP_PAGE, type VerifiedLink } from './claims';
export { createLinkIssuer, loadLinkSecret, type LinkIssuer } from './issuer';
