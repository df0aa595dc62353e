/**
 * The gauges of running review cycles — how many are in each stage, how many of their areas are
 * overdue — refreshed by a small periodic job in the worker process, which serves them on its
 * Prometheus endpoint next to the SDK's metrics. Gauges describe the namespace, not the process:
 * every worker replica reports the same values, so a dashboard takes `max` across instances.
 *
 * Each refresh costs one visibility listing of running `reviewCycle` workflows (at most
 * MAX_CYCLES: there is one per year) and one `state` query per running cycle, each with a short
 * deadline; a refresh never overlaps the previous one.
 */
import type { Client } from '@temporalio/client';
import type { MetricMeter } from '@temporalio/common';
import { isAreaOverdue } from '../domain/figures';
import { METRICS } from '../domain/metrics';
import { ReviewStageKey, ReviewYearKey, stateQuery } from '../domain/messages';
import type { Stage } from '../domain/schemas';

/** Default time between refreshes (ms). */
export const GAUGE_INTERVAL_MS = 60_000;
/** Deadline of the listing and of each state query (ms). */
const CALL_TIMEOUT_MS = 5_000;
/** Running cycles read per refresh, at most. */
const MAX_CYCLES = 20;
/** The stages a running cycle can be in: each gets a value, 0 when no cycle is in it. */
const RUNNING_STAGES: readonly Stage[] = ['collecting', 'drafting', 'sign-off', 'submission'];

/** What one refresh found: running cycles per stage, and overdue areas per running cycle's year (undefined when its query failed). */
export interface CycleGaugeValues {
  byStage: Record<string, number>;
  overdueByYear: Map<number, number | undefined>;
}

/**
 * Reads the gauges' values at `now` (ms since the epoch): lists running review cycles through
 * visibility (`ReviewStage`, `ReviewYear`), then queries each one's state and counts its overdue
 * areas (domain/figures.ts `isAreaOverdue`). A failed query leaves that year's value undefined;
 * a failed listing rejects (the caller keeps the previous values).
 */
export async function readCycleGauges(client: Client, now = Date.now()): Promise<CycleGaugeValues> {
  const byStage: Record<string, number> = Object.fromEntries(RUNNING_STAGES.map((s) => [s, 0]));
  const running: { workflowId: string; year: number }[] = [];
  await client.withDeadline(Date.now() + CALL_TIMEOUT_MS, async () => {
    const query = `WorkflowType = 'reviewCycle' AND ExecutionStatus = 'Running'`;
    for await (const wf of client.workflow.list({ query, pageSize: MAX_CYCLES })) {
      const stage = String(wf.typedSearchAttributes.get(ReviewStageKey) ?? 'unknown');
      byStage[stage] = (byStage[stage] ?? 0) + 1;
      running.push({ workflowId: wf.workflowId, year: Number(wf.typedSearchAttributes.get(ReviewYearKey) ?? 0) });
      if (running.length >= MAX_CYCLES) break;
    }
  });
  const overdueByYear = new Map<number, number | undefined>();
  await Promise.all(
    running.map(async ({ workflowId, year }) => {
      try {
        const state = await client.withDeadline(Date.now() + CALL_TIMEOUT_MS, () => client.workflow.getHandle(workflowId).query(stateQuery));
        overdueByYear.set(year, state.areas.filter((a) => isAreaOverdue(a, now)).length);
      } catch {
        overdueByYear.set(year, undefined);
      }
    }),
  );
  return { byStage, overdueByYear };
}

/** Where a gauge refresh reports a failure: the worker's pino logger fits. */
export interface GaugeLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * Starts refreshing `sdp_review_cycles{stage}` and `sdp_review_overdue_areas{year}` on `meter`
 * (the process Runtime's, so they are served on the worker's /metrics): at once, then every
 * `intervalMs` (default GAUGE_INTERVAL_MS). A year whose cycle is no longer running is set to 0,
 * since a gauge cannot be withdrawn. A failed refresh is logged (warn) and leaves the values as
 * they were. `stop()` ends the job at once: a refresh under way is dropped (its calls fail, unlogged,
 * when the caller closes the connection), so stopping the worker never waits for a query.
 */
export function startCycleGauges(opts: { client: Client; meter: MetricMeter; log: GaugeLog; intervalMs?: number }): { stop(): void } {
  const { cycles, overdueAreas } = METRICS;
  const stageGauge = opts.meter.createGauge(cycles.name, 'int', undefined, cycles.help);
  const overdueGauge = opts.meter.createGauge(overdueAreas.name, 'int', undefined, overdueAreas.help);
  const yearsSeen = new Set<number>();
  let stopped = false;
  let inFlight: Promise<void> | undefined;

  const refresh = async () => {
    try {
      const values = await readCycleGauges(opts.client);
      if (stopped) return;
      for (const [stage, count] of Object.entries(values.byStage)) stageGauge.set(count, { stage });
      for (const year of yearsSeen) if (!values.overdueByYear.has(year)) overdueGauge.set(0, { year: String(year) });
      for (const [year, count] of values.overdueByYear) {
        yearsSeen.add(year);
        if (count !== undefined) overdueGauge.set(count, { year: String(year) });
        else opts.log.warn({ year }, 'cycle gauges: the state query of a running cycle failed; its overdue areas keep their last value');
      }
    } catch (err) {
      if (!stopped) opts.log.warn({ err: (err as Error)?.message }, 'cycle gauges: listing running cycles failed; the gauges keep their last values');
    }
  };
  const tick = () => {
    // A slow Temporal must not pile refreshes up: skip a tick while the last one runs.
    if (stopped || inFlight) return;
    inFlight = refresh().finally(() => (inFlight = undefined));
  };
  tick();
  const timer = setInterval(tick, opts.intervalMs ?? GAUGE_INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
