import { createHash } from 'node:crypto';
import { htmlReportScript } from './html-report-script.js';
import { htmlReportStyle } from './html-report-style.js';
import type { ReportModel } from './report-model.js';
import { htmlText, scriptJson } from './script-json.js';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The HTML report: one self-contained page (style, script and data inline; charts are SVG drawn by the script) that
 * works offline from `file://`. The data is JSON in a `<script type="application/json">` element; the script builds
 * the page from it with `textContent`, never with markup. A content security policy allows only this page's own
 * style and script (by hash), and no network, images, frames or forms.
 */
export function renderHtmlReport(model: ReportModel): string {
  const policy = [
    "default-src 'none'",
    `style-src ${sha256(htmlReportStyle)}`,
    `script-src ${sha256(htmlReportScript)}`,
    "img-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(model.title)}</title>`,
    `<style>${htmlReportStyle}</style>`,
    '</head>',
    '<body>',
    '<main id="app"><p>This report is drawn by a script; allow scripts for this file to see it.</p></main>',
    `<script type="application/json" id="report-data">${scriptJson(model)}</script>`,
    `<script>${htmlReportScript}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
