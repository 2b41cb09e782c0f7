// Renders each kustomization given on the command line with `kubectl kustomize` (no API server needed) and checks
// every object against its schema (schemas.mjs) and the objects against each other (consistency.mjs).
// Exit 0 when all are valid, 1 otherwise. Usage: node validate.mjs DIR...
import { execFileSync } from "node:child_process";
import yaml from "js-yaml";
import { schemaProblems } from "./schemas.mjs";
import { consistencyProblems } from "./consistency.mjs";

function render(dir) {
  return execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function validate(dir) {
  let objects;
  try {
    objects = yaml.loadAll(render(dir)).filter(Boolean);
  } catch (e) {
    return { count: 0, problems: [`cannot render: ${(e.stderr || e.message).trim()}`] };
  }
  const problems = [];
  for (const object of objects) {
    for (const p of await schemaProblems(object)) problems.push(`${object.kind}/${object.metadata?.name}: ${p}`);
  }
  problems.push(...consistencyProblems(objects));
  return { count: objects.length, problems };
}

let failed = false;
for (const dir of process.argv.slice(2)) {
  const { count, problems } = await validate(dir);
  if (problems.length === 0) {
    console.log(`valid   ${dir}: ${count} objects`);
  } else {
    failed = true;
    console.log(`INVALID ${dir}: ${problems.length} problem(s) in ${count} objects`);
    for (const p of problems) console.log(`  - ${p}`);
  }
}
process.exit(failed ? 1 : 0);
