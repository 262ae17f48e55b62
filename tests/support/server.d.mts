/** Types for server.mjs (used by the TypeScript suites). */
import type { ChildProcess } from 'node:child_process';

export interface TestServer {
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export const TEST_ADMIN: { email: string; password: string };
export function freePort(): Promise<number>;
export function adminToken(baseUrl: string): Promise<string>;
export function startServer(options: { databaseUrl: string; env?: Record<string, string> }): Promise<TestServer>;
export function startServerWithAdmin(options: {
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<{ server: TestServer; token: string }>;
