/**
 * The coordinator's written synthesis in the report's model (issue 14): the executive summary and
 * the points for the SA Council's attention as the coordinator wrote them, read into paragraphs and
 * lists once (domain/synthesis.ts), with the line that says who wrote them, when, on which draft.
 * The renderers place it first, right after the contents; without a synthesis the report is as
 * before. The generated summary and points keep their place after it, under names of their own.
 */
import type { ReportInput } from '../../domain/report';
import { synthesisBlocks, type SynthesisBlock } from '../../domain/synthesis';
import { cleanText } from '../../domain/text';
import { localDate } from './format';
import { TEXTS } from './texts';

/** The written synthesis as every format shows it; a part with no text has no block and is left out. */
export interface SynthesisView {
  summary: SynthesisBlock[];
  attention: SynthesisBlock[];
  /** "Written by … on 2 March 2027 (draft v1)." */
  byline: string;
  /** The draft it was written on. */
  version: number;
}

/** The headings of the generated executive summary and points for attention. */
export interface PartHeadings {
  summary: string;
  attention: string;
}

/**
 * The synthesis of `input` ready to show, or undefined when none was written (or nothing of it
 * has text). Dates are local in the cycle's time zone. Throws RangeError for an instant that is not one.
 */
export function synthesisView(input: Pick<ReportInput, 'synthesis' | 'timeZone'>): SynthesisView | undefined {
  const s = input.synthesis;
  if (!s) return undefined;
  const summary = synthesisBlocks(s.summary);
  const attention = synthesisBlocks(s.attention);
  if (!summary.length && !attention.length) return undefined;
  return { summary, attention, byline: TEXTS.synthesis.byline(cleanText(s.byName), localDate(s.at, input.timeZone), s.version), version: s.version };
}

/**
 * The headings of the generated parts: as before without a synthesis; with one, names that cannot
 * be taken for the coordinator's own executive summary and points.
 */
export function partHeadings(synthesis: SynthesisView | undefined): PartHeadings {
  return synthesis
    ? { summary: TEXTS.synthesis.figuresHeading, attention: TEXTS.synthesis.proposedHeading }
    : { summary: TEXTS.headings.summary, attention: TEXTS.headings.attention };
}

/** The parts of the synthesis that have text, in the report's order, each with its heading and anchor id. */
export function synthesisParts(synthesis: SynthesisView | undefined): { id: string; heading: string; blocks: SynthesisBlock[] }[] {
  if (!synthesis) return [];
  return [
    { id: 'synthesis-summary', heading: TEXTS.synthesis.summaryHeading, blocks: synthesis.summary },
    { id: 'synthesis-attention', heading: TEXTS.synthesis.attentionHeading, blocks: synthesis.attention },
  ].filter((p) => p.blocks.length > 0);
}
