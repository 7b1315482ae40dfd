import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { AXIS_COLOUR, TEXT_COLOUR } from './palette';

export interface ChartFrame {
  /** Stable id, used for the title/desc ids: letters, digits and '-'. */
  id: string;
  title: string;
  /** One or two sentences for screen readers: what the chart shows; the table beside it has the figures. */
  description: string;
  width: number;
  height: number;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Renders an ECharts option to an SVG string on the server: fixed size, no animation, and
 * the same string for the same input (zrender numbers its instances, so its class names are
 * and clip-path ids are rewritten to the chart id, which also keeps
 * two charts on one page from sharing an id). The SVG is role="img", labelled by its <title> and <desc>;
 * its text and shapes are hidden from assistive technology behind that label, and the data
 * table beside it carries the figures.
 */
export function renderChartSvg(option: EChartsOption, frame: ChartFrame): string {
  if (!/^[a-z][a-z0-9-]*$/i.test(frame.id)) throw new RangeError(`chart id must be letters, digits and '-', got ${frame.id}`);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: frame.width, height: frame.height });
  let svg: string;
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Arial, sans-serif', color: TEXT_COLOUR, fontSize: 12 },
      color: undefined,
      ...option,
    } as EChartsOption);
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const titleId = `${frame.id}-title`;
  const descId = `${frame.id}-desc`;
  const open = svg.indexOf('>', svg.indexOf('<svg'));
  if (open < 0) throw new Error('ECharts did not return an SVG');
  const head = svg
    .slice(0, open)
    .replace('<svg', `<svg role="img" aria-labelledby="${titleId} ${descId}" focusable="false" data-chart="${frame.id}"`);
  // zrender's class counter is global to the process: number the classes by first use instead.
  const classes = new Map<string, number>();
  const body = svg
    .slice(open + 1)
    .replace(/zr\d+-cls-(\d+)/g, (_match, n: string) => {
      if (!classes.has(n)) classes.set(n, classes.size);
      return `${frame.id}-cls-${classes.get(n)}`;
    })
    .replace(/zr\d+-/g, `${frame.id}-`);
  return `${head}><title id="${titleId}">${escapeXml(frame.title)}</title><desc id="${descId}">${escapeXml(frame.description)}</desc>${body}`;
}

export const AXIS_STYLE = {
  axisLine: { lineStyle: { color: AXIS_COLOUR } },
  axisLabel: { color: TEXT_COLOUR },
  axisTick: { lineStyle: { color: AXIS_COLOUR } },
};
