import { buildApps } from '../../../bench/lib/build';
import { FAULTS_BUILD } from './fault-stack';

/** Compiles the apps once for the whole fault suite (skipped when var/build/faults is fresh). */
export default function globalSetup(): void {
  const build = buildApps(FAULTS_BUILD, { log: (line) => process.stdout.write(`\n[faults] ${line}\n`) });
  // A tree that does not type-check is not the tree under test: refuse it rather than fault-test
  // whatever JavaScript tsc emitted anyway.
  if (build.typeErrors.length > 0) throw new Error(`the tree has ${build.typeErrors.length} type error(s); fix them first:\n${build.typeErrors.slice(0, 10).join('\n')}`);
}
