import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  milliseconds: number;
  percent: number;
}

/** Where a frame's code comes from: a package, the portal's own code, Node itself, or V8 (garbage collection, idle). */
export function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const packageName = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
  if (packageName) return packageName;
  if (url.startsWith('node:')) return 'node';
  const portal = url.match(/\/dist\/(src\/[^/]+)/)?.[1];
  return portal ? `portal ${portal}` : url;
}

/**
 * Self time of a `node --cpu-prof` profile by owner and by function: what the
 * process spent its CPU on, so per-request costs can be seen and compared.
 */
export function summariseProfile(profile: CpuProfile, top = 25): { byOwner: ProfileShare[]; byFunction: ProfileShare[]; totalMilliseconds: number } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicroseconds = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMicroseconds.set(id, (selfMicroseconds.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...selfMicroseconds.values()].reduce((sum, value) => sum + value, 0);
  const tally = (keyOf: (node: ProfileNode) => string) => {
    const sums = new Map<string, number>();
    for (const [id, microseconds] of selfMicroseconds) {
      const key = keyOf(nodes.get(id)!);
      sums.set(key, (sums.get(key) ?? 0) + microseconds);
    }
    return [...sums]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, microseconds]) => ({ name, milliseconds: Math.round(microseconds / 1000), percent: Math.round((1000 * microseconds) / total) / 10 }));
  };
  return {
    byOwner: tally((node) => ownerOf(node.callFrame.url, node.callFrame.functionName)),
    byFunction: tally(
      (node) => `${node.callFrame.functionName || '(anonymous)'} ${ownerOf(node.callFrame.url, node.callFrame.functionName)}:${node.callFrame.lineNumber + 1}`,
    ),
    totalMilliseconds: Math.round(total / 1000),
  };
}

export function summariseProfileFile(path: string, top?: number) {
  return summariseProfile(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, top);
}
