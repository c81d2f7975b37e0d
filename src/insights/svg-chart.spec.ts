import { barChart, lineChart, niceMaximum } from './svg-chart';

const values = (svg: string, element: string) => [...svg.matchAll(new RegExp(`<${element} [^>]*data-value="([^"]+)"`, 'g'))].map((match) => Number(match[1]));

describe('server-rendered charts', () => {
  it('gives every chart a title and description that label it as an image', () => {
    const svg = barChart({
      id: 'demand',
      title: 'Requirements by month',
      description: 'Most in March',
      categories: ['Jan', 'Feb'],
      series: [{ name: 'Requirements', values: [2, 4] }],
      valueLabel: String,
    });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="demand-title demand-desc"/);
    expect(svg).toContain('<title id="demand-title">Requirements by month</title>');
    expect(svg).toContain('<desc id="demand-desc">Most in March</desc>');
  });

  it('draws one bar per value, with heights in proportion to the data', () => {
    const svg = barChart({
      id: 'c',
      title: 't',
      description: 'd',
      categories: ['A', 'B', 'C'],
      series: [{ name: 'n', values: [5, 10, null] }],
      valueLabel: String,
    });
    expect(values(svg, 'rect')).toEqual([5, 10]);
    const heights = [...svg.matchAll(/height="([\d.]+)" fill="[^"]+" data-value/g)].map((match) => Number(match[1]));
    expect(heights[1]).toBeCloseTo(heights[0] * 2, 0);
    expect(svg).toContain('>C</text>');
  });

  it('groups series with a legend, and draws ranges as whiskers', () => {
    const svg = barChart({
      id: 'c',
      title: 't',
      description: 'd',
      categories: ['2025', '2026'],
      series: [
        { name: 'ASGSF', values: [3, 4] },
        { name: 'Top-up', values: [1, 2] },
      ],
      ranges: [[2, 5], null],
      valueLabel: String,
    });
    expect(values(svg, 'rect')).toEqual([3, 1, 4, 2]);
    expect(svg).toContain('>Top-up</text>');
    expect(svg).toContain('data-range="2-5"');
  });

  it('escapes labels, which come from data', () => {
    const svg = barChart({
      id: 'c',
      title: '<script>',
      description: '"quoted" & more',
      categories: ['<b>'],
      series: [{ name: 'n', values: [1] }],
      valueLabel: String,
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&quot;quoted&quot; &amp; more');
  });

  it('draws a line through the points that have values', () => {
    const svg = lineChart({
      id: 'trend',
      title: 'Median rate',
      description: 'Rising',
      points: [
        { label: 'Q1', value: 80 },
        { label: 'Q2', value: null },
        { label: 'Q3', value: 90 },
      ],
      valueLabel: String,
    });
    expect(values(svg, 'circle')).toEqual([80, 90]);
    expect(svg.match(/<path d="([^"]+)"/)![1].match(/M/g)).toHaveLength(2);
  });

  it('rounds the axis to a readable maximum', () => {
    expect([0, 7, 12, 180, 2300].map(niceMaximum)).toEqual([1, 10, 20, 200, 2500]);
  });
});
