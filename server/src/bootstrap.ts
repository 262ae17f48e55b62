import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { HttpDrain } from './common/http-drain';
import { applyHttpLimits, limitUrlLength } from './common/http-limits';
import { AppConfig } from './config/config';
import { installHttpMetrics } from './metrics/metrics.module';
import type { AppLogin } from './database/app-login';
import { documentIdempotencyKey } from './idempotency/idempotency.decorators';

export const API_PREFIX = 'api';

function openApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('Outcome Ledger API')
    .setDescription(
      'Evaluation tracker for programs against the commercial sexual exploitation of children. ' +
        'Lists follow the ra-data-simple-rest protocol: sort, range and filter as JSON query parameters, ' +
        'total in Content-Range. Errors: { statusCode, error, message, details?: [{ field, message }] }.',
    )
    .setVersion('0.1.0')
    .build();
  return documentIdempotencyKey(SwaggerModule.createDocument(app, config));
}

/** Serves the built admin at `/`, with index.html for client-side routes. */
function serveAdmin(app: NestExpressApplication, adminDist: string): void {
  app.useStaticAssets(adminDist, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForIndex });
  const index = join(adminDist, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isApi = req.path === `/${API_PREFIX}` || req.path.startsWith(`/${API_PREFIX}/`);
    if ((req.method === 'GET' || req.method === 'HEAD') && !isApi && req.accepts('html')) {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
      return;
    }
    next();
  });
}

function noCacheForIndex(res: Response, path: string): void {
  if (path.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
}

/**
 * Builds the whole application without listening, on the app's login role (migrations ran
 * before, as the owner: main.ts). `drain` (main.ts) tracks
 * in-flight requests for a graceful shutdown.
 */
export async function createApp(
  config: AppConfig,
  database: AppLogin,
  drain: HttpDrain = new HttpDrain(),
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database), {
    bufferLogs: true,
    abortOnError: false,
    // JSON only (below): no urlencoded parser, so an HTML form's body is never read (login CSRF, issue 17).
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.use(drain.middleware);
  installHttpMetrics(app, config);
  app.use(limitUrlLength);
  applyHttpLimits(app.getHttpServer());
  app.useBodyParser('json', { limit: '1mb' });
  app.set('query parser', 'simple');
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: config.nodeEnv === 'production' ? [] : null },
      },
      strictTransportSecurity: config.nodeEnv === 'production',
    }),
  );
  app.use(cookieParser());
  // The admin is same-origin and scripts use Bearer tokens, so no other site may call the API from a
  // browser unless it is in CORS_ORIGINS; even those get the list headers but never credentials.
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    exposedHeaders: ['Content-Range', 'X-Request-Id', 'Retry-After'],
    credentials: false,
  });
  app.set('trust proxy', config.trustProxy);
  app.setGlobalPrefix(API_PREFIX);
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, openApiDocument(app), {
    jsonDocumentUrl: `${API_PREFIX}/openapi.json`,
    raw: ['json'],
  });
  serveAdmin(app, config.adminDist);
  // Initialised here, before main.ts seeds: from here on every checkout carries an actor.
  await app.init();
  return app;
}
