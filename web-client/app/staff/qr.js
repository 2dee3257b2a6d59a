// A QR code of a text (an otpauth:// URI), drawn as an SVG built with DOM calls: no markup
// from strings and no style attribute, so the page's CSP stays strict. The code itself comes
// from the vendored qrcode-generator (shared/vendor/, see web-client/README.md).

import { qrcode } from '../shared/vendor/qrcode-generator.js';

const SVG = 'http://www.w3.org/2000/svg';
/** The quiet zone around the symbol, in modules (ISO/IEC 18004 asks for 4). */
export const QUIET_ZONE = 4;

/**
 * The symbol's modules, row by row (true = dark), for the UTF-8 bytes of `text`, at error
 * correction level M and the smallest version that holds it.
 */
export function qrMatrix(text) {
  const bytes = new TextEncoder().encode(String(text));
  // The library's byte mode takes each char code & 0xff: hand it the UTF-8 bytes one per char,
  // rather than replace its global string converter.
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const qr = qrcode(0, 'M');
  qr.addData(binary, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const rows = [];
  for (let r = 0; r < n; r += 1) {
    const row = [];
    for (let c = 0; c < n; c += 1) row.push(qr.isDark(r, c));
    rows.push(row);
  }
  return rows;
}

/** The path data of the dark modules, one `M x y h1 v1 h-1 z` square each, offset by the quiet zone. */
export function qrPath(matrix) {
  const parts = [];
  matrix.forEach((row, r) => row.forEach((dark, c) => {
    if (dark) parts.push(`M${c + QUIET_ZONE} ${r + QUIET_ZONE}h1v1h-1z`);
  }));
  return parts.join('');
}

/**
 * An <svg role="img"> of the QR code of `text`, black on white whatever the page's colours,
 * with `label` as its accessible name.
 */
export function qrSvg(doc, text, label) {
  const matrix = qrMatrix(text);
  const size = matrix.length + 2 * QUIET_ZONE;
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('class', 'qr');
  svg.dataset.modules = String(matrix.length);
  const background = doc.createElementNS(SVG, 'rect');
  background.setAttribute('width', String(size));
  background.setAttribute('height', String(size));
  background.setAttribute('fill', '#ffffff');
  const modules = doc.createElementNS(SVG, 'path');
  modules.setAttribute('d', qrPath(matrix));
  modules.setAttribute('fill', '#000000');
  svg.append(background, modules);
  return svg;
}
