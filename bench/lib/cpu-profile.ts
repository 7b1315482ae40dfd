import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './build';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  busyMs: number;
  topFunctions: ProfileEntry[];
  /** Self time grouped by npm package, app source file, or V8 pseudo-frame. */
  topOwners: ProfileEntry[];
}

/** Self time per function and per owner (package or source file) of a `--cpu-prof` profile. */
export function summariseProfile(file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map<string, number>();
  const owners = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    total += us;
    if (frame.functionName === '(idle)') continue;
    busy += us;
    const where = shortUrl(frame.url);
    const fn = `${frame.functionName || '(anonymous)'} ${where ? `${where}:${frame.lineNumber + 1}` : ''}`.trim();
    functions.set(fn, (functions.get(fn) ?? 0) + us);
    const owner = ownerOf(frame.url, frame.functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
  }
  const rank = (map: Map<string, number>): ProfileEntry[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: round(us / 1000), share: round(us / Math.max(busy, 1), 3) }));
  return { file: relative(ROOT, file), totalMs: round(total / 1000), busyMs: round(busy / 1000), topFunctions: rank(functions), topOwners: rank(owners) };
}

export function profilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.cpuprofile'))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

export function formatProfile(title: string, summary: ProfileSummary): string {
  const lines = [`${title}: ${summary.busyMs.toFixed(0)} ms busy of ${summary.totalMs.toFixed(0)} ms sampled (${summary.file})`];
  lines.push('  top self time by owner:');
  for (const entry of summary.topOwners.slice(0, 8)) lines.push(`    ${pct(entry.share)}  ${entry.selfMs.toFixed(0).padStart(7)} ms  ${entry.name}`);
  lines.push('  top self time by function:');
  for (const entry of summary.topFunctions) lines.push(`    ${pct(entry.share)}  ${entry.selfMs.toFixed(0).padStart(7)} ms  ${entry.name}`);
  return lines.join('\n');
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1).padStart(5)}%`;
}

function shortUrl(url: string): string {
  if (!url) return '';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length);
  const build = path.indexOf('/var/build/');
  if (build >= 0) return path.slice(build + '/var/build/'.length).replace(/^[^/]+\//, '');
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (path.startsWith('node:')) return path;
  return shortUrl(url);
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
