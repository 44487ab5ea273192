// Runs the graphql-http package's server audits against a running server and prints the
// results as JSON: [{id, name, status: "ok" | "warn" | "error", reason}].
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  results.push({
    id: audit.id,
    name: audit.name,
    status: result.status,
    reason: result.status === 'ok' ? '' : result.reason,
  });
}
console.log(JSON.stringify(results));
