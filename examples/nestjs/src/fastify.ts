import 'reflect-metadata';
import type { Registry } from '@promkit/core';
import { prometheus } from '@promkit/fastify';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { REGISTRY } from './metrics.module';

/** The app on Nest's Fastify platform, with the @promkit/fastify plugin on the root instance. */
export async function createFastifyApp(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false });
  await app.register(prometheus, { registry: app.get<Registry>(REGISTRY) });
  return app;
}
