#!/usr/bin/env bash
# Checks deploy/k8s/ as far as it can be without a cluster (nothing here starts or reaches one):
#   bash deploy/validate.sh
# 1. renders the kustomization with kustomize (kubectl's own, `kubectl kustomize`, or a kustomize binary);
# 2. checks every rendered object against the Kubernetes API's JSON schema, the run's intent (Indexed Job,
#    completions = parallelism = N, a ReadWriteMany claim on both Jobs, no namespace), and that each pod's command
#    line is the one ci/distributed.sh runs for the same injector (deploy/validate/validate.mjs);
# 3. does the same for a copy of deploy/k8s/kustomization.yaml kept elsewhere with another image, N, profile,
#    target and run id, to show that these are all a run needs to set.
# Needs node and npm (the checker's two packages come from the npm registry, pinned in deploy/validate/).
# Light: no Maven, no Java. Exit code 0 all passed, 1 a check failed, 2 a tool missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "deploy/validate.sh: $*"; }
if command -v kubectl >/dev/null && kubectl kustomize --help >/dev/null 2>&1; then
  render=(kubectl kustomize)
elif command -v kustomize >/dev/null; then
  render=(kustomize build)
else
  say "neither kubectl (with its kustomize) nor kustomize is installed; nothing checked" >&2
  exit 2
fi
for tool in node npm; do
  command -v "$tool" >/dev/null || { say "$tool is not installed; nothing checked" >&2; exit 2; }
done
if [[ ! -d deploy/validate/node_modules ]]; then
  say "installing the checker's packages (npm ci in deploy/validate)"
  (cd deploy/validate && npm ci --no-audit --no-fund --silent)
fi

out=target/deploy-validate
rm -rf "$out"
mkdir -p "$out/overlay"
# A copy of deploy/k8s/kustomization.yaml kept elsewhere, as its head says, with other settings.
cat > "$out/overlay/kustomization.yaml" <<'EOF'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../../deploy/k8s/base
images:
  - name: loadbearing
    newName: registry.internal/team/loadbearing
    newTag: "2.0"
configMapGenerator:
  - name: loadbearing-run
    behavior: merge
    literals:
      - LOADBEARING_PROFILE=Smoke
      - LOADBEARING_INJECTORS=5
      - LOADBEARING_BASE_URL=http://shop.staging.svc.cluster.local
      - LOADBEARING_RUN_ID=smoke-5x-1
components:
  - ../../../deploy/k8s/components/parts-follow-n
EOF

code=0
for kustomization in deploy/k8s "$out/overlay"; do
  rendered=$out/$(basename "$kustomization").yaml
  say "${render[*]} $kustomization > $rendered"
  "${render[@]}" "$kustomization" > "$rendered"
  node deploy/validate/validate.mjs "$rendered" "$(pwd)" || code=1
done
grep -q 'image: registry.internal/team/loadbearing:2.0' "$out/overlay.yaml" \
  || { say "FAIL the overlay's image did not reach the Jobs"; code=1; }
say "$([[ $code == 0 ]] && echo "all passed" || echo "FAILED")"
exit "$code"
