import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed operations from Mesa's schema: `graphql(...)` in src/ops.ts returns typed documents.
const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.ts", "src/**/*.tsx", "!src/gql/**/*"],
  ignoreNoDocuments: true,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: "string", Date: "string", JSON: "unknown", Upload: "File" },
      },
    },
  },
};
export default config;
