// One colour per task prefix: a categorical palette indexed by the prefix's index on the server (the order prefixes
// were first seen), so that the first dozen prefixes never share a colour and every view of a server agrees.
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#393b79',
  '#ad494a',
  '#637939',
  '#7f7f7f',
];

/** The CSS colour of prefix number `index`; `light` gives a paler shade (tasks running). */
export function prefixColor(index, light = false) {
  const base = PALETTE[index % PALETTE.length];
  return light ? `${base}80` : base;
}
