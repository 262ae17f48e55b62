import { DynamicModule, Global, Module } from '@nestjs/common';
import { REPLICA_URLS, ReplicaMonitor } from './replica-monitor';

/** The read replicas (replica-monitor.ts), for every module: analyses, exports, health. */
@Global()
@Module({})
export class ReplicaModule {
  static forRoot(replicaUrls: readonly string[]): DynamicModule {
    return {
      module: ReplicaModule,
      providers: [{ provide: REPLICA_URLS, useValue: replicaUrls }, ReplicaMonitor],
      exports: [ReplicaMonitor],
    };
  }
}
