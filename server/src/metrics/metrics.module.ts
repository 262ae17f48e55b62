import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { httpMetricsMiddleware } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { MetricsService } from './metrics.service';

/**
 * Prometheus metrics (issue 18), on when METRICS_TOKEN is set: GET /api/metrics, the HTTP
 * measurements (installHttpMetrics) and the scrape-time readings. Off, nothing is registered or
 * measured and /api/metrics is an unknown route (404).
 */
@Module({})
export class MetricsModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.metricsToken) return { module: MetricsModule };
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [MetricsService, MetricsTokenGuard],
      exports: [MetricsService],
    };
  }
}

/** Measures every HTTP request from its first middleware on (bootstrap.ts), when metrics are on. */
export function installHttpMetrics(app: INestApplication, config: AppConfig): void {
  if (!config.metricsToken) return;
  const metrics = app.get(MetricsService, { strict: false });
  app.use(httpMetricsMiddleware((observation) => metrics.observe(observation)));
}
