// The folders of server/src and admin/src form a one-way graph (docs/architecture.md, "Layers").
// Each entry is a layer, lowest first: a folder may import the folders of the layers below
// its own and nothing above or beside it. eslint-plugin-boundaries enforces it on every
// source file (spec and test files aside: a spec may use helpers from anywhere).
import { readdirSync } from 'node:fs';
import boundaries from 'eslint-plugin-boundaries';

export const SERVER_LAYERS = [
  ['vocabulary', 'config'],
  ['statistics', 'common'],
  ['database'],
  ['rules', 'access'],
  ['audit'],
  ['exports', 'idempotency', 'jobs'],
  ['auth'],
  ['organizations', 'programs', 'indicators', 'users'],
  ['grants'],
  ['evaluations'],
  ['outcomes'],
  ['disclosure'],
  ['evidence'],
  ['reports', 'publishing', 'imports', 'dashboard', 'health', 'metrics', 'audit-events'],
  ['seed'],
  ['(app)'],
];

/** The admin: API access and messages at the bottom, shared widgets, then pages; App.tsx on top. */
export const ADMIN_LAYERS = [
  ['i18n'],
  ['providers'],
  ['common'],
  ['auth', 'layout', 'charts', 'analysis'],
  ['dashboard', 'resources'],
  ['(app)'],
];

/** A folder missing from the table would be nobody's layer: the lint refuses to run until it has one. */
function assertEveryFolderPlaced(root, layers) {
  const placed = new Set(layers.flat());
  const missing = readdirSync(new URL(`./${root}`, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !placed.has(entry.name))
    .map((entry) => entry.name);
  if (missing.length > 0) throw new Error(`eslint.layers.mjs: place ${missing.join(', ')} of ${root} in a layer`);
}

function elementsAndPolicies(root, layers, prefix) {
  assertEveryFolderPlaced(root, layers);
  const type = (folder) => `${prefix}:${folder}`;
  // Earlier descriptors win: a file of a folder is that folder's; the files at the root are the app's.
  const elements = layers
    .flat()
    .map((folder) => ({ type: type(folder), pattern: folder === '(app)' ? root : `${root}/${folder}` }));
  const policies = layers.flatMap((layer, i) =>
    layer.map((folder) => ({
      from: { element: { type: type(folder) } },
      allow: { to: { element: { types: { anyOf: [folder, ...layers.slice(0, i).flat()].map(type) } } } },
    })),
  );
  return { elements, policies };
}

export function layerRules({ root, layers, prefix, files }) {
  const { elements, policies } = elementsAndPolicies(root, layers, prefix);
  return {
    files,
    ignores: ['**/*.spec.ts', '**/*.test.ts', '**/*.test.tsx'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': [`${root}/**/*`],
      'import/resolver': { typescript: { alwaysTryTypes: true } },
    },
    rules: { 'boundaries/dependencies': ['error', { default: 'disallow', policies }] },
  };
}
