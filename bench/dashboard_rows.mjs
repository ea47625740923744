// The result table of the dashboard benchmarks (bench/dashboard.mjs, bench/dashboard-cluster.mjs): one row per mode,
// each judged against the 'no dashboard' mode of the same rounds.

/** The middle value (the upper one of an even count), as the dashboard benchmarks have always reported. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Rows for console.table and the RESULTS file: median and best wall time, throughput and CPU ratios to the
 * 'no dashboard' mode, and the median over rounds of the per-round ratio (steadier when the load swings).
 * `times` and `cpuTimes` map a mode to its per-round milliseconds; `cpuLabel` names the CPU column.
 */
export function dashboardRows(times, cpuTimes, tasks, cpuLabel) {
  const none = times['no dashboard'];
  const base = median(none);
  return Object.entries(times).map(([name, ms]) => ({
    mode: name,
    'median ms': median(ms).toFixed(0),
    'tasks/s': Math.round((tasks / median(ms)) * 1000),
    'throughput vs none': (base / median(ms)).toFixed(3),
    'paired ratio (median)': median(ms.map((x, i) => none[i] / x)).toFixed(3),
    'best ms': Math.min(...ms).toFixed(0),
    [cpuLabel]: median(cpuTimes[name]).toFixed(0),
    'CPU ratio': (median(cpuTimes['no dashboard']) / median(cpuTimes[name])).toFixed(3),
    runs: ms.map((x) => x.toFixed(0)).join(' '),
  }));
}
