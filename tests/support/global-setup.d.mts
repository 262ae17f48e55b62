export const TEST_ADMIN: { email: string; password: string };
export function adminToken(baseUrl: string): Promise<string>;
export function setUpSuite(label: string, env?: Record<string, string>): Promise<void>;
export default function globalSetup(): Promise<void>;
