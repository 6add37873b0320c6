import type { CodegenConfig } from '@graphql-codegen/cli';

// GraphQL types for the SPA, generated from the same SDL the backend serves (schema/).
// The output in src/gql/ is committed and never edited by hand; CI re-runs this and fails on drift.
const config: CodegenConfig = {
  schema: ['../schema/*.graphqls'],
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
      },
      config: {
        scalars: { ID: 'string', Time: 'string', Cursor: 'string' },
        useTypeImports: true,
        enumsAsTypes: true,
        onlyOperationTypes: true,
        skipTypename: false,
      },
    },
  },
};

export default config;
