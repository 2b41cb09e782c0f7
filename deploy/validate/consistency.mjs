// Checks across the rendered objects that no schema can make: references resolve, selectors select, and the
// scale-out the manifests declare is one the platform can actually run (partitions, database connections).

// Made by the platform engineer (deploy/README.md), never committed: the validator accepts references to these.
export const EXTERNAL_SECRETS = ["outreach-links", "outreach-smtp", "outreach-mailgun",
  "outreach-kafka-cluster-ca-cert"];
export const EXTERNAL_CONFIGMAPS = ["outreach-jwt"];
// Topics that hold the latest state per key and must never lose it to retention.
const COMPACTED_TOPICS = ["patients.profiles", "events.catalog", "segments.catalog", "emails.catalog",
  "triggers.catalog"];
// Connections each database keeps for its superuser, the operator and people at a psql prompt.
const RESERVED_CONNECTIONS = 10;
const HEALTH = { startupProbe: "/q/health/started", livenessProbe: "/q/health/live", readinessProbe: "/q/health/ready" };

const id = (o) => `${o.kind}/${o.metadata?.name}`;
const labelsMatch = (selector, labels) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v) && Object.keys(selector ?? {}).length > 0;
const MEBI = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9, m: 1e-3, "": 1 };
const amount = (q) => {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G|m|)$/.exec(String(q));
  return m ? Number(m[1]) * MEBI[m[2]] : NaN;
};

