/**
 * Action links in mails: the port the mail activity depends on. links/ implements it (signed
 * tokens the web server accepts); without a web server, NO_LINKS, and mails tell people the CLI
 * command instead. Tests give the activities a real issuer bound to a test port.
 */
import type { Notification, Recipient } from '../../domain/notifications';
import type { Side } from '../../domain/schemas';

/** The step a link acts on, and for whom. */
export type LinkTarget =
  | { step: 'contribution'; cycleId: string; areaId: string; recipient: Recipient; role: 'area-owner'; side: Side; expiresAt: string }
  | { step: 'collection'; cycleId: string; recipient: Recipient; role: 'coordinator'; expiresAt: string }
  | { step: 'draft-review'; cycleId: string; version: number; recipient: Recipient; role: 'coordinator'; expiresAt: string }
  | { step: 'sign-off'; cycleId: string; version: number; director: Side; recipient: Recipient; role: 'director'; expiresAt: string };

/** Issues the URLs that mails carry. */
export interface ActionLinks {
  /** A signed link to the page of `target`; undefined when no web server is configured. */
  actionUrl(target: LinkTarget): Promise<string | undefined>;
  /** A download link for an artifact key (e.g. `2026/draft-v1/…docx`); undefined without a web server. */
  fileUrl(key: string): string | undefined;
}

/** For a deployment without the web server: mails carry the CLI instructions only. */
export const NO_LINKS: ActionLinks = {
  actionUrl: async () => undefined,
  fileUrl: () => undefined,
};

/** Time an action link stays valid after it is mailed, beyond the step's due date (ms). */
const LINK_GRACE_MS = 30 * 24 * 3600 * 1000;

/**
 * The step a notification's action link opens, valid until its due date plus a grace period of
 * 30 days; undefined for a mail that asks nothing of its recipient.
 */
export function linkTargetOf(n: Notification): LinkTarget | undefined {
  const until = (dueAt: string) => new Date(Date.parse(dueAt) + LINK_GRACE_MS).toISOString();
  switch (n.kind) {
    case 'contribution-request':
    case 'deadline-moved':
      return { step: 'contribution', cycleId: n.cycleId, areaId: n.area.id, recipient: n.to, role: 'area-owner', side: n.side, expiresAt: until(n.dueAt) };
    case 'inputs-complete':
      return { step: 'collection', cycleId: n.cycleId, recipient: n.to, role: 'coordinator', expiresAt: until(n.dueAt) };
    case 'draft-ready':
      return { step: 'draft-review', cycleId: n.cycleId, version: n.version, recipient: n.to, role: 'coordinator', expiresAt: until(n.dueAt) };
    case 'changes-requested':
      // Only the coordinator's copy carries a link: the next decision is the coordinator's.
      if (!n.coordinatorDueAt) return undefined;
      return { step: 'draft-review', cycleId: n.cycleId, version: n.version, recipient: n.to, role: 'coordinator', expiresAt: until(n.coordinatorDueAt) };
    case 'sign-off-request':
      return { step: 'sign-off', cycleId: n.cycleId, version: n.version, director: n.director, recipient: n.to, role: 'director', expiresAt: until(n.dueAt) };
    default:
      return undefined;
  }
}
