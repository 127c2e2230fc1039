// Checks rendered deploy/k8s manifests without a cluster (run by deploy/validate.sh):
//   node deploy/validate/validate.mjs <rendered.yaml> <repository root>
// 1. every object against the Kubernetes API's JSON schema (kubernetes-models: validators generated from the
//    Kubernetes OpenAPI spec; a wrong type, enum value or missing required field fails; an unknown field does not);
// 2. the run's intent: no namespace, an Indexed Job with completions = parallelism = LOADBEARING_INJECTORS, a
//    ReadWriteMany claim mounted at LOADBEARING_RESULTS by both Jobs;
// 3. each pod's command line, expanded as the kubelet does, prints through ci/injector.sh the same Maven command
//    that ci/distributed.sh runs for the same injector, and the merge pod the same merge command.
// Prints one line per check; exit code 0 all passed, 1 one failed, 2 bad input.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [renderedFile, repo] = process.argv.slice(2);
if (!renderedFile || !repo) {
  console.error("Usage: node validate.mjs <rendered.yaml> <repository root>");
  process.exit(2);
}
const objects = parseAllDocuments(readFileSync(renderedFile, "utf8")).map((d) => d.toJS()).filter(Boolean);
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  failures += ok ? 0 : 1;
};
const named = (kind, name) => objects.find((o) => o.kind === kind && o.metadata.name.startsWith(name));

// The module of kubernetes-models for an apiVersion: "v1" -> kubernetes-models/v1, "batch/v1" -> .../batch/v1.
async function schemaCheck(object) {
  const id = `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
  let models;
  try {
    models = await import(`kubernetes-models/${object.apiVersion}`);
  } catch {
    return check(false, `${id}: no schema for apiVersion ${object.apiVersion}`);
  }
  const Model = models[object.kind];
  if (!Model) {
    return check(false, `${id}: no schema for kind ${object.kind}`);
  }
  try {
    new Model(object).validate();
    check(true, `${id}: valid against the Kubernetes schema`);
  } catch (e) {
    check(false, `${id}: ${e.message}`);
  }
}

for (const object of objects) {
  await schemaCheck(object);
  check(object.metadata.namespace === undefined, `${object.kind} ${object.metadata.name}: no namespace`);
}

const config = named("ConfigMap", "loadbearing-run");
const injectors = named("Job", "loadbearing-injectors");
const merge = named("Job", "loadbearing-merge");
const claim = named("PersistentVolumeClaim", "loadbearing-results");
if (!config || !injectors || !merge || !claim) {
  check(false, "the ConfigMap loadbearing-run, the Jobs loadbearing-injectors and -merge and the claim are there");
  process.exit(1);
}
const n = Number(config.data.LOADBEARING_INJECTORS);
check(injectors.spec.completionMode === "Indexed", "the injectors' Job is Indexed");
check(injectors.spec.completions === n && injectors.spec.parallelism === n,
  `completions = parallelism = LOADBEARING_INJECTORS = ${n} (got ${injectors.spec.completions}, `
  + `${injectors.spec.parallelism})`);
check(claim.spec.accessModes.includes("ReadWriteMany"), "the results claim is ReadWriteMany");
for (const job of [injectors, merge]) {
  const pod = job.spec.template.spec;
  const volume = pod.volumes.find((v) => v.persistentVolumeClaim?.claimName === claim.metadata.name);
  const mount = volume && pod.containers[0].volumeMounts.find((m) => m.name === volume.name);
  check(mount?.mountPath === config.data.LOADBEARING_RESULTS,
    `${job.metadata.name} mounts ${claim.metadata.name} at LOADBEARING_RESULTS (${config.data.LOADBEARING_RESULTS})`);
  check(job.spec.activeDeadlineSeconds > 0, `${job.metadata.name} is bounded in time`);
}

// The container's environment and argv, as the kubelet makes them: envFrom first, then env, then $(VAR) in args.
function podCommand(job, index) {
  const container = job.spec.template.spec.containers[0];
  const env = {};
  for (const from of container.envFrom ?? []) {
    const source = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === from.configMapRef.name);
    Object.assign(env, source.data);
  }
  for (const e of container.env ?? []) {
    env[e.name] = e.value;
  }
  if (job.spec.completionMode === "Indexed") {
    env.JOB_COMPLETION_INDEX = String(index);
  }
  const expand = (s) => s.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, name) => env[name] ?? all);
  return { env, argv: [...container.command, ...(container.args ?? [])].map(expand) };
}

// What a command prints through ci/injector.sh in dry run: its "ci/injector.sh: mvn ..." lines.
function mavenLines(argv, env) {
  const out = execFileSync(argv[0], argv.slice(1), { cwd: repo, env, encoding: "utf8" });
  return out.split("\n").filter((l) => l.startsWith("ci/injector.sh: mvn "));
}

// No LOADBEARING_START_AT: both sides leave the start to the rendezvous on the results volume, as real runs do.
const dry = { PATH: process.env.PATH, LOADBEARING_DRY_RUN: "true" };
// Flags given to the pods after `run <Profile>` (e.g. -DtimeScale=0.05) are the run's flags: given locally too.
const flags = (injectors.spec.template.spec.containers[0].args ?? []).slice(2);
const local = mavenLines(["bash", "ci/distributed.sh", String(n), config.data.LOADBEARING_PROFILE,
  `-DbaseUrl=${config.data.LOADBEARING_BASE_URL}`, ...flags], { ...dry,
  LOADBEARING_RUN_ID: config.data.LOADBEARING_RUN_ID, LOADBEARING_RESULTS: config.data.LOADBEARING_RESULTS });
check(local.length === n + 1, `ci/distributed.sh ${n} ${config.data.LOADBEARING_PROFILE} prints ${n} injector `
  + `commands and a merge (got ${local.length} lines)`);
for (let i = 0; i < n; i++) {
  const { env, argv } = podCommand(injectors, i);
  const [pod] = mavenLines(argv, { ...env, ...dry });
  check(pod !== undefined && pod === local[i], `injector pod ${i} runs what ci/distributed.sh runs for injector `
    + `${i}:\n       ${pod}\n       ${local[i]}`);
}
const { env, argv } = podCommand(merge, 0);
const [pod] = mavenLines(argv, { ...env, ...dry });
check(pod !== undefined && pod === local[n], `the merge pod runs what ci/distributed.sh runs to merge:\n       `
  + `${pod}\n       ${local[n]}`);

console.log(failures === 0 ? "all checks passed" : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