export function consistencyProblems(objects) {
  const problems = [];
  const report = (o, message) => problems.push(`${id(o)}: ${message}`);
  const all = (kind) => objects.filter((o) => o.kind === kind);
  const byName = (kind, name) => all(kind).find((o) => o.metadata.name === name);
  const deployments = all("Deployment");
  const services = deployments.filter((d) => d.metadata.labels?.["app.kubernetes.io/component"] === "service");
  const clusters = new Set(all("Cluster").map((c) => c.metadata.name));
  const users = new Set(all("KafkaUser").map((u) => u.metadata.name));
  const topics = new Map(all("KafkaTopic").map((t) => [t.spec?.topicName ?? t.metadata.name, t]));

  for (const secret of all("Secret")) {
    if (secret.data || secret.stringData) report(secret, "secret values must not be committed; reference a Secret made outside");
  }

  // References from pods to ConfigMaps and Secrets.
  const secretKnown = (name) => EXTERNAL_SECRETS.includes(name) || users.has(name)
    || (name.endsWith("-app") && clusters.has(name.slice(0, -4))) || byName("Secret", name);
  const configMapKnown = (name) => EXTERNAL_CONFIGMAPS.includes(name) || byName("ConfigMap", name);
  for (const d of deployments) {
    const pod = d.spec.template.spec;
    const refs = [];
    for (const c of pod.containers) {
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef) refs.push(["ConfigMap", from.configMapRef.name]);
        if (from.secretRef) refs.push(["Secret", from.secretRef.name]);
      }
      for (const e of c.env ?? []) {
        if (e.valueFrom?.secretKeyRef) refs.push(["Secret", e.valueFrom.secretKeyRef.name]);
        if (e.valueFrom?.configMapKeyRef) refs.push(["ConfigMap", e.valueFrom.configMapKeyRef.name]);
      }
    }
    for (const v of pod.volumes ?? []) {
      if (v.secret) refs.push(["Secret", v.secret.secretName]);
      if (v.configMap) refs.push(["ConfigMap", v.configMap.name]);
      if (v.persistentVolumeClaim && !byName("PersistentVolumeClaim", v.persistentVolumeClaim.claimName)) {
        report(d, `volume ${v.name} names the missing PersistentVolumeClaim ${v.persistentVolumeClaim.claimName}`);
      }
    }
    for (const [kind, name] of refs) {
      const known = kind === "Secret" ? secretKnown(name) : configMapKnown(name);
      if (!known) report(d, `references ${kind} ${name}, which is neither rendered nor a documented external one`);
    }
    if (!labelsMatch(d.spec.selector.matchLabels, d.spec.template.metadata?.labels)) {
      report(d, "its selector does not select its own pod template");
    }
    for (const c of pod.containers) {
      const { requests = {}, limits = {} } = c.resources ?? {};
      for (const r of ["cpu", "memory"]) {
        if (!requests[r] || !limits[r]) report(d, `container ${c.name} needs a ${r} request and limit`);
        else if (amount(requests[r]) > amount(limits[r])) report(d, `container ${c.name} requests more ${r} than its limit`);
      }
      for (const probe of Object.keys(HEALTH)) {
        if (!c[probe]?.httpGet) report(d, `container ${c.name} needs an HTTP ${probe}`);
      }
    }
  }

  // Selectors and targets.
  const podsOf = (selector) => deployments.filter((d) => labelsMatch(selector, d.spec.template.metadata?.labels));
  for (const s of all("Service")) {
    const pods = podsOf(s.spec.selector);
    if (pods.length === 0) report(s, "selects no Deployment's pods");
    for (const p of s.spec.ports) {
      const named = pods.some((d) => d.spec.template.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === p.targetPort || cp.containerPort === p.targetPort)));
      if (pods.length && !named) report(s, `port ${p.name} targets ${p.targetPort}, which no selected container exposes`);
    }
  }
  for (const pdb of all("PodDisruptionBudget")) {
    if (podsOf(pdb.spec.selector?.matchLabels).length === 0) report(pdb, "selects no Deployment's pods");
  }
  for (const sm of all("ServiceMonitor")) {
    const targets = all("Service").filter((s) => labelsMatch(sm.spec.selector?.matchLabels, s.metadata.labels));
    if (targets.length === 0) report(sm, "selects no Service");
    for (const e of sm.spec.endpoints) {
      if (!targets.some((s) => s.spec.ports.some((p) => p.name === e.port))) report(sm, `endpoint port ${e.port} is not a port of the selected Service`);
    }
  }
  for (const hpa of all("HorizontalPodAutoscaler")) {
    const ref = hpa.spec.scaleTargetRef;
    if (ref.kind !== "Deployment" || !byName("Deployment", ref.name)) report(hpa, `scales the missing ${ref.kind} ${ref.name}`);
    if ((hpa.spec.minReplicas ?? 1) > hpa.spec.maxReplicas) report(hpa, "minReplicas is above maxReplicas");
  }
  for (const np of all("NetworkPolicy")) {
    const name = np.spec.podSelector?.matchLabels?.["app.kubernetes.io/name"];
    if (name && podsOf(np.spec.podSelector.matchLabels).length === 0) report(np, `selects no pods (app.kubernetes.io/name=${name})`);
  }

  // What each service needs to run, scale and be watched.
  for (const d of services) {
    const name = d.metadata.name;
    const hpa = all("HorizontalPodAutoscaler").find((h) => h.spec.scaleTargetRef.name === name);
    const policy = all("NetworkPolicy").find((np) => np.spec.podSelector?.matchLabels?.["app.kubernetes.io/name"] === name);
    const user = byName("KafkaUser", name);
    for (const [what, present] of [["HorizontalPodAutoscaler", hpa], ["NetworkPolicy", policy], ["KafkaUser", user],
      ["PodDisruptionBudget", all("PodDisruptionBudget").some((p) => podsOf(p.spec.selector?.matchLabels).includes(d))],
      ["ServiceMonitor", all("ServiceMonitor").some((m) => m.spec.selector?.matchLabels?.["app.kubernetes.io/name"] === name)]]) {
      if (!present) report(d, `has no ${what}`);
    }
    const replicas = d.spec.replicas;
    if (hpa && replicas !== undefined && (replicas < (hpa.spec.minReplicas ?? 1) || replicas > hpa.spec.maxReplicas)) {
      report(d, `replicas ${replicas} is outside its HPA's range: every apply would fight the autoscaler`);
    }
    const container = d.spec.template.spec.containers[0];
    for (const [probe, path] of Object.entries(HEALTH)) {
      if (container[probe]?.httpGet && container[probe].httpGet.path !== path) report(d, `${probe} must call ${path}`);
    }
    const config = Object.assign({}, ...(container.envFrom ?? [])
      .map((f) => f.configMapRef && byName("ConfigMap", f.configMapRef.name)?.data).filter(Boolean));
    const jdbc = /^jdbc:postgresql:\/\/([a-z0-9-]+)-rw(?:\.[a-z0-9.-]+)?:\d+\/\w+/.exec(config.QUARKUS_DATASOURCE_JDBC_URL ?? "");
    const cluster = jdbc && byName("Cluster", jdbc[1]);
    if (!cluster) {
      report(d, `QUARKUS_DATASOURCE_JDBC_URL must name the -rw service of a rendered CloudNativePG Cluster`);
    } else {
      const egressClusters = (policy?.spec.egress ?? []).flatMap((rule) => rule.to ?? [])
        .map((peer) => peer.podSelector?.matchLabels?.["cnpg.io/cluster"]).filter(Boolean);
      if (policy && (egressClusters.length !== 1 || egressClusters[0] !== cluster.metadata.name)) {
        report(policy, `must let ${name} reach its own database ${cluster.metadata.name} and no other (has ${egressClusters.join(", ") || "none"})`);
      }
      const pool = Number(config.QUARKUS_DATASOURCE_JDBC_MAX_SIZE ?? 20);
      const max = Number(cluster.spec.postgresql?.parameters?.max_connections ?? 100);
      if (hpa && hpa.spec.maxReplicas * pool + RESERVED_CONNECTIONS > max) {
        report(hpa, `maxReplicas ${hpa.spec.maxReplicas} x pool ${pool} + ${RESERVED_CONNECTIONS} reserved exceeds max_connections ${max} of ${id(cluster)}`);
      }
    }
    // A consumer group spreads partitions over replicas: a replica beyond the partition count idles.
    for (const acl of user?.spec.authorization?.acls ?? []) {
      if (acl.resource.type !== "topic") continue;
      const topic = topics.get(acl.resource.name);
      if (!topic) {
        report(user, `ACL names topic ${acl.resource.name}, which no KafkaTopic creates`);
      } else if (acl.operations.includes("Read") && hpa && hpa.spec.maxReplicas > topic.spec.partitions) {
        report(hpa, `maxReplicas ${hpa.spec.maxReplicas} exceeds the ${topic.spec.partitions} partitions of ${acl.resource.name}, which it consumes`);
      }
    }
  }

  const kafkaClusters = new Set([...all("KafkaTopic"), ...all("KafkaUser")].map((o) => o.metadata.labels?.["strimzi.io/cluster"]));
  if (kafkaClusters.size > 1) problems.push(`KafkaTopics and KafkaUsers name several Strimzi clusters: ${[...kafkaClusters].join(", ")}`);
  for (const [name, topic] of topics) {
    const policy = topic.spec.config?.["cleanup.policy"];
    if (COMPACTED_TOPICS.includes(name) && policy !== "compact") report(topic, `${name} holds the latest state per key: cleanup.policy must be compact`);
    if (!COMPACTED_TOPICS.includes(name) && policy !== "compact" && topic.spec.config?.["retention.ms"] === undefined) {
      report(topic, "set retention.ms: how long the records stay is a decision, not a broker default");
    }
    const isr = Number(topic.spec.config?.["min.insync.replicas"] ?? 1);
    if (isr > topic.spec.replicas) report(topic, `min.insync.replicas ${isr} is above replicas ${topic.spec.replicas}: every write would fail`);
  }
  return problems;
}
