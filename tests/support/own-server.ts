/**
 * A suite that needs a PostgreSQL and a server of its own (it stops them, or loads them): starts
 * both and points this test file's `api()` and factories at them (jest gives each test file its
 * own copy of process.env), so the shared factories work unchanged.
 */
import { provisionDatabase, startEmbeddedCluster, type Database, type EmbeddedCluster } from './database.mjs';
import { startServerWithAdmin, type TestServer } from './server.mjs';

export interface OwnServer<D extends Database = Database> {
  database: D;
  server: TestServer;
  adminToken: string;
  /** Starts a new server process on the same database (after the previous one stopped). */
  restartServer(): Promise<void>;
  stop(): Promise<void>;
}

function pointAt(own: { server: TestServer; adminToken: string; database: Database }): void {
  process.env.LEDGER_BASE_URL = own.server.baseUrl;
  process.env.LEDGER_ADMIN_TOKEN = own.adminToken;
  process.env.LEDGER_DATABASE_URL = own.database.url;
  process.env.LEDGER_SERVER_PID = String(own.server.child.pid);
}

export async function startOwnServer(
  label: string,
  options: { embedded: true; env?: Record<string, string> },
): Promise<OwnServer<EmbeddedCluster>>;
export async function startOwnServer(
  label: string,
  options?: { embedded?: false; env?: Record<string, string> },
): Promise<OwnServer>;
export async function startOwnServer(
  label: string,
  { embedded = false, env = {} }: { embedded?: boolean; env?: Record<string, string> } = {},
): Promise<OwnServer<Database>> {
  // Always embedded when the suite must stop and restart PostgreSQL itself.
  const database: Database = embedded ? await startEmbeddedCluster(label) : await provisionDatabase(label);
  const started = await startServerWithAdmin({ databaseUrl: database.url, env }).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  const own: OwnServer<Database> = {
    database,
    server: started.server,
    adminToken: started.token,
    async restartServer() {
      const next = await startServerWithAdmin({ databaseUrl: database.url, env });
      own.server = next.server;
      own.adminToken = next.token;
      pointAt(own);
    },
    async stop() {
      await own.server.stop();
      await database.stop();
    },
  };
  pointAt(own);
  return own;
}
