#!/usr/bin/env bash
# Bucket setup without an application server:  ./bucket.sh print | apply | doctor
# Takes the application's settings as UPLOAD_* environment variables (or -Dupload.*=... in
# JAVA_OPTS) and credentials from the AWS SDK's default chain. Builds the WAR first if needed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=$here/target/s3-direct-upload
if [ ! -d "$app/WEB-INF/lib" ] || [ ! -d "$here/target/bucket-tool" ]; then
  (cd "$here" && mvn -q -B -DskipTests package)
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "$app/WEB-INF/classes:$app/WEB-INF/lib/*:$here/target/bucket-tool/*" \
  org.s3directupload.bucket.BucketCommand "$@"
