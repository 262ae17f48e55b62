import { Client } from 'pg';

/**
 * Runs `work` on a connection of its own to `url` (outside the app's pools: the owner's
 * migrations and grants, backups), and always closes it. A lost connection's late 'error' event
 * is ignored; the failing query reports it. `onConnectError` lets a caller name what failed.
 */
export async function withPgClient<T>(
  url: string,
  work: (client: Client) => Promise<T>,
  onConnectError: (error: Error) => Error = (error) => error,
): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw onConnectError(error as Error);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
