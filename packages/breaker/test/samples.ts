import type { Registry } from '@promkit/core';

/**
 * The sample lines of the registry's text exposition whose sample name is exactly `name`
 * (`circuit_breaker_state` does not match `circuit_breaker_state_changes_total`), in order.
 */
export const samples = (registry: Registry, name: string): string[] =>
  registry
    .metrics()
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
