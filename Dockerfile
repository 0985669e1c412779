# syntax=docker/dockerfile:1
# Portal iSPEKS: built in one stage, run from another with the production dependencies and dist/
# only (docs/operations.md). Node 24 LTS, pinned; bump deliberately, with the tests.
ARG NODE_IMAGE=node:24.21.0-trixie-slim

# ---- build: every dependency (tsc, tsx), compile to dist/ ----------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: compiling needs none (they fetch the node@24 dev binary the image already
# has, and build native addons the build never loads).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY migrations ./migrations
COPY seeds ./seeds
COPY views ./views
COPY public ./public
COPY files ./files
RUN node --import tsx scripts/build.ts

# ---- production dependencies only --------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- run ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM to node (whose cluster primary stops every worker gracefully)
# and reaps zombies; node as PID 1 would ignore signals it installs no handler for.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
# glibc's allocator, as package.json's start:production sets it (a unit test holds them equal):
# two arenas, not one per thread (the argon2 threads would each keep one): ~20 MB less peak RSS,
# the same throughput. A fixed mmap threshold saved more but made argon2 map and fault in its
# 19 MiB on every verification: logins 5x slower (docs/benchmarks.md).
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
# Owned by root, readable by all: the process (user node) cannot change its own code.
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
USER node
EXPOSE 3000
# Liveness only (no database): an outage of PostgreSQL must not mark every app container
# unhealthy; readiness for a load balancer is GET /readyz (docker-compose.yml uses it).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The old generation capped at 128 MB per process (each cluster worker inherits it): the live heap
# under load is ~40 MB, and without a cap V8 lets it grow to ~4x that. The young generation is
# capped too: V8 counts it inside that limit, and left to grow to its default it crowds the old
# generation into a full mark-compact every ~50 ms, a third of the throughput (docs/benchmarks.md).
# The same flags as package.json's start:production (a unit test holds them equal).
# WEB_CONCURRENCY: workers (default one per CPU the process may use; set it to the container's CPU limit).
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=16", "dist/src/server.js"]
