// A time-series chart drawn by uPlot from columns of the store's samples (time in epoch ms, converted to seconds
// for uPlot). Each series names a sample column, or derives values from the samples (`values(samples)`).
import uPlot from '/static/uplot/uPlot.esm.js';

export class TimeSeriesView {
  /**
   * `series`: [{ label, column | values, scale, color, value (legend formatter) }]; `axes`: uPlot axes for the
   * scales used (the x axis is added).
   */
  constructor(element, { title, series, axes, height = 180 }) {
    this.element = element;
    this.series = series;
    this.height = height;
    const scales = { x: { time: true } };
    for (const s of series) scales[s.scale] ??= {};
    this.chart = new uPlot(
      {
        title,
        width: this.width(),
        height,
        scales,
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            scale: s.scale,
            stroke: s.color,
            width: 1.5,
            value: s.value,
            points: { show: false },
          })),
        ],
        axes: [{}, ...axes.map((a) => ({ size: 70, ...a }))],
      },
      [[], ...series.map(() => [])],
      element,
    );
  }

  width() {
    return Math.max(300, this.element.clientWidth || 600);
  }

  resize() {
    this.chart.setSize({ width: this.width(), height: this.height });
  }

  render(store) {
    const samples = store.samples;
    const time = (samples.time ?? []).map((t) => t / 1000);
    const columns = this.series.map((s) => (s.values ? s.values(samples) : (samples[s.column] ?? [])));
    this.chart.setData([time, ...columns]);
  }
}

/** Tasks finished per second between consecutive samples. */
export function throughput(samples) {
  const { time = [], done = [] } = samples;
  return done.map((d, i) => (i === 0 ? 0 : ((d - done[i - 1]) * 1000) / Math.max(1, time[i] - time[i - 1])));
}
