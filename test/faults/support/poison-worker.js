/*
 * The built worker with one provider replaced: an analyser that throws for any summary holding
 * POISON_MARKER and otherwise analyses as production does. The fault suite starts this file
 * instead of the worker's main.js (FaultStack.startWorker({ poisonMarker })), so the
 * production code holds no test branch. Plain JavaScript: it runs against the fault build.
 */
const { join } = require('node:path');
require('reflect-metadata');

const build = process.env.FAULT_BUILD_DIR;
const marker = process.env.POISON_MARKER;
if (!build || !marker) throw new Error('poison-worker needs FAULT_BUILD_DIR and POISON_MARKER');

const { installProcessGuards, loadConfig, SafeMessageError } = require(join(build, 'libs/config/src'));
const { DomainComplaintAnalyser } = require(join(build, 'apps/worker/src/complaints/complaint-analysis'));
const { startWorker } = require(join(build, 'apps/worker/src/worker.bootstrap'));

installProcessGuards('worker');

class PoisonAnalyser extends DomainComplaintAnalyser {
  analyse(claim, classifier) {
    if (claim.summary.includes(marker)) throw new SafeMessageError('injected fault: poison record');
    return super.analyse(claim, classifier);
  }
}

startWorker(loadConfig(), { analyser: new PoisonAnalyser() }).catch((error) => {
  process.stderr.write(`poison worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
