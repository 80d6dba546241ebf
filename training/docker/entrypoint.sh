#!/bin/sh
# Runs the training command; AWS Batch passes the subcommand and options as arguments.
# ai.djl.offline keeps DJL from downloading a native library at run time.
set -eu
exec java ${JAVA_OPTS:-} -Dai.djl.offline=true \
  -cp "/opt/streamrank/training.jar:/opt/streamrank/lib/*" \
  dev.streamrank.training.TrainCommand "$@"
