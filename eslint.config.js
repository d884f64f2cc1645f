import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const pureBans = (extra = []) => ({
  patterns: [
    { group: ['dexie', 'dexie/*', 'fake-indexeddb', 'fake-indexeddb/*'], message: 'Pure code: no IndexedDB.' },
    { group: ['svelte', 'svelte/*', '*.svelte'], message: 'Pure code: no UI framework.' },
    { group: ['chart.js', 'chart.js/*', 'papaparse'], message: 'Pure code: no UI or IO libraries.' },
    ...extra,
  ],
});
const noClockRead = [
  { object: 'Date', property: 'now', message: 'Time is passed in (a Clock), never read here.' },
  { object: 'Math', property: 'random', message: 'Randomness is passed in (seeded), never read here.' },
];
const noArglessDate = {
  selector: "NewExpression[callee.name='Date'][arguments.length=0]",
  message: 'Time is passed in (a Clock), never read here.',
};

export default tseslint.config(
  { ignores: ['dist/', 'dev-dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results/', 'bench/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.svelte', '.svelte.ts'] })],
      'import-x/ignore': ['node_modules'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'svelte/no-at-html-tags': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.svelte'],
    ignores: ['eslint.config.js', 'svelte.config.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['src/lib/domain/**', 'src/lib/demo/**', 'src/lib/analytics/compute/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        pureBans([{ group: ['**/db/*', '**/ui/*', '**/state/*', '**/io/*', '**/i18n/*', '**/pwa/*'], message: 'Pure code imports only the domain.' }]),
      ],
      'no-restricted-properties': ['error', ...noClockRead],
      'no-restricted-syntax': ['error', noArglessDate],
    },
  },
  {
    files: ['src/lib/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ui/*', '**/state/*', '**/io/*', '**/analytics/*', '**/i18n/*'], message: 'db imports only the domain and dexie.' },
            { group: ['chart.js', 'papaparse'], message: 'db imports only the domain and dexie.' },
          ],
        },
      ],
    },
  },
  {
    // CSV encode/decode and validation: pure but for papaparse (ARCHITECTURE.md), so it is tested without IndexedDB.
    files: ['src/lib/io/csv/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['dexie', 'dexie/*', 'fake-indexeddb', 'fake-indexeddb/*', 'svelte', 'svelte/*', '*.svelte', 'chart.js', 'fflate'], message: 'io/csv imports only the domain and papaparse.' },
            { group: ['**/db/*', '**/ui/*', '**/state/*', '**/i18n/*', '**/analytics/*', '**/backup/*', '**/pwa/*'], message: 'io/csv imports only the domain and papaparse.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**', 'src/App.svelte', 'src/lib/state/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['dexie', 'dexie/*'], message: 'The UI reads through db/queries and writes through db/commands.' },
            { group: ['**/analytics/compute/*'], message: 'The UI asks the analytics worker; it never imports compute.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/unit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['dexie', 'fake-indexeddb', 'fake-indexeddb/*', '**/db/*', '**/db/**'], message: 'Unit tests never touch IndexedDB.' },
          ],
        },
      ],
    },
  },
);
