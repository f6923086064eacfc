import path from 'node:path'
import { defineConfig } from 'prisma/config'

// Used by the Prisma CLI for `generate` only. The app applies migrations itself at start-up, and
// migrations are written by scripts/db-migration.ts (see prisma/diff.config.ts).
export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
})
