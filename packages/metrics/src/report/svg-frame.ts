// The pieces every chart shares: a plot area with a nice y scale, gridlines, axis labels and a
// legend. Charts are plain SVG strings so the report needs no script and no network.
import { compact, escapeHtml } from './format.js';

export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export const WIDTH = 560;
export const HEIGHT = 260;
export const PLOT = { left: 56, right: 12, top: 30, bottom: 44 };
export const plotWidth = WIDTH - PLOT.left - PLOT.right;
export const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;

/** A round upper bound and tick step for values up to `max`. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return { max: step * Math.ceil(max / step), step };
}

export function y(value: number, max: number): number {
  return PLOT.top + plotHeight - (value / max) * plotHeight;
}

export function frame(title: string, body: string, opts: { yMax: number; yStep: number; yFormat?: (v: number) => string; xLabels: string[]; legend?: string[] }): string {
  const fmt = opts.yFormat ?? compact;
  const grid: string[] = [];
  for (let v = 0; v <= opts.yMax + opts.yStep / 2; v += opts.yStep) {
    const yy = y(v, opts.yMax).toFixed(1);
    grid.push(
      `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${yy}" y2="${yy}" stroke="#e5e7eb"/>` +
        `<text x="${PLOT.left - 6}" y="${yy}" dy="0.32em" text-anchor="end" class="tick">${escapeHtml(fmt(v))}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(opts.xLabels.length / 12));
  const band = plotWidth / Math.max(1, opts.xLabels.length);
  const xs = opts.xLabels
    .map((label, i) =>
      i % every === 0
        ? `<text x="${(PLOT.left + band * (i + 0.5)).toFixed(1)}" y="${HEIGHT - PLOT.bottom + 16}" text-anchor="middle" class="tick">${escapeHtml(label)}</text>`
        : '',
    )
    .join('');
  let legendX = PLOT.left;
  const legend = (opts.legend ?? [])
    .map((name, i) => {
      const label = name.length > 22 ? `${name.slice(0, 21)}…` : name;
      const x = legendX;
      legendX += 24 + label.length * 6.2;
      return `<rect x="${x}" y="8" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 14}" y="17" class="legend">${escapeHtml(label)}</text>`;
    })
    .join('');
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">` +
    `${grid.join('')}${body}${xs}${legend}` +
    `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${PLOT.top + plotHeight}" y2="${PLOT.top + plotHeight}" stroke="#9ca3af"/>` +
    `</svg></figure>`
  );
}

export function emptyChart(title: string, why: string): string {
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">` +
    `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" class="empty">${escapeHtml(why)}</text></svg></figure>`
  );
}
