#!/usr/bin/env bash
# README command 1: set up, build, and run the main job on the embedded default example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build/convcert demo --out build/demo
