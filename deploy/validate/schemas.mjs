// Schema checks of one rendered object: Kubernetes kinds and the Prometheus Operator's ServiceMonitor through the
// npm models (generated from the OpenAPI schemas), Strimzi and CloudNativePG kinds through crds.mjs.
import { crdSchemas, checkAgainst } from "./crds.mjs";

const MODEL_PACKAGES = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
};

async function loadModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const base = MODEL_PACKAGES[group] ?? (group ? `kubernetes-models/${group}` : "kubernetes-models");
  try {
    const module = await import(`${base}/${version}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

/** Returns the problems of one object as strings; empty when it conforms. */
export async function schemaProblems(object) {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return ["apiVersion and kind must be strings"];
  }
  const crd = crdSchemas[`${apiVersion}/${kind}`];
  if (crd) {
    return checkAgainst(object, crd);
  }
  const Model = await loadModel(apiVersion, kind);
  if (!Model) {
    // An object nobody can check would pass silently; refuse it instead.
    return [`no schema known for ${apiVersion} ${kind}`];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (e) {
    return String(e.message ?? e).split(", ").map((m) => m.replace(/^data/, ""));
  }
}
