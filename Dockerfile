# syntax=docker/dockerfile:1
# Mesh Matrix: one Next.js server on a SQLite file kept on a volume. README "Container" explains how to run it.

# 1. Dependencies: better-sqlite3 compiles from source where no prebuilt binary is reachable, so this stage has the
#    build tools and Node's headers (npm_config_nodedir); the later stages never need them.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# `npm install` follows the lockfile; `npm ci` refuses it where the registry lacks other platforms' optional binaries.
RUN npm install --no-audit --no-fund

# 2. Build: `next build` never opens the database, so one image serves any database file.
FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev

# 3. Runtime: no compilers, no dev dependencies, not root.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 \
    DATABASE_PATH=/data/mesh-matrix.db
# The server migrates and seeds on first start (instrumentation.ts → lib/server/startup.ts), reading the migrations in
# drizzle/ and the seed data in db/seed/; next.config.ts reads lib/next/view-routes.ts.
COPY --from=build /app/package.json /app/next.config.ts /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/db ./db
COPY --from=build /app/lib ./lib
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `npm start`, with its node options: the server npm run build bundled (lib/next/start-server.ts), which needs no
# TypeScript loader; tests/unit/container.test.ts keeps the two the same.
CMD ["node", "--max-old-space-size=384", ".next/start-server.js"]
