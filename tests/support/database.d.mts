export function serverDist(file: string): string;
export function provisionDatabase(label: string): Promise<{ url: string; stop(): Promise<void> }>;
