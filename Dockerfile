# syntax=docker/dockerfile:1

# Build stage: compiles TypeScript and the native SQLite module (better-sqlite3 builds from
# source when no prebuilt binary can be downloaded, which needs python3, make and g++).
FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: production dependencies and the compiled service only.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATABASE_URL=sqlite:////data/app.db
WORKDIR /app
# A named volume mounted at /data takes the ownership of the image's folder, so the folder is
# created and given to the runtime user here, before USER.
RUN mkdir -p /data && chown node:node /data
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# node runs the service directly (no npm wrapper), so SIGTERM reaches its shutdown handler.
# The flag is the one in `npm run start:prod`; docs/benchmarks.md says why.
CMD ["node", "--max-semi-space-size=8", "dist/main.js"]
