// The benchmarks' server: large uploads allowed, no rate limits in the way; its own database.
import { setUpSuite } from '../support/global-setup.mjs';

export default async function benchSetup() {
  await setUpSuite('bench', {
    IMPORT_MAX_MB: '512',
    LOG_LEVEL: 'warn',
    NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '',
  });
}
