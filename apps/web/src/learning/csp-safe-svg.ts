/*
 * ECharts' SVG carries `style="font-size:…;font-family:…"` on its text and a <style> element of
 * hover rules. The web app's CSP (`style-src 'self'`, no 'unsafe-inline') blocks both when the
 * SVG is inlined in a page, so the text would lose its size and font. The same declarations
 * are valid SVG presentation attributes, which no CSP governs: each `style` attribute becomes
 * attributes, and the <style> element goes (its rules only restyle a hovered bar, and the
 * static chart is not interactive: the table beside it is). A declaration that is not a
 * known presentation attribute is dropped rather than smuggled through.
 */

const PRESENTATION = new Set([
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-linecap',
  'stroke-linejoin', 'opacity', 'font-size', 'font-family', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline',
  'paint-order', 'visibility', 'display',
]);

const STYLE_ATTRIBUTE = ' style="';

/** Linear: one pass for the <style> elements, one for the attributes; no backtracking pattern. */
export function cspSafeSvg(svg: string): string {
  return styleAttributesToPresentation(withoutStyleElements(svg));
}

function withoutStyleElements(svg: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = svg.indexOf('<style', at);
    if (open < 0) return out + svg.slice(at);
    const close = svg.indexOf('</style>', open);
    if (close < 0) throw new Error('unterminated <style> in a chart SVG');
    out += svg.slice(at, open);
    at = close + '</style>'.length;
  }
}

function styleAttributesToPresentation(svg: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const start = svg.indexOf(STYLE_ATTRIBUTE, at);
    if (start < 0) return out + svg.slice(at);
    const valueStart = start + STYLE_ATTRIBUTE.length;
    const end = svg.indexOf('"', valueStart);
    if (end < 0) throw new Error('unterminated style attribute in a chart SVG');
    out += svg.slice(at, start) + presentationAttributes(svg.slice(valueStart, end));
    at = end + 1;
  }
}

function presentationAttributes(declarations: string): string {
  let attributes = '';
  for (const declaration of declarations.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const name = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    // The value came from inside a double-quoted attribute, so it holds no '"'; '<' and '&' are already escaped.
    if (PRESENTATION.has(name) && value !== '') attributes += ` ${name}="${value}"`;
  }
  return attributes;
}
