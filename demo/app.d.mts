import type { Registry } from '@promkit/core';
import type { Express } from 'express';

/** The demo service and the switch of its flaky dependency. */
export interface DemoApp {
  readonly app: Express;
  failInventory(): void;
  healInventory(): void;
}

export function createDemoApp(options?: { registry?: Registry; resetMs?: number }): DemoApp;
export function driveTraffic(url: string, demo: DemoApp, rounds?: number): Promise<void>;
