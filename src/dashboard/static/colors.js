// One colour per task prefix, stable across pages and reloads: a hue from a hash of the name.
const cache = new Map();

/** The CSS colour of a task prefix. */
export function prefixColor(name, lightness = 52) {
  const id = `${name}/${lightness}`;
  let color = cache.get(id);
  if (color === undefined) {
    let h = 2166136261;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
    const hue = (((h >>> 0) % 360) + 360) % 360;
    color = `hsl(${hue} 65% ${lightness}%)`;
    cache.set(id, color);
  }
  return color;
}
