import type { BenchSettings, ModelResult } from './evaluate-model.js';

const fixed = (value: number, digits = 4) => value.toFixed(digits);
const average = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** The per-model table and the summary, as Markdown. */
export function formatReport(results: ModelResult[], settings: BenchSettings): string {
  const { ks } = settings;
  const lines: string[] = [];
  const head = ks.flatMap((k) => [`truth@${k}`, `ours@${k}`, `beta-binomial@${k}`, `power law@${k}`, `coverage@${k}`]);
  lines.push(`| model | ${head.join(' | ')} | selected |`);
  lines.push(`|---|${head.map(() => '---:').join('|')}|---|`);
  for (const r of results) {
    const cells = ks.flatMap((_, j) => [
      fixed(r.truth[j] as number, 3),
      fixed(r.error.ours[j] as number),
      fixed(r.error.betaBinomial[j] as number),
      fixed(r.error.powerLaw[j] as number),
      fixed(r.coverage[j] as number, 2),
    ]);
    const selected = Object.entries(r.selected)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
    lines.push(`| ${r.model} | ${cells.join(' | ')} | ${selected} |`);
  }
  lines.push('');
  lines.push('| K | MAE ours | MAE beta-binomial | MAE power law | ours / better baseline | coverage | mean width |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|');
  ks.forEach((k, j) => {
    const ours = average(results.map((r) => r.error.ours[j] as number));
    const bb = average(results.map((r) => r.error.betaBinomial[j] as number));
    const law = average(results.map((r) => r.error.powerLaw[j] as number));
    const coverage = average(results.map((r) => r.coverage[j] as number));
    const width = average(results.map((r) => r.width[j] as number));
    lines.push(
      `| ${k} | ${fixed(ours)} | ${fixed(bb)} | ${fixed(law)} | ${fixed(ours / Math.min(bb, law), 2)} | ${fixed(coverage, 3)} | ${fixed(width, 3)} |`,
    );
  });
  return lines.join('\n');
}
