// Number formatting shared by the views.

/** 1234567 -> "1.2 MB". */
export function formatBytes(n) {
  if (!Number.isFinite(n)) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let u = 0;
  let v = Math.abs(n);
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${n < 0 ? '-' : ''}${v.toFixed(v >= 100 || u === 0 ? 0 : 1)} ${units[u]}`;
}

/** 1234 -> "1,234". */
export function formatCount(n) {
  return Math.round(n).toLocaleString('en-US');
}
