/** Types for database.mjs (used by the TypeScript suites). */
export interface Database {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedCluster extends Database {
  port: number;
  /** Stops PostgreSQL (fast shutdown: open connections are terminated); the data stays. */
  stopPostgres(): Promise<void>;
  /** Starts it again on the same port, so the same URL works. */
  startPostgres(): Promise<void>;
}

export function serverDist(file: string): string;
export function provisionDatabase(label: string): Promise<Database>;
export function startEmbeddedCluster(label: string): Promise<EmbeddedCluster>;
