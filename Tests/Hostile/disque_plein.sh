#!/usr/bin/env bash
# Issue 31: the disk fills up (a 3 MB tmpfs) while a piece is written to an SQLite base. The
# command fails with a French message (no stack trace), nothing is half-written (the base passes
# its integrity and journal checks, the case keeps its version), and once space is back the same
# piece is saved. Needs root to mount the tmpfs. Usage: Tests/Hostile/disque_plein.sh path/to/equilibre
set -uo pipefail
B="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work=$(mktemp -d /tmp/equilibre-disque-plein.XXXXXX)
mnt="$work/petit"
mkdir -p "$mnt"
mount -t tmpfs -o size=3m,mode=0700 tmpfs "$mnt" || { echo "ECHEC disque_plein : montage d'un tmpfs refusé (root nécessaire)"; rm -rf "$work"; exit 1; }
cleanup() { umount "$mnt" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail=0
export EQUILIBRE_CONSEILLER="C. Martin"
base="$mnt/dossiers.sqlite"
ref=$("$B" suivi ouvrir "$root/Scenarios/parent-separe.yaml" --base "$base" 2>/dev/null | tail -1)
version() { "$B" suivi voir "$ref" --format json --base "$base" | python3 -c 'import json,sys; print(json.load(sys.stdin)["dossier"]["dossier"]["version"])'; }
before=$(version)
# A 4 MB PDF (its header is what the type check reads), more than the space left.
python3 -c 'import sys; sys.stdout.buffer.write(b"%PDF-1.4\n" + bytes(range(256)) * 16000 + b"\n%%EOF\n")' >"$work/gros.pdf"
"$B" suivi piece "$ref" "$work/gros.pdf" --base "$base" >"$work/out" 2>"$work/err"
code=$?
if [ "$code" != 0 ] && grep -q "disque plein, rien n'a été enregistré" "$work/err" && ! grep -qi "fatal\|stack\|SQLiteError(" "$work/err"; then
  echo "ok disque plein : refus en français (code $code) : $(head -1 "$work/err")"
else
  echo "ECHEC disque plein : code $code, $(head -3 "$work/err")"; fail=1
fi
"$B" base verifier --base "$base" >"$work/verif" 2>&1 && echo "ok base intacte après le disque plein (intégrité, journal, versions)" \
  || { echo "ECHEC base verifier : $(head -3 "$work/verif")"; fail=1; }
[ "$(version)" = "$before" ] && echo "ok le dossier garde sa version $before : rien d'écrit à moitié" || { echo "ECHEC version changée"; fail=1; }
# Space is back: the same piece is saved.
mount -o remount,size=20m "$mnt"
if "$B" suivi piece "$ref" "$work/gros.pdf" --base "$base" >/dev/null 2>&1 && [ "$(version)" = $((before + 1)) ]; then
  echo "ok place libérée : la pièce est enregistrée (version $((before + 1)))"
else
  echo "ECHEC après remise en place"; fail=1
fi
exit $fail
