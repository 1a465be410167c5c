// Checks rendered Kubernetes manifests (helm template output) against the schemas of the API versions they name, as
// the API server's strict field validation would: an unknown field, a wrong type, a missing required field or a value
// outside an enum is an error. Built-in kinds use kubernetes-models (validators generated from Kubernetes' OpenAPI
// spec); custom resources use the CRD schemas in schemas/ (see schemas/README.md for their sources).
//
//   node validate-manifests.mjs [--kube-version 1.30] FILE...    (FILE may be - for stdin)
//
// Prints one line per problem, `Kind/name: /path: message`, and exits 1 when there is any, 0 when there is none.

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { watchReads, unknownFields } from "./strict-reads.mjs";

const here = dirname(fileURLToPath(import.meta.url));

// The built-in APIs the chart may render, with the Kubernetes release each became GA in (Kubernetes' deprecated API
// migration guide and release notes). An object of an API newer than --kube-version fails: that cluster lacks it.
const builtIn = new Map([
  ["v1/ConfigMap", "1.0"],
  ["v1/Secret", "1.0"],
  ["v1/Service", "1.0"],
  ["v1/ServiceAccount", "1.0"],
  ["apps/v1/Deployment", "1.9"],
  ["rbac.authorization.k8s.io/v1/Role", "1.8"],
  ["rbac.authorization.k8s.io/v1/RoleBinding", "1.8"],
  ["networking.k8s.io/v1/NetworkPolicy", "1.7"],
  ["networking.k8s.io/v1/Ingress", "1.19"],
  ["policy/v1/PodDisruptionBudget", "1.21"],
  ["autoscaling/v2/HorizontalPodAutoscaler", "1.23"],
]);

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function schemaModuleName(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const groupPart = group === "" ? "Core" : capitalize(group.split(".")[0]);
  return `IoK8sApi${groupPart}${capitalize(version)}${kind}`;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

async function loadValidator(module) {
  return (await import(`kubernetes-models/_schemas/${module}`)).validate;
}

const objectMeta = (await import("@kubernetes-models/apimachinery/_schemas/IoK8sApimachineryPkgApisMetaV1ObjectMeta")).validate;

// Precompiled validators carry no messages (ajv adds them only when it compiles); this says what each keyword means.
function describe(error) {
  const p = error.params ?? {};
  switch (error.keyword) {
    case "required": return `must have required property '${p.missingProperty}'`;
    case "type": return `must be ${p.type}`;
    case "enum": return `must be one of ${p.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    case "const": return `must be ${JSON.stringify(p.allowedValue)}`;
    case "format": return `must match format "${p.format}"`;
    case "pattern": return `must match pattern "${p.pattern}"`;
    case "additionalProperties": return `must not have the field '${p.additionalProperty}'`;
    case "minimum": case "maximum": case "exclusiveMinimum": case "exclusiveMaximum":
    case "minLength": case "maxLength": case "minItems": case "maxItems":
      return error.message ?? `${error.keyword} ${p.limit}`;
    default: return error.message ?? `${error.keyword} ${JSON.stringify(p)}`;
  }
}

// A value checked by one of kubernetes-models' validators, strictly: ajv's code reads every property its schema knows,
// so a property of the value that the validator never read is one the schema does not have. Returns {path, message}s.
function checkModel(validate, value, basePath) {
  const reads = new Map();
  const valid = validate(watchReads(value, "", reads));
  const problems = valid ? [] : validate.errors.map((e) => ({ path: basePath + e.instancePath, message: describe(e) }));
  for (const path of unknownFields(reads)) {
    problems.push({ path: basePath + path, message: "unknown field" });
  }
  return problems;
}

// --- custom resources -------------------------------------------------------------------------------------------

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
addFormats(ajv);
for (const format of ["int32", "int64", "double", "float", "byte"]) {
  ajv.addFormat(format, true);
}
ajv.addVocabulary([
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-int-or-string",
  "x-kubernetes-map-type",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
]);
const podTemplateSpec = await loadValidator("IoK8sApiCoreV1PodTemplateSpec");
// Where a CRD embeds a Kubernetes type, Kubernetes' own schema of it checks the value.
ajv.addKeyword({
  keyword: "x-genie-kubernetes-model",
  schemaType: "string",
  validate: function checkEmbedded(model, data, _schema, context) {
    if (model !== "PodTemplateSpec") {
      throw new Error(`x-genie-kubernetes-model ${model} is not known`);
    }
    const problems = checkModel(podTemplateSpec, data, context.instancePath);
    checkEmbedded.errors = problems.map(({ path, message }) => ({ keyword: "x-genie-kubernetes-model", instancePath: path, message }));
    return problems.length === 0;
  },
  errors: true,
});

// The API server prunes (or, with strict field validation, refuses) fields a structural schema does not declare;
// additionalProperties: false makes ajv refuse them the same way, except where the schema keeps unknown fields.
function strictSchema(node) {
  if (Array.isArray(node)) {
    return node.map(strictSchema);
  }
  if (node === null || typeof node !== "object") {
    return node;
  }
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === "enum" ? value : strictSchema(value)]));
  if (copy.properties && copy.additionalProperties === undefined && !copy["x-kubernetes-preserve-unknown-fields"]) {
    copy.additionalProperties = false;
  }
  return copy;
}

const customResources = new Map();
for (const file of readdirSync(join(here, "schemas")).filter((f) => f.endsWith(".yaml"))) {
  const crd = parseAllDocuments(readFileSync(join(here, "schemas", file), "utf8"))[0].toJS();
  for (const version of crd.spec.versions.filter((v) => v.served)) {
    const key = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
    customResources.set(key, ajv.compile(strictSchema(version.schema.openAPIV3Schema)));
  }
}

// --- the check --------------------------------------------------------------------------------------------------

function atLeast(version, minimum) {
  const [a, b] = version.split(".").map(Number);
  const [c, d] = minimum.split(".").map(Number);
  return a > c || (a === c && b >= d);
}

async function check(doc, kubeVersion) {
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return ["?: apiVersion and kind are required"];
  }
  const problems = [];
  const name = doc.metadata?.name;
  if (typeof name !== "string" || !DNS_SUBDOMAIN.test(name) || name.length > 253) {
    problems.push(`/metadata/name: ${JSON.stringify(name)} is not a DNS-1123 subdomain`);
  } else if (kind === "Service" && (!DNS_LABEL.test(name) || name.length > 63)) {
    problems.push(`/metadata/name: a Service name must be a DNS-1035 label of at most 63 characters`);
  }
  const typeKey = `${apiVersion}/${kind}`;
  const custom = customResources.get(typeKey);
  if (custom) {
    if (!custom(doc)) {
      problems.push(...custom.errors.map((e) => `${e.instancePath || "/"}: ${describe(e)}`));
    }
    if (doc.metadata) {
      problems.push(...checkModel(objectMeta, doc.metadata, "/metadata").map(({ path, message }) => `${path}: ${message}`));
    }
  } else if (builtIn.has(typeKey)) {
    const since = builtIn.get(typeKey);
    if (kubeVersion && !atLeast(kubeVersion, since)) {
      problems.push(`/: ${typeKey} is served from Kubernetes ${since}, after the targeted ${kubeVersion}`);
    }
    const validate = await loadValidator(schemaModuleName(apiVersion, kind));
    problems.push(...checkModel(validate, doc, "").map(({ path, message }) => `${path || "/"}: ${message}`));
  } else {
    problems.push(`/: ${typeKey} has no schema here (add it to validate-manifests.mjs or schemas/)`);
  }
  return problems.map((p) => `${kind}/${name}: ${p}`);
}

const args = process.argv.slice(2);
let kubeVersion;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--kube-version") {
    kubeVersion = args[++i];
  } else {
    files.push(args[i]);
  }
}
if (files.length === 0) {
  console.error("usage: node validate-manifests.mjs [--kube-version X.Y] FILE... (- for stdin)");
  process.exit(2);
}

let count = 0;
const problems = [];
for (const file of files) {
  const text = readFileSync(file === "-" ? 0 : file, "utf8");
  for (const parsed of parseAllDocuments(text)) {
    if (parsed.errors.length > 0) {
      problems.push(`${file}: not YAML: ${parsed.errors[0].message}`);
      continue;
    }
    const doc = parsed.toJS();
    if (doc === null || doc === undefined) {
      continue;
    }
    count++;
    problems.push(...(await check(doc, kubeVersion)));
  }
}
for (const problem of problems) {
  console.log(problem);
}
console.log(`${count} object(s) checked, ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
