// Offline checks of Grafana dashboard JSON files:
//  1. the JSON type-checks against Grafana's own schema types (`... satisfies Dashboard`, strict
//     TypeScript: unknown fields and wrong types are errors);
//  2. every panel query parses with Prometheus's own PromQL grammar (@prometheus-io/lezer-promql).
// Usage: node check.mjs DASHBOARD.json...   Exit code 0 when all pass, 1 when any check fails.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parser } from '@prometheus-io/lezer-promql';

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs DASHBOARD.json...');
  process.exit(2);
}

const problems = [];
const workDir = mkdtempSync(join(here, '.typecheck-'));
try {
  const sources = [];
  for (const file of files) {
    let dashboard;
    try {
      dashboard = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${file}: not JSON: ${e.message}`);
      continue;
    }
    const source = join(workDir, basename(file).replace(/\.json$/, '') + '.ts');
    writeFileSync(
      source,
      "import type { Dashboard } from '@grafana/schema';\n" +
        `export const dashboard = ${JSON.stringify(dashboard, null, 2)} satisfies Dashboard;\n`,
    );
    sources.push({ file, source });
    for (const { panel, expr } of queries(dashboard)) {
      const errors = promqlErrors(expr);
      if (errors.length > 0) {
        problems.push(
          `${file}: panel "${panel}": PromQL does not parse at ${errors.join(', ')}: ${expr}`,
        );
      }
    }
  }
  const program = ts.createProgram(
    sources.map((s) => s.source),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: [],
    },
  );
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const origin = sources.find((s) => diagnostic.file && diagnostic.file.fileName === s.source);
    const where = diagnostic.file
      ? `line ${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
      : '';
    problems.push(
      `${origin ? origin.file : 'typescript'} (${where} of the typed copy): ` +
        ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
    );
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`${problems.length} problem(s) in ${files.length} dashboard(s)`);
  process.exit(1);
}
const count = files.map((f) => queries(JSON.parse(readFileSync(f, 'utf8'))).length).reduce((a, b) => a + b, 0);
console.log(`OK: ${files.length} dashboard(s), ${count} PromQL queries`);

/** Every panel's query, rows' nested panels included. */
function queries(dashboard) {
  const found = [];
  const visit = (panels) => {
    for (const panel of panels ?? []) {
      for (const target of panel.targets ?? []) {
        if (typeof target.expr === 'string') found.push({ panel: panel.title, expr: target.expr });
      }
      visit(panel.panels);
    }
  };
  visit(dashboard.panels);
  return found;
}

/** Positions where Prometheus's grammar reports an error (empty when the query parses). */
function promqlErrors(expr) {
  const errors = new Set();
  if (expr.trim() === '') return ['0 (empty query)'];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors.add(`character ${node.from}`);
    },
  });
  return [...errors];
}
