import { afterAll, afterEach } from 'vitest'
import { runAfterFile, runAfterTest } from './helpers/cleanup.js'

// Runs in every test file (vitest setupFiles): the helpers' clean-up (apps, fake servers, databases,
// browsers), registered through test/helpers/cleanup.ts.
afterEach(runAfterTest)
afterAll(runAfterFile)
