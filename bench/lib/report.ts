// Renders bench/results.md: the machine, a summary table (median, target, met?), then one section per
// figure with its method, every sample and the notes needed to judge it.
import { FigureResult } from './figure';
import { Machine } from './machine';

export interface BenchRun {
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly machine: Machine;
  readonly figures: readonly FigureResult[];
}

/** Keeps a value inside one Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function verdictCell(figure: FigureResult): string {
  if (figure.verdict === 'met') return '✅ met';
  if (figure.verdict === 'not met') return '❌ not met';
  return '⚠️ not measured';
}

export function renderResults(run: BenchRun): string {
  const { machine, figures } = run;
  const minutes = Math.floor(run.durationMs / 60_000);
  const seconds = Math.round((run.durationMs % 60_000) / 1000);
  const lines: string[] = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/runBench.ts) on ${run.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
      `at commit ${machine.commit}; the whole bench took ${minutes} min ${seconds} s. ` +
      'Each figure is the median of repeated runs, every sample is listed below it, and a missed target is reported, not hidden.',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${cell(machine.cpu)} |`,
    `| Cores | ${cell(machine.cores)} |`,
    `| Memory | ${cell(machine.memory)} |`,
    `| Node.js | ${cell(machine.node)} |`,
    `| OS | ${cell(machine.os)} |`,
    `| Load average at start (1, 5, 15 min) | ${cell(machine.load)} |`,
    '',
    'A shared, noisy machine: single measurements vary by tens of percent, which is why every figure is a median.',
    '',
    '## Summary',
    '',
    '| # | Figure | Median | Target | Result | Runs |',
    '|---|---|---|---|---|---|',
    ...figures.map((figure, index) => `| ${index + 1} | ${cell(figure.title)} | ${cell(figure.median)} | ${cell(figure.target)} | ${verdictCell(figure)} | ${cell(figure.runs)} |`),
    '',
  ];
  figures.forEach((figure, index) => {
    lines.push(`## ${index + 1}. ${figure.title}`, '');
    lines.push(`**Median: ${figure.median}.** Target: ${figure.target}. Result: **${figure.verdict}**.`, '');
    lines.push(`How: ${figure.method}`, '');
    lines.push(`Samples (${figure.runs}):`, '');
    figure.samples.forEach((sample, sampleIndex) => lines.push(`${sampleIndex + 1}. ${sample}`));
    lines.push('');
    for (const note of figure.notes) lines.push(`- ${note}`);
    if (figure.notes.length > 0) lines.push('');
  });
  return `${lines.join('\n').trimEnd()}\n`;
}
