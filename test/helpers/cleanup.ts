// Clean-up that helper modules register once, when they are first imported, and that runs after every
// test of every file (test/setup.ts). A helper's own `afterEach` at module level would run only for the
// first file of a worker when files share modules (isolate: false): a module is evaluated once per worker.

type Step = () => Promise<void> | void

const afterEachTest: Step[] = []
const afterEachFile: Step[] = []

/** Runs `step` after every test, after the steps of helpers registered later (as vitest runs hooks: a stack). */
export function afterEveryTest(step: Step): void {
  afterEachTest.push(step)
}

/** Runs `step` at the end of every test file. */
export function afterEveryFile(step: Step): void {
  afterEachFile.push(step)
}

export async function runAfterTest(): Promise<void> {
  for (const step of [...afterEachTest].reverse()) await step()
}

export async function runAfterFile(): Promise<void> {
  for (const step of [...afterEachFile].reverse()) await step()
}
