// Piscina worker for the bare-pool baseline of bench/scheduler.mjs: one trivial task per run.
export default function inc(x) {
  return x + 1;
}
