export { TEST_ADMIN } from './server.mjs';
export function setUpSuite(label: string, env?: Record<string, string>): Promise<void>;
export default function globalSetup(): Promise<void>;
