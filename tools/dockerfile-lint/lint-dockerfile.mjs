#!/usr/bin/env node
// Lints Dockerfiles: dockerfile-utils' validator (syntax, flags, instruction arguments), the rules in rules.mjs, and
// every COPY source against the build context and its .dockerignore.
//
//   node lint-dockerfile.mjs [--json] [--context DIR] Dockerfile...   problems, one per line (exit 1 if any)
//   node lint-dockerfile.mjs --rules                                    the rules, as JSON
//   node lint-dockerfile.mjs --describe [--context DIR] Dockerfile      what the image sets, as JSON
//   node lint-dockerfile.mjs --excluded --context DIR PATH...           which paths the context's ignore file leaves out
//
// The context defaults to the current directory, as in `docker build -f Dockerfile .`.
import fs from 'node:fs';
import { validate, ValidationCode } from 'dockerfile-utils';
import { BuildContext } from './build-context.mjs';
import { imageSummary } from './image-summary.mjs';
import { RULES } from './rules.mjs';
import { parseStages } from './stages.mjs';

/** The validator's diagnostics as findings; the rule id names the validator and its code. */
function validatorFindings(text) {
  return validate(text).map((d) => ({ rule: `DU:${ValidationCode[d.code] ?? d.code}`, line: d.range.start.line + 1, message: d.message }));
}

/** Every problem of one Dockerfile, sorted by line. */
export function lintDockerfile(file, contextRoot) {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = parseStages(text);
  const findings = validatorFindings(text);
  if (parsed.stages.length === 0) {
    findings.push({ rule: 'DU:NO_SOURCE_IMAGE', line: 1, message: 'no FROM instruction' });
  } else {
    const input = { ...parsed, context: new BuildContext(contextRoot, file) };
    for (const rule of RULES) findings.push(...rule.check(input));
  }
  return findings.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}

function main(argv) {
  const options = { json: false, context: '.', mode: 'lint', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--context') options.context = argv[++i];
    else if (arg === '--rules' || arg === '--describe' || arg === '--excluded') options.mode = arg.slice(2);
    else if (arg.startsWith('--')) return usage(`unknown option ${arg}`);
    else options.paths.push(arg);
  }
  if (options.context === undefined || !fs.existsSync(options.context)) return usage(`no build context ${options.context}`);

  if (options.mode === 'rules') {
    const rules = RULES.map(({ id, mirrors, summary }) => ({ id, mirrors, summary }));
    rules.push({ id: 'DU', mirrors: null, summary: "dockerfile-utils' validator: every diagnostic, as DU:<its code>" });
    console.log(JSON.stringify(rules, null, 2));
    return 0;
  }
  if (options.paths.length === 0) return usage('no path given');
  if (options.mode === 'excluded') {
    const context = new BuildContext(options.context, null);
    console.log(JSON.stringify(Object.fromEntries(options.paths.map((p) => [p, context.excludes(p)])), null, 2));
    return 0;
  }
  if (options.mode === 'describe') {
    const summary = imageSummary(parseStages(fs.readFileSync(options.paths[0], 'utf8')));
    console.log(JSON.stringify(summary, null, 2));
    return 0;
  }

  const results = options.paths.map((file) => ({ file, findings: lintDockerfile(file, options.context) }));
  const total = results.reduce((sum, r) => sum + r.findings.length, 0);
  if (options.json) {
    console.log(JSON.stringify(results, null, 2));
  } else {
    for (const { file, findings } of results) {
      for (const f of findings) console.log(`${file}:${f.line} ${f.rule} ${f.message}`);
    }
    console.log(`${results.length} Dockerfiles, ${total} problems`);
  }
  return total === 0 ? 0 : 1;
}

function usage(message) {
  console.error(`lint-dockerfile: ${message}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
