import type { AuthProvider, UserIdentity } from 'react-admin';
import { statusOf } from './apiErrors';
import { authApi, LoginThrottledError, type CurrentUser } from './authApi';
import { i18nProvider } from './i18nProvider';

/** The signed-in user, cached in memory between `GET /api/auth/me` calls; null when signed out. */
let current: CurrentUser | null = null;
let pending: Promise<CurrentUser | null> | null = null;
/** Bumped at login and logout so a `me` answer that arrives afterwards cannot restore a stale user. */
let generation = 0;

function forget(): void {
  generation += 1;
  current = null;
  pending = null;
}

/** Asks the server who is signed in (one request at a time) and caches the answer. */
function fetchCurrentUser(): Promise<CurrentUser | null> {
  if (pending) return pending;
  const asked = generation;
  const request = authApi.me().then((user) => {
    if (asked === generation) current = user;
    return user;
  });
  pending = request;
  const clear = () => {
    if (pending === request) pending = null;
  };
  request.then(clear, clear);
  return request;
}

const currentUser = async () => current ?? (await fetchCurrentUser());

const READ_ACTIONS = new Set(['list', 'show', 'export', 'read']);
const WRITE_ACTIONS = new Set(['create', 'edit', 'delete', 'clone', 'write']);

/** list/show → `<resource>:read`; create/edit/delete → `<resource>:write`; anything else is denied. */
export function requiredPermission(resource: string, action: string): string | undefined {
  if (READ_ACTIONS.has(action)) return `${resource}:read`;
  if (WRITE_ACTIONS.has(action)) return `${resource}:write`;
  return undefined;
}

function throttledMessage(seconds: number | undefined): string {
  if (seconds === undefined) return i18nProvider.translate('ledger.auth.tooManyAttemptsLater');
  if (seconds <= 90) return i18nProvider.translate('ledger.auth.tooManyAttemptsSeconds', { smart_count: seconds });
  return i18nProvider.translate('ledger.auth.tooManyAttemptsMinutes', { smart_count: Math.ceil(seconds / 60) });
}

export const authProvider: AuthProvider = {
  /** react-admin's login form calls its first field `username`; here it is the email. */
  async login({ username, password }: { username?: string; password?: string }) {
    forget();
    try {
      const user = await authApi.login((username ?? '').trim(), password ?? '');
      forget(); // a `me` asked before the session cookie existed must not overwrite this
      current = user;
    } catch (error) {
      if (error instanceof LoginThrottledError) {
        throw new Error(throttledMessage(error.retryAfterSeconds), { cause: error });
      }
      if (statusOf(error) === 401) throw new Error('ledger.auth.invalidCredentials', { cause: error });
      throw error;
    }
  },

  /** Always succeeds locally; a server that already ended the session (401) is fine. */
  async logout() {
    forget();
    try {
      await authApi.logout();
    } catch (error) {
      const status = statusOf(error);
      if (status !== 401 && status !== 403) console.warn('Logout request failed', error);
    }
  },

  async checkAuth() {
    const user = await fetchCurrentUser();
    if (!user) throw new Error('ra.auth.auth_check_error');
  },

  /** 401: the session is over, log out. 403: signed in but not allowed; stay. */
  checkError(error: unknown) {
    if (statusOf(error) !== 401) return Promise.resolve();
    forget();
    return Promise.reject(new Error('ra.notification.logged_out'));
  },

  async getIdentity(): Promise<UserIdentity> {
    const user = await currentUser();
    if (!user) throw new Error('ra.auth.auth_check_error');
    return {
      id: user.id,
      fullName: user.displayName,
      email: user.email,
      organizationId: user.organizationId,
      organizationName: user.organizationName,
      role: user.role,
    };
  },

  async getPermissions() {
    return (await currentUser())?.permissions ?? [];
  },

  async canAccess({ resource, action }) {
    const permission = requiredPermission(resource, action);
    if (!permission) return false;
    const user = await currentUser();
    return user?.permissions.includes(permission) ?? false;
  },
};
