import Handlebars from 'handlebars';

/**
 * Charts drawn on the server as SVG, so they work without JavaScript. Each
 * has a <title> and <desc> (role="img") and the page shows the same data in a
 * table beside it. Text is escaped here, because the SVG is output raw.
 */

const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 16, bottom: 64, left: 64 };
/** GOV.UK blue, green and purple: each at least 3:1 against white (WCAG 1.4.11). */
export const SERIES_COLOURS = ['#1d70b8', '#00703c', '#4c2c92'];

/** Handlebars' own escaping: its character references are valid XML too. */
const escapeXml = (text: string) => Handlebars.escapeExpression(text);

/** A round upper bound for the axis, so ticks read as whole numbers. */
export function niceMaximum(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

interface ChartFrame {
  id: string;
  title: string;
  description: string;
  valueLabel: (value: number) => string;
}

function frame(chart: ChartFrame, maximum: number, body: string[], legend: string[] = []): string {
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const ticks = [0, 0.5, 1].map((share) => {
    const y = MARGIN.top + plotHeight * (1 - share);
    return `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" stroke="#b1b4b6" stroke-width="1"/><text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end" font-size="12" fill="#0b0c0c">${escapeXml(chart.valueLabel(maximum * share))}</text>`;
  });
  return [
    `<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT + (legend.length ? 24 : 0)}" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc" focusable="false">`,
    `<title id="${chart.id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${chart.id}-desc">${escapeXml(chart.description)}</desc>`,
    ...ticks,
    ...body,
    ...legend,
    `</svg>`,
  ].join('');
}

export interface BarChart extends ChartFrame {
  categories: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
  /** Optional low–high whiskers on the first series, such as an interquartile range. */
  ranges?: Array<[number, number] | null>;
}

/** Vertical bars, grouped when there is more than one series. */
export function barChart(chart: BarChart): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const highest = Math.max(
    0,
    ...chart.series.flatMap((series) => series.values.map((value) => value ?? 0)),
    ...(chart.ranges ?? []).map((range) => range?.[1] ?? 0),
  );
  const maximum = niceMaximum(highest);
  const slot = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = (slot * 0.7) / chart.series.length;
  const scale = (value: number) => (value / maximum) * plotHeight;
  const body: string[] = [];
  chart.categories.forEach((category, index) => {
    const left = MARGIN.left + slot * index + slot * 0.15;
    chart.series.forEach((series, seriesIndex) => {
      const value = series.values[index];
      if (value === null || value === undefined) return;
      const height = scale(value);
      const x = left + barWidth * seriesIndex;
      body.push(
        `<rect x="${x.toFixed(1)}" y="${(MARGIN.top + plotHeight - height).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" fill="${SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length]}" data-value="${value}"/>`,
      );
    });
    const range = chart.ranges?.[index];
    if (range) {
      const centre = left + barWidth / 2;
      const [low, high] = range.map((value) => MARGIN.top + plotHeight - scale(value));
      body.push(
        `<path d="M${centre.toFixed(1)} ${low.toFixed(1)}V${high.toFixed(1)}M${(centre - 6).toFixed(1)} ${low.toFixed(1)}h12M${(centre - 6).toFixed(1)} ${high.toFixed(1)}h12" stroke="#0b0c0c" stroke-width="2" fill="none" data-range="${range.join('-')}"/>`,
      );
    }
    body.push(
      `<text x="${(MARGIN.left + slot * index + slot / 2).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle" font-size="12" fill="#0b0c0c">${escapeXml(shorten(category, Math.max(4, Math.floor(slot / 7))))}</text>`,
    );
  });
  const legend =
    chart.series.length > 1
      ? chart.series.map(
          (series, index) =>
            `<rect x="${MARGIN.left + index * 200}" y="${HEIGHT + 4}" width="14" height="14" fill="${SERIES_COLOURS[index]}"/><text x="${MARGIN.left + index * 200 + 20}" y="${HEIGHT + 16}" font-size="12" fill="#0b0c0c">${escapeXml(series.name)}</text>`,
        )
      : [];
  return frame(chart, maximum, body, legend);
}

export interface LineChart extends ChartFrame {
  points: Array<{ label: string; value: number | null }>;
}

/** A line through the points that have values; gaps break the line. */
export function lineChart(chart: LineChart): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const maximum = niceMaximum(Math.max(0, ...chart.points.map((point) => point.value ?? 0)));
  const step = chart.points.length > 1 ? plotWidth / (chart.points.length - 1) : 0;
  const at = (index: number, value: number) => [
    MARGIN.left + (chart.points.length > 1 ? step * index : plotWidth / 2),
    MARGIN.top + plotHeight - (value / maximum) * plotHeight,
  ];
  const body: string[] = [];
  let path = '';
  chart.points.forEach((point, index) => {
    if (point.value === null) {
      path += ' ';
    } else {
      const [x, y] = at(index, point.value);
      path += `${path === '' || path.endsWith(' ') ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
      body.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="${SERIES_COLOURS[0]}" data-value="${point.value}"/>`);
    }
    const labelEvery = Math.ceil(chart.points.length / 8);
    if (index % labelEvery === 0)
      body.push(
        `<text x="${at(index, 0)[0].toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle" font-size="12" fill="#0b0c0c">${escapeXml(point.label)}</text>`,
      );
  });
  if (path.trim()) body.unshift(`<path d="${path.trim()}" stroke="${SERIES_COLOURS[0]}" stroke-width="3" fill="none"/>`);
  return frame(chart, maximum, body);
}
