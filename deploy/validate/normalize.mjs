// Rewrites a quarkus-kubernetes manifest (stdin) in a canonical form (stdout): the generator fills labels, ports,
// volumes and mounts from hash maps, so their order changes from one build to the next while nothing else does.
// Keys sorted, and lists of named items (ports, env, volumes, volumeMounts) sorted by name, where order means nothing.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const canonical = (value) => {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    const named = items.length > 1 && items.every((i) => typeof i?.name === "string");
    return named ? items.sort((a, b) => a.name.localeCompare(b.name)) : items;
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  }
  return value;
};

const docs = yaml.loadAll(readFileSync(0, "utf8")).filter((d) => d);
process.stdout.write(docs.map((d) => "---\n" + yaml.dump(canonical(d), { lineWidth: -1, noRefs: true })).join(""));
