/** The report page's style sheet. */
export const htmlReportStyle = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.muted { color: var(--muted); }
.passed { color: var(--pass); }
.failed { color: var(--fail); }
.partial, .unchecked, .undetermined, .undecided { color: var(--warn); }
.cards { display: flex; flex-wrap: wrap; gap: 16px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 12px; min-width: 300px; flex: 1 1 300px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
#case-table th { cursor: pointer; user-select: none; white-space: nowrap; }
#case-table th[aria-sort="ascending"]::after { content: " ▲"; }
#case-table th[aria-sort="descending"]::after { content: " ▼"; }
#case-table tbody tr { cursor: pointer; }
#case-table tbody tr:hover, #case-table tbody tr.selected { background: #f6f8fa; }
svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .curve { fill: none; stroke-width: 2; }
svg .curve.extrapolated { stroke-dasharray: 6 4; }
svg .band.observed { fill-opacity: 0.18; stroke: none; }
svg .band.extrapolated { fill-opacity: 0.07; stroke: none; }
svg .pass-infinity { stroke-dasharray: 2 3; stroke-width: 1.5; }
svg .crossover { stroke: var(--fg); stroke-dasharray: 4 2; }
svg .bar { fill: #0969da; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.charts > svg { flex: 1 1 420px; max-width: 100%; height: auto; }
svg .cost-curve { fill: none; stroke-width: 2; }
svg .cost-point.best { fill: var(--bg); stroke-width: 2.5; }
.spend { font-size: 12px; margin: 8px 0; }
.spend p { margin: 2px 0; }
.spend-figures td:first-child { white-space: nowrap; }
.legend span { margin-right: 16px; }
.swatch { display: inline-block; width: 12px; height: 3px; vertical-align: middle; margin-right: 4px; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f8fa; padding: 8px; border-radius: 4px; margin: 4px 0; }
.message .role { font-weight: 600; text-transform: uppercase; font-size: 11px; color: var(--muted); }
details.sample { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; padding: 4px 8px; }
ul.score-tree { list-style: none; padding-left: 16px; margin: 2px 0; }
ul.score-tree > li > .value { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: 6px; }
.baseline.regressed { color: var(--fail); }
.baseline.improved { color: var(--pass); }
.baseline ul { font-size: 12px; padding-left: 16px; margin: 2px 0; }
.significance { font-size: 12px; padding-left: 16px; }
.significance.uncertain { color: var(--warn); }
ul.judges { padding-left: 16px; margin: 6px 0; font-size: 12px; }
ul.score-tree .expression { font-family: ui-monospace, monospace; }
ol.trajectory { padding-left: 24px; margin: 4px 0; }
ol.trajectory > li { margin: 4px 0; }
ol.trajectory .role { font-weight: 600; text-transform: uppercase; font-size: 11px; color: var(--muted); margin-right: 6px; }
ol.trajectory .call { font-family: ui-monospace, monospace; }
ol.trajectory li.turn-tool.failed .role { color: var(--fail); }
.agent-figures { font-size: 12px; }
`;
