/**
 * Summarizes a V8 `.cpuprofile` (from `--cpu-prof` or profile-pipeline.ts `--profile`): self
 * time by function and by source file, and, with `--inclusive=name,name`, the total time spent
 * inside each named function (callees included, recursion counted once). Divide by the
 * operation count the profiling run printed to get µs per operation.
 *
 *   node bench/server/summarize-profile.ts profile-get-1.cpuprofile [--top=30] [--inclusive=respond,runBatch]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' }, inclusive: { type: 'string' } },
});
const file = positionals[0];
if (file === undefined) throw new Error('usage: summarize-profile.ts <file.cpuprofile>');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const top = Number(values.top);

const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length).split('/')[0] ?? url;
  const src = url.search(/\/(src|bench|test)\//);
  return src >= 0 ? url.slice(src + 1) : url || '(native)';
}
function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
}
function printTable(title: string, rows: Map<string, number>): void {
  console.log(`\n${title} (total ${(totalUs / 1000).toFixed(0)} ms)`);
  for (const [name, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((us / totalUs) * 100).toFixed(1).padStart(5)}% ${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`,
    );
  }
}

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (node === undefined) continue;
  byFunction.set(label(node), (byFunction.get(label(node)) ?? 0) + us);
  const url = shortUrl(node.callFrame.url);
  byFile.set(url, (byFile.get(url) ?? 0) + us);
}
printTable('self time by function', byFunction);
printTable('self time by file', byFile);

if (values.inclusive !== undefined) {
  const names = values.inclusive.split(',');
  const inclusive = new Map<string, number>(names.map((name) => [name, 0]));
  const root = profile.nodes[0];
  // Walks the call tree, adding each node's self time to every named function on its stack once.
  const walk = (node: ProfileNode, onStack: ReadonlySet<string>): void => {
    const name = node.callFrame.functionName;
    const stack =
      names.includes(name) && !onStack.has(name) ? new Set([...onStack, name]) : onStack;
    for (const held of stack)
      inclusive.set(held, (inclusive.get(held) ?? 0) + (selfUs.get(node.id) ?? 0));
    for (const child of node.children ?? []) {
      const next = byId.get(child);
      if (next !== undefined) walk(next, stack);
    }
  };
  if (root !== undefined) walk(root, new Set());
  printTable('inclusive time by named function', inclusive);
}
