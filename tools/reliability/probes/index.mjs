// The probes, in the order they run (cheap and offline first).
import { hostileSpecs } from './hostile-specs.mjs';
import { nodeFiles } from './node-files.mjs';
import { providerFaults } from './provider-faults.mjs';
import { echoedKey } from './echoed-key.mjs';
import { signals } from './signals.mjs';
import { concurrentRuns } from './concurrent-runs.mjs';

export const probes = [hostileSpecs, nodeFiles, providerFaults, echoedKey, signals, concurrentRuns];
