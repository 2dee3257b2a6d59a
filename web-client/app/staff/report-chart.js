// The reports' bar chart: its scale and geometry as plain numbers (tested), then an SVG built with DOM
// calls (no markup, no style attribute: colours come from staff.css by class). The figures are in a
// table next to it as well; the chart is one image with a label saying what it shows.

const SVG = 'http://www.w3.org/2000/svg';

/** The smallest 1, 2 or 5 × 10^n at least `value` (at least 1): the top of the scale. */
export function niceMax(value) {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Ticks from 0 to `max` (niceMax's), at most 5 intervals, whole numbers. */
export function ticks(max) {
  const steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];
  const step = steps.find((s) => max / s <= 5 && Number.isInteger(max / s)) || max;
  const out = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  return out;
}

/**
 * The bars of a chart `width` × `height` (SVG units) for `values`, with room for the axis:
 * `{max, ticks: [{value, y}], bars: [{x, y, width, height, value}], plot: {left, top, right, bottom}}`.
 * A bar's height is value / max of the plot's height; every bar has the same width and gap.
 */
export function barLayout(values, width, height) {
  const plot = { left: 40, top: 10, right: width - 10, bottom: height - 30 };
  const max = niceMax(Math.max(0, ...values));
  const plotHeight = plot.bottom - plot.top;
  const slot = values.length ? (plot.right - plot.left) / values.length : 0;
  const barWidth = slot * 0.7;
  const y = (v) => plot.bottom - (v / max) * plotHeight;
  return {
    max,
    plot,
    ticks: ticks(max).map((value) => ({ value, y: y(value) })),
    bars: values.map((value, i) => ({
      value, x: plot.left + i * slot + (slot - barWidth) / 2, width: barWidth, y: y(value), height: plot.bottom - y(value),
    })),
  };
}

/**
 * An SVG bar chart: one bar per point (`{label, value}`), the value's axis on the left, the labels
 * under the bars (every one when they fit, else spaced out). `title` names it for a screen reader.
 */
export function barChart(doc, points, { title, width = 640, height = 240 }) {
  const layout = barLayout(points.map((p) => p.value), width, height);
  const el = (tag, attributes, text) => {
    const node = doc.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title, 'data-max': layout.max });
  svg.append(el('title', null, title));
  const { plot } = layout;
  for (const tick of layout.ticks) {
    svg.append(el('line', { class: 'chart__grid', x1: plot.left, x2: plot.right, y1: tick.y, y2: tick.y }));
    svg.append(el('text', { class: 'chart__tick', x: plot.left - 6, y: tick.y + 4, 'text-anchor': 'end' }, String(tick.value)));
  }
  const every = Math.max(1, Math.ceil(points.length / 14)); // labels of about 14 days fit under the bars
  layout.bars.forEach((bar, i) => {
    const rect = el('rect', { class: 'chart__bar', x: bar.x, y: bar.y, width: bar.width, height: bar.height, 'data-value': bar.value });
    rect.append(el('title', null, `${points[i].label}: ${bar.value}`));
    svg.append(rect);
    if (i % every === 0) {
      svg.append(el('text', { class: 'chart__label', x: bar.x + bar.width / 2, y: plot.bottom + 18, 'text-anchor': 'middle' }, points[i].short || points[i].label));
    }
  });
  svg.append(el('line', { class: 'chart__axis', x1: plot.left, x2: plot.right, y1: plot.bottom, y2: plot.bottom }));
  return svg;
}
