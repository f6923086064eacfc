import { defineConfig } from 'vitest/config'

// Tests that touch no database run once; everything with a database runs on SQLite and on PostgreSQL.
const pure = [
  'test/domain/report-line.test.ts',
  'test/domain/nip.test.ts',
  'test/domain/phone.test.ts',
  'test/platforms/whatsapp/window.test.ts',
  'test/platforms/whatsapp/webhook.test.ts',
  'test/platforms/whatsapp/message.test.ts',
  'test/domain/calendar.test.ts',
  'test/domain/evaluation-rules.test.ts',
  'test/domain/tpp.test.ts',
  'test/notify/rate-limit.test.ts',
  'test/scheduler/config.test.ts',
  'test/config.test.ts',
  'test/messages/**/*.test.ts',
  'test/scheduler/chart-labels.test.ts',
  'test/conversation/actions.test.ts',
  'test/helpers/**/*.test.ts',
]

export default defineConfig({
  test: {
    // each file opens its own databases and fake platform servers; forks isolate native modules
    pool: 'forks',
    // the files of a worker share its modules (the app, Prisma, the SDKs are imported once per worker, not
    // once per file: a third of the run's time went to imports): helpers keep no state between files and
    // clean up through test/setup.ts, and each test starts its own app, fakes and database
    isolate: false,
    // two files at a time on two cores: the tests mostly wait on HTTP and the database, so the second
    // worker halves the wall time (one worker, vitest's default here, took twice as long)
    maxWorkers: 2,
    // per run: a folder and an id for the database templates each test copies (test/helpers/templates.ts)
    globalSetup: ['test/global-setup.ts'],
    // in every file: the helpers' clean-up after each test (test/helpers/cleanup.ts)
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgresql',
          // Every layer that writes or reads the database runs here too. The platform adapters' own tests
          // and the contract suite are about the platforms, not the database (the use cases under them are
          // tested on both in domain/, admin/, notify/, scheduler/, cluster/ and smoke/): on PostgreSQL
          // only each platform's core loop, redelivery and repeat handling, and the cross-platform pair.
          include: [
            'test/*.test.ts',
            'test/{admin,cli,cluster,conversation,db,domain,http,messages,notify,scheduler,smoke}/**/*.test.ts',
            // the console's routes and their queries; its browser tests are about the pages, not the database
            'test/console/*.test.ts',
            'test/platforms/{telegram,slack,whatsapp}/{core-loop,redelivery,repeats,cross-platform,platform}.test.ts',
            'test/platforms/seam.test.ts',
          ],
          // the CLI's help, usage errors, settings files and process: about the command line, not the database
          exclude: [...pure, 'test/db/migrations.test.ts', 'test/cli/options-and-env.test.ts', 'node_modules/**'],
          env: { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test' },
        },
      },
    ],
  },
})
