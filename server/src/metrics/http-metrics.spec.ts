import { ADMIN_ROUTE, methodLabel, routeLabel, UNMATCHED_ROUTE } from './http-metrics';

describe('HTTP metric labels', () => {
  it('use the route pattern Nest registered, never the address', () => {
    expect(routeLabel({ route: { path: '/api/programs/:id' }, baseUrl: '', originalUrl: '/api/programs/42?x=1' })).toBe(
      '/api/programs/:id',
    );
    expect(routeLabel({ route: { path: '/:id' }, baseUrl: '/api/programs', originalUrl: '/api/programs/42' })).toBe(
      '/api/programs/:id',
    );
  });

  it('name requests no route matched by where they went, not by their address', () => {
    // Nest's own not-found handler is a catch-all route under the prefix.
    expect(routeLabel({ route: { path: '*path' }, baseUrl: '/api', originalUrl: '/api/nope/123' })).toBe(
      UNMATCHED_ROUTE,
    );
    expect(routeLabel({ route: undefined, baseUrl: '', originalUrl: '/api' })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ route: undefined, baseUrl: '', originalUrl: '/api/docs/swagger-ui.css' })).toBe(
      UNMATCHED_ROUTE,
    );
    expect(routeLabel({ route: undefined, baseUrl: '', originalUrl: '/assets/index-abc.js?v=1' })).toBe(ADMIN_ROUTE);
    expect(routeLabel({ route: undefined, baseUrl: '', originalUrl: '/apix/1' })).toBe(ADMIN_ROUTE);
  });

  it('keep methods to a fixed set', () => {
    expect(methodLabel('GET')).toBe('GET');
    expect(methodLabel('PATCH')).toBe('PATCH');
    expect(methodLabel('PROPFIND')).toBe('other');
    expect(methodLabel('get')).toBe('other');
  });
});
