import type { Counter, Registry } from '@promkit/core';
import { Inject, Injectable } from '@nestjs/common';
import { REGISTRY } from './metrics.module';

/** A service with a custom metric, registered in the app's registry. */
@Injectable()
export class OrdersService {
  private readonly placed: Counter<'kind'>;

  // An explicit token: no emitted decorator metadata is needed to resolve it.
  constructor(@Inject(REGISTRY) registry: Registry) {
    this.placed = registry.counter({ name: 'orders_placed_total', help: 'Orders placed.', labelNames: ['kind'] });
  }

  place(kind: string): { id: number; kind: string } {
    this.placed.inc({ kind });
    return { id: 1, kind };
  }
}
