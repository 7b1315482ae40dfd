/*
 * Series colours, each at least 3:1 against white (WCAG 1.4.11 non-text contrast), drawn from
 * the GOV.UK palette. Colour is never the only signal: lines also differ by marker and dash,
 * and every chart has a table beside it.
 */
export const SERIES_COLOURS = ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#912b88', '#505a5f', '#b1560f', '#0b0c0c'] as const;
export const TEXT_COLOUR = '#0b0c0c';
export const AXIS_COLOUR = '#505a5f';
export const GRID_COLOUR = '#b1b4b6';

export const LINE_SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect', 'emptyCircle'] as const;
export const LINE_DASHES = ['solid', 'dashed', 'dotted'] as const;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of '#rrggbb'. */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new RangeError(`expected #rrggbb, got ${hex}`);
  const [r, g, b] = [match[1], match[2], match[3]].map((h) => channel(parseInt(h, 16)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two '#rrggbb' colours. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length];
}

/** Marker and dash of the `index`-th line: neighbours differ in both; 24 distinct pairs before any repeats. */
export function lineStyleOf(index: number): { symbol: string; dash: (typeof LINE_DASHES)[number] } {
  return { symbol: LINE_SYMBOLS[index % LINE_SYMBOLS.length], dash: LINE_DASHES[index % LINE_DASHES.length] };
}
