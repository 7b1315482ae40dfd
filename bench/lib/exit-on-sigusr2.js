// Preloaded into app processes started by the bench and the fault suite (node --require).
// SIGUSR2 ends the process with a normal exit, so `--cpu-prof` writes its profile; Nest's
// own SIGTERM hook re-raises the signal after closing, and a process killed by a signal
// writes no profile.
'use strict';
process.on('SIGUSR2', () => process.exit(0));
