import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults for a newcomer', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.nodeEnv).toBe('development');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.suppressionK).toBe(11);
    expect(config.suppressionMinStudies).toBe(3);
  });

  it('reads the disclosure thresholds', () => {
    expect(loadConfig({ SUPPRESSION_K: '6', SUPPRESSION_MIN_STUDIES: '5' })).toMatchObject({
      suppressionK: 6,
      suppressionMinStudies: 5,
    });
  });

  it('allows cross-origin browsers only from CORS_ORIGINS, each an exact origin', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://reports.example.org, http://localhost:5173' }).corsOrigins).toEqual([
      'https://reports.example.org',
      'http://localhost:5173',
    ]);
    for (const bad of ['*', 'reports.example.org', 'https://reports.example.org/', 'ftp://x.org', 'https://a.org,']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ CORS_ORIGINS: 'https://x.org/path' })).toThrow(/without a path/);
  });

  it('turns metrics on only with a METRICS_TOKEN of at least 32 printable characters', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    const token = 'a1'.repeat(16);
    expect(loadConfig({ METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: 'x'.repeat(31) })).toThrow(
      'METRICS_TOKEN must be at least 32 characters (got 31)',
    );
    expect(() => loadConfig({ METRICS_TOKEN: `${'x'.repeat(32)} y` })).toThrow(
      /printable ASCII characters without spaces/,
    );
    expect(() => loadConfig({ METRICS_TOKEN: `${'x'.repeat(32)}é` })).toThrow(ConfigError);
  });

  it('reads replicas of DATABASE_URL from DATABASE_REPLICA_URLS', () => {
    const primary = 'postgres://u:p@db:5432/ledger';
    expect(loadConfig({ DATABASE_URL: primary }).databaseReplicaUrls).toEqual([]);
    expect(
      loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'postgres://u:p@r1/ledger, postgres://u:p@r2/ledger' })
        .databaseReplicaUrls,
    ).toEqual(['postgres://u:p@r1/ledger', 'postgres://u:p@r2/ledger']);
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://u:p@r1/ledger' })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'postgres://r1/x,' })).toThrow(
      /entry 2 is empty/,
    );
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'mysql://r1/x' })).toThrow(/entry 1/);
  });

  it('reads the replica lag limit and probe interval, and refuses bad values', () => {
    expect(loadConfig({}).replicaMaxLagSeconds).toBe(30);
    expect(loadConfig({}).replicaCheckIntervalMs).toBe(5000);
    expect(loadConfig({ REPLICA_MAX_LAG_SECONDS: '1.5' }).replicaMaxLagSeconds).toBe(1.5);
    expect(loadConfig({ REPLICA_CHECK_SECONDS: '0.5' }).replicaCheckIntervalMs).toBe(500);
    expect(() => loadConfig({ REPLICA_MAX_LAG_SECONDS: '0' })).toThrow(/REPLICA_MAX_LAG_SECONDS="0" is not valid/);
    expect(() => loadConfig({ REPLICA_MAX_LAG_SECONDS: 'soon' })).toThrow(/from 1 to 86400/);
    expect(() => loadConfig({ REPLICA_CHECK_SECONDS: '-1' })).toThrow(/REPLICA_CHECK_SECONDS/);
    expect(() => loadConfig({ REPLICA_CHECK_SECONDS: '7200' })).toThrow(/from 0.5 to 3600/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/ledger',
      DATA_DIR: '/var/lib/ledger',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      SESSION_SECRET: 's'.repeat(40),
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/ledger',
      dataDir: '/var/lib/ledger',
      logLevel: 'debug',
      nodeEnv: 'production',
      sessionSecret: 's'.repeat(40),
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc" is not valid'],
    [{ PORT: '70000' }, 'PORT="70000" is not valid'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV="staging" is not valid'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL="loud" is not valid'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a valid URL'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'must start with postgres://'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET is required when NODE_ENV=production'],
    [{ NODE_ENV: 'production', SESSION_SECRET: 'short' }, 'at least 32 characters'],
    [{ SUPPRESSION_MIN_STUDIES: '1' }, 'SUPPRESSION_MIN_STUDIES="1" is not valid'],
    [{ SUPPRESSION_MIN_STUDIES: 'three' }, 'SUPPRESSION_MIN_STUDIES="three" is not valid'],
  ])('rejects %j with a one-line reason', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
