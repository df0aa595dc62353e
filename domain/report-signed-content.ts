/**
 * The signed content of a progress report and its canonical JSON: what both Directors signed, in a
 * form anyone can hash again from the final package (`sha256sum <file>`), independent of how the
 * .docx or PDF bytes happen to be laid out.
 *
 * Canonical JSON here is RFC 8785 (JSON Canonicalization Scheme) for the values this content holds:
 * object keys sorted by UTF-16 code units, no whitespace, strings as `JSON.stringify` writes them,
 * integers only (no floating point), no trailing newline. Pure: no hashing here (domain code runs in
 * the workflow sandbox); the activities hash the bytes.
 */

/**
 * `value` as canonical JSON text (RFC 8785 for strings, integers, booleans, null, arrays, plain
 * objects). Throws TypeError for a non-integer number or a value JSON cannot hold (undefined, a function).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`canonical JSON here holds integers only, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires.
    const keys = Object.keys(value).sort();
    return `{${keys
      .map((k) => {
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) throw new TypeError(`canonical JSON cannot hold undefined (key "${k}")`);
        return `${JSON.stringify(k)}:${canonicalJson(v)}`;
      })
      .join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}

/** One commitment as signed: its status this cycle and the owners' comment. */
export interface SignedCommitment {
  id: string;
  paragraph: number;
  wording: string;
  /** `achieved`, `ongoing`, `in-progress`, `not-started`, `not-reported` or `waived`. */
  status: string;
  comment: string;
}

/** One area of cooperation as signed. */
export interface SignedArea {
  id: string;
  title: string;
  paragraphs: number[];
  /** The rating shown: `green`, `amber`, `red` or `waived` (after the coordinator's override). */
  rating: string;
  ratingBasis: string;
  commitments: SignedCommitment[];
  narrative: string;
  nextSteps: string;
  deliverables: { title: string; status: string; date: string; description: string }[];
}

/**
 * What both Directors signed (§9): the identity of the signed draft and its substance, area by area.
 * The Directors' decisions are not part of it: they are made on it (the manifest lists them).
 */
export interface SignedContent {
  /** Format of this record, so a later reader knows how it was made. */
  format: 'sdp-review/signed-content/1';
  partnership: string;
  year: number;
  /** The signed draft's version and reference. */
  signedVersion: number;
  signedReference: string;
  /** Local dates YYYY-MM-DD, inclusive. */
  reportingPeriod: { from: string; to: string };
  areas: SignedArea[];
}
