#!/usr/bin/env bash
# Prints a PBKDF2 hash for upload.users (Jakarta Security's Pbkdf2PasswordHash format).
# Asks for the password twice on a terminal, or reads one line from standard input:
#   ./hash-password.sh
#   printf '%s' "$PASSWORD" | ./hash-password.sh
# The password is never an argument, where other users of the machine could see it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
classes=$here/target/s3-direct-upload/WEB-INF/classes
if [ ! -f "$classes/org/s3directupload/identity/PasswordHashes.class" ]; then
  (cd "$here" && mvn -q -B -DskipTests package)
fi
exec java -cp "$classes" org.s3directupload.identity.PasswordHashes
