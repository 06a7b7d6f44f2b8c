// The report's chart types, each a pure function from numbers to an SVG figure.
import { compact, escapeHtml } from './format.js';
import { HEIGHT, PALETTE, PLOT, WIDTH, emptyChart, frame, niceScale, plotHeight, plotWidth, y } from './svg-frame.js';

export interface Series {
  name: string;
  values: (number | null)[];
}

interface ChartOptions {
  yFormat?: (v: number) => string;
  /** fixed top of the y axis (e.g. 1 for rates) */
  yMax?: number;
}

const tip = (text: string) => `<title>${escapeHtml(text)}</title>`;

/** Bars per category, series stacked on top of each other (cost per day by model, cache hits). */
export function stackedBars(title: string, categories: string[], series: Series[], opts: ChartOptions = {}): string {
  if (categories.length === 0 || series.length === 0) return emptyChart(title, 'no data in this window');
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const scale = niceScale(opts.yMax ?? Math.max(...totals));
  const band = plotWidth / categories.length;
  const barWidth = Math.max(2, band * 0.7);
  const bars: string[] = [];
  categories.forEach((category, i) => {
    let base = 0;
    series.forEach((s, k) => {
      const value = s.values[i] ?? 0;
      if (value <= 0) return;
      const top = y(base + value, scale.max);
      const height = y(base, scale.max) - top;
      const x = PLOT.left + band * i + (band - barWidth) / 2;
      const label = `${category} · ${s.name}: ${(opts.yFormat ?? compact)(value)}`;
      bars.push(`<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}">${tip(label)}</rect>`);
      base += value;
    });
  });
  return frame(title, bars.join(''), { yMax: scale.max, yStep: scale.step, yFormat: opts.yFormat, xLabels: categories, legend: series.map((s) => s.name) });
}

/** Side-by-side bars per category (success / fallback rates by node type). */
export function groupedBars(title: string, categories: string[], series: Series[], opts: ChartOptions = {}): string {
  if (categories.length === 0 || series.length === 0) return emptyChart(title, 'no data in this window');
  const max = opts.yMax ?? Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const scale = niceScale(max);
  const band = plotWidth / categories.length;
  const barWidth = (band * 0.8) / series.length;
  const bars = categories.flatMap((category, i) =>
    series.map((s, k) => {
      const value = s.values[i];
      if (value === null || value === undefined) return '';
      const top = y(value, scale.max);
      const x = PLOT.left + band * i + band * 0.1 + barWidth * k;
      const label = `${category} · ${s.name}: ${(opts.yFormat ?? compact)(value)}`;
      return `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(1, barWidth - 2).toFixed(1)}" height="${(PLOT.top + plotHeight - top).toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}">${tip(label)}</rect>`;
    }),
  );
  return frame(title, bars.join(''), { yMax: scale.max, yStep: scale.step, yFormat: opts.yFormat, xLabels: categories, legend: series.map((s) => s.name) });
}

/** One line per series over ordered points (latency percentiles over time). */
export function lineChart(title: string, xLabels: string[], series: Series[], opts: ChartOptions = {}): string {
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (xLabels.length === 0 || values.length === 0) return emptyChart(title, 'no data in this window');
  const scale = niceScale(opts.yMax ?? Math.max(...values));
  const band = plotWidth / xLabels.length;
  const lines = series.map((s, k) => {
    const color = PALETTE[k % PALETTE.length];
    const points = s.values
      .map((v, i) => (v === null ? null : [PLOT.left + band * (i + 0.5), y(v, scale.max)] as const))
      .filter((p): p is readonly [number, number] => p !== null);
    const path = points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
    const dots = points
      .map(([px, py]) => `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="2.5" fill="${color}"/>`)
      .join('');
    return `<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>${dots}`;
  });
  return frame(title, lines.join(''), { yMax: scale.max, yStep: scale.step, yFormat: opts.yFormat, xLabels, legend: series.map((s) => s.name) });
}

/** Labelled horizontal bars, largest first (tokens by section of the context). */
export function horizontalBars(title: string, items: { label: string; value: number }[], opts: ChartOptions = {}): string {
  if (items.length === 0) return emptyChart(title, 'no context builds in this window');
  const shown = [...items].sort((a, b) => b.value - a.value).slice(0, 8);
  const max = Math.max(...shown.map((i) => i.value)) || 1;
  const left = 120;
  const row = (HEIGHT - 40) / shown.length;
  const fmt = opts.yFormat ?? compact;
  const bars = shown.map((item, i) => {
    const top = 20 + row * i;
    const width = ((WIDTH - left - 70) * item.value) / max;
    return (
      `<text x="${left - 8}" y="${(top + row / 2).toFixed(1)}" dy="0.32em" text-anchor="end" class="tick">${escapeHtml(item.label.slice(0, 18))}</text>` +
      `<rect x="${left}" y="${(top + row * 0.15).toFixed(1)}" width="${Math.max(1, width).toFixed(1)}" height="${(row * 0.7).toFixed(1)}" fill="${PALETTE[i % PALETTE.length]}">${tip(`${item.label}: ${fmt(item.value)}`)}</rect>` +
      `<text x="${(left + width + 6).toFixed(1)}" y="${(top + row / 2).toFixed(1)}" dy="0.32em" class="tick">${escapeHtml(fmt(item.value))}</text>`
    );
  });
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">${bars.join('')}</svg></figure>`
  );
}
