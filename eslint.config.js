import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// ---------------------------------------------------------------------------------------------------
// Layers (docs/architecture.md, "Layers"): which folder of src/ may import which. Every src/ file gets
// exactly one `no-restricted-imports` setting, built below from its folder and its depth (imports are
// relative, so "../app.js" means src/app.ts only one folder below src/).
// ---------------------------------------------------------------------------------------------------

/** An import of one of src/'s top folders, from anywhere below src/. */
const folder = (...names) => `^(\\.\\./)+(${names.join('|')})(/|$)`
const CHAT_SDKS = ['grammy', 'grammy/*', '@grammyjs/*', '@slack/*']

const LAYERS = {
  domain: [
    {
      regex: folder('platforms', 'http', 'scheduler', 'cli', 'admin', 'notify', 'cluster'),
      message: 'The domain is imported by the layers around it, never the reverse (docs/architecture.md, Layers).',
    },
    {
      regex: folder('messages'),
      message: 'The domain hands out raw values (src/domain/refusals.ts); words are made in src/messages/ (docs/architecture.md, Layers).',
    },
    { group: [...CHAT_SDKS, 'node:http', 'http'], message: 'The domain knows no chat platform and no HTTP.' },
  ],
  messages: [
    {
      regex: folder('domain'),
      allowTypeImports: true,
      message: 'Messages import only types from the domain: refusals and views carry raw values (docs/architecture.md, Layers).',
    },
    {
      regex: folder('db', 'generated', 'platforms', 'notify', 'scheduler', 'http', 'cli', 'admin', 'cluster'),
      message: 'Messages are plain text made from values; they read no database and know no platform.',
    },
    { group: CHAT_SDKS, message: 'Messages are plain text for every platform: each platform adds its own markup.' },
  ],
  db: [
    {
      regex: folder('domain', 'messages', 'platforms', 'notify', 'scheduler', 'http', 'cli', 'admin', 'cluster'),
      message: 'src/db/ is the bottom layer: it knows the schema and the drivers, nothing above them.',
    },
  ],
  conversation: [
    {
      regex: folder('platforms', 'http', 'scheduler', 'cli', 'admin', 'cluster'),
      message: 'The conversation layer is what every platform shares: adapters import it, never the reverse (docs/architecture.md, Layers).',
    },
    { group: [...CHAT_SDKS, 'node:http', 'http'], message: 'The conversation layer knows no chat platform: each adapter translates its own widgets.' },
  ],
  'platforms/telegram': [
    { regex: '^(\\.\\./)+slack(/|$)', message: 'Telegram and Slack never import each other: share through src/messages/ or the domain.' },
    { group: ['@slack/*'], message: 'Telegram code does not use the Slack SDK.' },
  ],
  'platforms/slack': [
    { regex: '^(\\.\\./)+telegram(/|$)', message: 'Telegram and Slack never import each other: share through src/messages/ or the domain.' },
    { group: ['grammy', 'grammy/*', '@grammyjs/*'], message: 'Slack code does not use grammY.' },
  ],
  'platforms/whatsapp': [
    { regex: '^(\\.\\./)+(telegram|slack)(/|$)', message: 'Platforms never import each other: share through src/conversation/, src/messages/ or the domain.' },
    { group: CHAT_SDKS, message: 'WhatsApp code uses neither grammY nor the Slack SDK.' },
  ],
  'platforms/playground': [
    { regex: '^(\\.\\./)+(telegram|slack|whatsapp)(/|$)', message: 'Platforms never import each other: share through src/conversation/, src/messages/ or the domain.' },
    { group: CHAT_SDKS, message: 'The playground is plain HTTP and uses no chat SDK.' },
  ],
  console: [
    {
      regex: folder('platforms', 'cli', 'cluster'),
      message: 'The console works for every platform and reads the use cases and src/admin/: the composition root hands it the platforms (ConsoleDeps), docs/architecture.md.',
    },
    { group: CHAT_SDKS, message: 'The console is a web application: it uses no chat SDK.' },
  ],
  ...Object.fromEntries(
    ['notify', 'scheduler', 'admin', 'cli'].map((name) => [
      name,
      [
        { regex: folder('platforms'), message: `src/${name}/ works for every platform: it imports none of src/platforms/ (the composition root wires them).` },
        { group: CHAT_SDKS, message: `src/${name}/ works for every platform and uses no chat SDK.` },
      ],
    ]),
  ),
}

/** A file directly in src/, as imported from `depth` folders below it. */
const srcFile = (depth, names) => `^${depth === 0 ? '\\./' : '\\.\\./'.repeat(depth)}(${names})(\\.js)?$`

/** src/main.ts, src/app.ts and src/services.ts are the composition root; the rest of src/ sees only its types. */
const rootImports = (depth) => [
  {
    regex: srcFile(depth, 'main|app'),
    message: 'Only the composition root (src/main.ts, src/app.ts) and tests import src/main.ts or src/app.ts.',
  },
  {
    regex: srcFile(depth, 'services'),
    allowTypeImports: true,
    message: 'createServices is called by the composition root; the rest of src/ imports only the Services type.',
  },
]

const MAX_DEPTH = 5 // folders below src/ (src/platforms/slack/listeners/actions/ is 4)
const layerConfigs = []
for (let depth = 0; depth <= MAX_DEPTH; depth++) {
  const below = '*/'.repeat(depth)
  // files of no layer in the table: only the composition-root rule
  layerConfigs.push({
    files: [`src/${below}*.{ts,tsx}`],
    ignores: depth === 0 ? ['src/main.ts', 'src/app.ts'] : [],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: rootImports(depth) }] },
  })
  for (const [layer, patterns] of Object.entries(LAYERS)) {
    const inLayer = depth - layer.split('/').length
    if (inLayer < 0) continue
    layerConfigs.push({
      files: [`src/${layer}/${'*/'.repeat(inLayer)}*.{ts,tsx}`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, ...rootImports(depth)] }] },
    })
  }
}

export default tseslint.config(
  { ignores: ['node_modules/', 'src/generated/', 'data/', 'scratch/', 'coverage/', 'screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  // Type-aware rules: every .ts file is in tsconfig.json (src, test, scripts, bench and the tool configs).
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // a promise is awaited, or `void`ed with the reason and a logged rejection (fire-and-forget on purpose)
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // a `default` is a written decision about every other case (error codes, other flows' steps); a switch
      // without one names every member of its union, so a new message kind or status cannot slip through
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  { files: ['scripts/**', 'bench/**', 'src/cli/**'], rules: { 'no-console': 'off' } },
  ...layerConfigs,
)
