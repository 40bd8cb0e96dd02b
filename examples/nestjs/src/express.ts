import 'reflect-metadata';
import type { Registry } from '@promkit/core';
import { prometheus } from '@promkit/express';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { REGISTRY } from './metrics.module';

/** The app on Nest's Express platform, with @promkit/express in front of every route. */
export async function createExpressApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, new ExpressAdapter(), { logger: false });
  app.use(prometheus({ registry: app.get<Registry>(REGISTRY) }));
  return app;
}
