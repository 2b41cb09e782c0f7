// Hand-written schemas for the custom resources that have no npm model: Strimzi KafkaTopic and KafkaUser
// (kafka.strimzi.io/v1beta2) and CloudNativePG Cluster (postgresql.cnpg.io/v1). They hold the required fields,
// types, enums and bounds of those CRDs for the fields this platform uses. Unlike the API server, which prunes an
// unknown field without a word, they refuse one: a misspelt "partition: 12" must not vanish on the way to the cluster.

const string = { type: "string" };
const int = (minimum, maximum) => ({ type: "integer", minimum, maximum });
const bool = { type: "boolean" };
const oneOf = (...values) => ({ type: "string", enum: values });
const object = (properties, required = []) => ({ type: "object", properties, required });
const map = (values) => ({ type: "object", values });
const array = (items) => ({ type: "array", items });
const quantity = { type: "quantity" };
const anything = { type: "any" };
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

const metadata = object({
  name: { type: "string", pattern: DNS_SUBDOMAIN },
  namespace: string,
  labels: map(string),
  annotations: map(string),
}, ["name"]);

const strimziMetadata = { ...metadata, requiredLabels: ["strimzi.io/cluster"] };
const resources = object({ requests: map(quantity), limits: map(quantity) });

const KAFKA_OPERATIONS = ["Read", "Write", "Create", "Delete", "Alter", "Describe", "ClusterAction",
  "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All"];

export const crdSchemas = {
  "kafka.strimzi.io/v1beta2/KafkaTopic": object({
    apiVersion: string, kind: string, metadata: strimziMetadata,
    spec: object({
      topicName: string,
      partitions: int(1),
      replicas: int(1, 32767),
      // Topic configs are free-form in the CRD (string, number or boolean values).
      config: map({ type: "scalar" }),
    }),
  }, ["apiVersion", "kind", "metadata", "spec"]),

  "kafka.strimzi.io/v1beta2/KafkaUser": object({
    apiVersion: string, kind: string, metadata: strimziMetadata,
    spec: object({
      authentication: object({ type: oneOf("tls", "tls-external", "scram-sha-512"), password: anything }, ["type"]),
      authorization: object({
        type: oneOf("simple"),
        acls: array(object({
          type: oneOf("allow", "deny"),
          resource: object({
            type: oneOf("topic", "group", "cluster", "transactionalId"),
            name: string,
            patternType: oneOf("literal", "prefix"),
          }, ["type"]),
          host: string,
          operations: array(oneOf(...KAFKA_OPERATIONS)),
        }, ["resource", "operations"])),
      }, ["type", "acls"]),
      quotas: object({
        producerByteRate: int(0), consumerByteRate: int(0), requestPercentage: int(0), controllerMutationRate: { type: "number" },
      }),
      template: anything,
    }),
  }, ["apiVersion", "kind", "metadata", "spec"]),

  "postgresql.cnpg.io/v1/Cluster": object({
    apiVersion: string, kind: string, metadata,
    spec: object({
      instances: int(1),
      imageName: string,
      minSyncReplicas: int(0),
      maxSyncReplicas: int(0),
      primaryUpdateStrategy: oneOf("unsupervised", "supervised"),
      // PostgreSQL parameters are strings in the CRD: max_connections: 200 (a number) is refused by the API server.
      postgresql: object({ parameters: map(string), pg_hba: array(string) }),
      bootstrap: object({
        initdb: object({ database: string, owner: string, secret: object({ name: string }, ["name"]) }),
      }),
      storage: object({ size: quantity, storageClass: string, resizeInUseVolumes: bool }),
      walStorage: object({ size: quantity, storageClass: string }),
      resources,
      monitoring: object({ enablePodMonitor: bool }),
      affinity: anything,
      backup: anything,
    }, ["instances"]),
  }, ["apiVersion", "kind", "metadata", "spec"]),
};

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i?|[mkMGTPE]|)?$/;

function typeOf(value) {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
}

function check(value, schema, path, problems) {
  const actual = typeOf(value);
  switch (schema.type) {
    case "any":
      return;
    case "scalar":
      if (!["string", "integer", "number", "boolean"].includes(actual)) problems.push(`${path} must be a string, number or boolean`);
      return;
    case "quantity":
      if (!(actual === "integer" || (actual === "string" && QUANTITY.test(value)))) problems.push(`${path} must be a quantity such as 5Gi`);
      return;
    case "number":
      if (actual !== "integer" && actual !== "number") problems.push(`${path} must be number`);
      return;
    case "integer":
      if (actual !== "integer") {
        problems.push(`${path} must be integer`);
      } else if (schema.minimum !== undefined && value < schema.minimum) {
        problems.push(`${path} must be >= ${schema.minimum}`);
      } else if (schema.maximum !== undefined && value > schema.maximum) {
        problems.push(`${path} must be <= ${schema.maximum}`);
      }
      return;
    case "string":
    case "boolean":
      if (actual !== schema.type) {
        problems.push(`${path} must be ${schema.type}`);
      } else if (schema.enum && !schema.enum.includes(value)) {
        problems.push(`${path} must be one of ${schema.enum.join(", ")}`);
      } else if (schema.pattern && !schema.pattern.test(value)) {
        problems.push(`${path} must match ${schema.pattern}`);
      }
      return;
    case "array":
      if (actual !== "array") {
        problems.push(`${path} must be array`);
      } else {
        value.forEach((item, i) => check(item, schema.items, `${path}/${i}`, problems));
      }
      return;
    case "object":
      if (actual !== "object") {
        problems.push(`${path} must be object`);
        return;
      }
      if (schema.values) {
        for (const [key, v] of Object.entries(value)) check(v, schema.values, `${path}/${key}`, problems);
        return;
      }
      for (const key of schema.required ?? []) {
        if (!(key in value)) problems.push(`${path} must have required property '${key}'`);
      }
      for (const [key, v] of Object.entries(value)) {
        const property = schema.properties[key];
        if (property) {
          check(v, property, `${path}/${key}`, problems);
        } else if (key !== "status") {
          problems.push(`${path}/${key} is not a field of this resource (the API server would drop it)`);
        }
      }
      for (const label of schema.requiredLabels ?? []) {
        if (!value.labels?.[label]) problems.push(`${path}/labels must have '${label}' (the operator ignores the resource without it)`);
      }
      return;
    default:
      throw new Error(`unknown schema type ${schema.type}`);
  }
}

/** The problems of one object against a schema above, as strings with JSON-pointer-like paths. */
export function checkAgainst(object, schema) {
  const problems = [];
  check(object, schema, "", problems);
  return problems;
}
