import { Registry } from '@promkit/core';
import { Module } from '@nestjs/common';

/** The injection token of the app's metrics registry. */
export const REGISTRY = Symbol('promkit registry');

/**
 * Provides one promkit registry to the whole app: the HTTP adapter records into it, services
 * inject it with `@Inject(REGISTRY)` to register their own metrics.
 */
@Module({
  providers: [{ provide: REGISTRY, useFactory: () => new Registry() }],
  exports: [REGISTRY],
})
export class MetricsModule {}
