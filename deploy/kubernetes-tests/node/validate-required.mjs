// Validates Kubernetes objects against the JSON schemas of the npm kubernetes-models package
// (required fields, enumerations, formats). Reads a JSON array of objects on stdin; writes a JSON
// array with one entry per object: {kind, name, status: "valid" | "invalid" | "unknown-kind", error}.
// The Prometheus operator's kinds come from @kubernetes-models/prometheus-operator.
import { readFileSync } from "node:fs";

const objects = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const object of objects) {
  const kind = object.kind;
  const name = object.metadata?.name ?? "";
  // Core kinds are under kubernetes-models/v1, the others under kubernetes-models/<group>/<version>.
  const modulePath = object.apiVersion.startsWith("monitoring.coreos.com/")
    ? `@kubernetes-models/prometheus-operator/${object.apiVersion}`
    : `kubernetes-models/${object.apiVersion}`;
  let model;
  try {
    model = (await import(modulePath))[kind];
  } catch {
    model = undefined;
  }
  if (model === undefined) {
    results.push({ kind, name, status: "unknown-kind", error: "" });
    continue;
  }
  try {
    new model(object).validate();
    results.push({ kind, name, status: "valid", error: "" });
  } catch (e) {
    results.push({ kind, name, status: "invalid", error: String(e.message ?? e) });
  }
}
process.stdout.write(JSON.stringify(results));
