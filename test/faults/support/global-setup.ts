import { buildApps } from '../../../bench/lib/build';
import { FAULTS_BUILD } from './fault-stack';

/** Compiles the apps once for the whole fault suite (skipped when var/build/faults is fresh). */
export default function globalSetup(): void {
  const build = buildApps(FAULTS_BUILD, { log: (line) => process.stdout.write(`\n[faults] ${line}\n`) });
  if (build.typeErrors.length > 0) process.stdout.write(`[faults] note: the tree has ${build.typeErrors.length} type error(s); the emitted JavaScript is used anyway\n`);
}
