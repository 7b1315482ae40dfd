/**
 * Phase 5: the learning dashboard on its own database of 1,000,000 complaints. The phase itself
 * is bench/dashboard.bench.ts (also runnable alone); this gives its figures a type.
 */
import { runDashboardBench } from '../dashboard.bench';

export interface DashboardTimings {
  p50: number;
  p95: number;
  max: number;
}

export interface DashboardResult {
  dashboard: {
    complaints: number;
    requests: number;
    modelMs: DashboardTimings;
    chartsMs: DashboardTimings;
    totalMs: DashboardTimings;
    drillPageMs: DashboardTimings;
    slowest: Array<{ ms: number; shape: string }>;
    meanSvgBytes: number;
    rollupFullRefreshMs: number;
    rollupIncrementalRefreshMs: number;
  };
}

/** `argv`: the dashboard's own flags (--complaints N, --requests N, …), as after `--only dashboard`. */
export async function runDashboard(argv: string[] = []): Promise<DashboardResult> {
  const figures = await runDashboardBench(argv);
  if (typeof figures.dashboard !== 'object' || figures.dashboard === null) throw new Error('the dashboard phase returned no figures');
  // dashboard.bench.ts returns an untyped record; its shape is the one above.
  return figures as unknown as DashboardResult;
}
