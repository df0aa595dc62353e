/** A MetricMeter that records what is emitted on it, and a parser of Prometheus' text format. */
import type { MetricMeter, MetricTags } from '@temporalio/common';

/** One value emitted: counter increments, histogram records and gauge sets alike. */
export interface Emitted {
  name: string;
  kind: 'counter' | 'histogram' | 'gauge' | 'up-down-counter';
  value: number;
  tags: MetricTags;
  unit?: string;
  valueType: 'int' | 'float';
}

/** A MetricMeter that appends every value emitted to `emitted`, with the meter's and the call's tags merged. */
export function recordingMeter(emitted: Emitted[] = [], baseTags: MetricTags = {}): MetricMeter & { emitted: Emitted[] } {
  const metric = <K extends Emitted['kind']>(kind: K, name: string, valueType: 'int' | 'float', unit: string | undefined, description: string | undefined, tags: MetricTags) => {
    const emit = (value: number, extra?: MetricTags) => void emitted.push({ name, kind, value, tags: { ...tags, ...extra }, unit, valueType });
    const self = {
      name, kind, unit, description, valueType,
      add: emit, record: emit, set: emit,
      withTags: (more: MetricTags) => metric(kind, name, valueType, unit, description, { ...tags, ...more }),
    };
    return self as never;
  };
  return {
    emitted,
    createCounter: (name, unit, description) => metric('counter', name, 'int', unit, description, baseTags),
    createHistogram: (name, valueType = 'int', unit, description) => metric('histogram', name, valueType, unit, description, baseTags),
    createGauge: (name, valueType = 'int', unit, description) => metric('gauge', name, valueType, unit, description, baseTags),
    withTags: (tags) => recordingMeter(emitted, { ...baseTags, ...tags }),
  };
}

/** One sample of a Prometheus text exposition: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m || line.startsWith('#')) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function sumOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}
