#!/usr/bin/env bash
# build-and-push.sh — builds Kiln's SageMaker training image and pushes it to Amazon ECR.
# Run it in a Kiln checkout after `npm ci`; needs node, docker and AWS CLI v2. Prints the image URI
# for run.sh --image. `--context-only DIR` only assembles the docker build context in DIR.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"

REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}"
REPOSITORY=kiln-train
TAG="$(sed -n "s/^export const kilnVersion = '\(.*\)';$/\1/p" "$ROOT/src/core/deploy/exports.ts")"
CONTEXT_ONLY=""

usage() {
  echo "Usage: bash src/cli/sagemaker/build-and-push.sh [--region REGION] [--repository NAME] [--tag TAG] [--context-only DIR]" >&2
  echo "       defaults: region $REGION, repository $REPOSITORY, tag $TAG" >&2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --region) REGION="${2:?--region needs a value}"; shift 2 ;;
    --repository) REPOSITORY="${2:?--repository needs a value}"; shift 2 ;;
    --tag) TAG="${2:?--tag needs a value}"; shift 2 ;;
    --context-only) CONTEXT_ONLY="${2:?--context-only needs a folder}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-and-push.sh: unknown option '$1'" >&2; usage; exit 2 ;;
  esac
done

WASM="$ROOT/node_modules/@tensorflow/tfjs-backend-wasm"
if [ ! -f "$WASM/package.json" ]; then
  echo "build-and-push.sh: $WASM is missing: run 'npm ci' in $ROOT first" >&2
  exit 2
fi

# The build context: the bundled CLI, TF.js's WASM binaries where the bundle finds them, the Dockerfile.
if [ -n "$CONTEXT_ONLY" ]; then
  CONTEXT="$CONTEXT_ONLY"
  mkdir -p "$CONTEXT"
else
  CONTEXT="$(mktemp -d)"
  trap 'rm -rf "$CONTEXT"' EXIT
fi
node "$ROOT/scripts/bundle-serve.mjs" "$CONTEXT" >&2
mkdir -p "$CONTEXT/node_modules/@tensorflow/tfjs-backend-wasm/dist"
cp "$WASM/package.json" "$CONTEXT/node_modules/@tensorflow/tfjs-backend-wasm/"
# The package's main file is never run (the bundle holds the code); Node needs it to resolve the package.
cp "$WASM"/dist/*.wasm "$WASM/dist/tf-backend-wasm.node.js" "$CONTEXT/node_modules/@tensorflow/tfjs-backend-wasm/dist/"
cp "$HERE/Dockerfile" "$CONTEXT/Dockerfile"
if [ -n "$CONTEXT_ONLY" ]; then
  echo "build context in $CONTEXT: docker build --platform linux/amd64 -t kiln-train:$TAG $CONTEXT" >&2
  exit 0
fi

command -v docker >/dev/null || { echo "build-and-push.sh: docker is not installed" >&2; exit 2; }
ACCOUNT="$(aws sts get-caller-identity --query Account --output text)"
DOMAIN=amazonaws.com
case "$REGION" in cn-*) DOMAIN=amazonaws.com.cn ;; esac
REGISTRY="$ACCOUNT.dkr.ecr.$REGION.$DOMAIN"
IMAGE="$REGISTRY/$REPOSITORY:$TAG"

if ! aws --region "$REGION" ecr describe-repositories --repository-names "$REPOSITORY" >/dev/null 2>&1; then
  echo "create:  ECR repository $REPOSITORY" >&2
  aws --region "$REGION" ecr create-repository --repository-name "$REPOSITORY" >/dev/null
fi
aws --region "$REGION" ecr get-login-password | docker login --username AWS --password-stdin "$REGISTRY" >&2
# SageMaker's CPU training instances are x86-64.
docker build --platform linux/amd64 -t "$IMAGE" "$CONTEXT" >&2
docker push "$IMAGE" >&2

echo "Pushed. Train with: bash run.sh --image $IMAGE --bucket … --role-arn …" >&2
echo "$IMAGE"
