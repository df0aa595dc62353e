/**
 * Action links in mails. The web server (server/) signs them; without one, mails tell people the
 * CLI command instead. Activities depend on this interface only, so tests can give them a real
 * issuer bound to a test port.
 */
import type { Recipient } from '../domain/notifications';
import type { Side } from '../domain/schemas';

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
