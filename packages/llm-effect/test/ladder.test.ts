import { describe, expect, test } from '@jest/globals';
import { escalationLadder, resolveLLMConfig } from '../src/index.js';

const a = [{ provider: 'zai', model: 'glm-4.5' }];
const b = [{ provider: 'zai', model: 'glm-4.6' }];

describe('escalationLadder: the one ladder', () => {
  test('each tier above the start whose chain asks another model is a rung', () => {
    const config = resolveLLMConfig({ tiers: { local: a, cloud_fast: a, cloud_premium: b } });
    expect(escalationLadder(config, 'cloud_fast')).toEqual(['cloud_fast', 'cloud_premium']);
    // local and cloud_fast ask the same: no rung between them
    expect(escalationLadder(config, 'local')).toEqual(['local', 'cloud_premium']);
    expect(escalationLadder(config, 'cloud_premium')).toEqual(['cloud_premium']);
  });

  test('one chain for every tier: nothing to escalate to', () => {
    const config = resolveLLMConfig({ tiers: { local: a, cloud_fast: a, cloud_premium: a } });
    expect(escalationLadder(config, 'local')).toEqual(['local']);
  });

  test('an empty chain is skipped; a failover order that differs is another rung', () => {
    const config = resolveLLMConfig({ tiers: { local: a, cloud_fast: [], cloud_premium: [...a, ...b] } });
    expect(escalationLadder(config, 'local')).toEqual(['local', 'cloud_premium']);
  });
});
