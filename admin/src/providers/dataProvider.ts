import type { DataProvider } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { withFieldErrors } from './apiErrors';
import { httpClient } from './httpClient';

const base: DataProvider = simpleRestProvider('/api', httpClient);

/**
 * The react-admin CRUD protocol (`ra-data-simple-rest`); calls outside it go through `ledgerRequest`
 * (./ledgerApi). Every call's server `details` become field errors (see withFieldErrors).
 */
export const dataProvider: DataProvider = new Proxy(base, {
  get(target, name: string) {
    const method = target[name] as unknown;
    if (typeof method !== 'function') return method;
    return (...args: unknown[]) =>
      (method as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch(withFieldErrors);
  },
});
