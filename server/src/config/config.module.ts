import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DATABASE_URL } from './config';

/**
 * The validated configuration, for every module: global, as the other roots of the app's
 * infrastructure are (TypeOrmModule.forRoot, ReplicaModule.forRoot, the logger). Feature
 * providers are never global: a module imports the modules whose providers it injects.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_URL, useValue: databaseUrl },
      ],
      exports: [APP_CONFIG, DATABASE_URL],
    };
  }
}
