/**
 * Sums a V8 sampling heap profile (HeapProfiler.stopSampling) by allocation site: bytes
 * allocated per operation in total, by function (self) and by source file. Used by
 * profile-pipeline.ts `--heap`; the figures are V8's estimates from its samples (each sample
 * stands for about one sampling interval of bytes).
 */

interface HeapNode {
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly selfSize: number;
  readonly children: readonly HeapNode[];
}
/** The part of a sampling heap profile this summary reads. */
export interface SamplingHeapProfile {
  readonly head: HeapNode;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length).split('/')[0] ?? url;
  const src = url.search(/\/(src|bench|test)\//);
  return src >= 0 ? url.slice(src + 1) : url || '(native)';
}

/** Prints total bytes per operation and the `top` sites by function and by file. */
export function printHeapSites(profile: SamplingHeapProfile, operations: number, top = 12): void {
  const bySite = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  const pending: HeapNode[] = [profile.head];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    pending.push(...node.children);
    if (node.selfSize === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = shortUrl(url);
    const site = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    byFile.set(file, (byFile.get(file) ?? 0) + node.selfSize);
    total += node.selfSize;
  }
  console.log(`  allocated ${(total / operations / 1024).toFixed(1)} KB/op (sampled estimate)`);
  for (const [title, rows] of [
    ['by function', bySite],
    ['by file', byFile],
  ] as const) {
    console.log(`  ${title}:`);
    for (const [name, bytes] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      const share = ((bytes / total) * 100).toFixed(1).padStart(5);
      console.log(
        `  ${share}% ${(bytes / operations / 1024).toFixed(2).padStart(7)} KB/op  ${name}`,
      );
    }
  }
}
