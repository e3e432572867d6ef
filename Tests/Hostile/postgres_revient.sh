#!/usr/bin/env bash
# Issue 24, item 15: the workspace on PostgreSQL answers a French « base indisponible » within
# 5 s while the base is stopped, and comes back by itself when it is restarted.
# Usage: Tests/Hostile/postgres_revient.sh path/to/equilibre
set -uo pipefail
B="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
eval "$("$root/.ci/postgres-start" 2>/dev/null)" || { echo "postgres_revient : PostgreSQL ne démarre pas" >&2; exit 1; }
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
pgport=$(echo "$EQUILIBRE_TEST_POSTGRES" | sed 's/.*:\([0-9]*\)\/.*/\1/')
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp)
"$B" serveur --port "$port" --base "$EQUILIBRE_TEST_POSTGRES" >"$log" 2>&1 &
srv=$!
cleanup() { kill "$srv" 2>/dev/null; wait "$srv" 2>/dev/null; "$root/.ci/postgres-stop"; rm -f "$log" "$log.html" "$log.jar" "$log.post"; }
trap cleanup EXIT
for _ in $(seq 1 100); do grep -q "ouvert" "$log" && break; sleep 0.1; done
fail=0
get() { curl -s -o "$log.html" -w '%{http_code} %{time_total}' --max-time 10 "http://127.0.0.1:$port/dossiers"; }
# A case to write to, and the form's token (local mode: the CSRF cookie comes back in the form).
ref=$(EQUILIBRE_CONSEILLER="C. Martin" "$B" suivi ouvrir "$root/Scenarios/parent-separe.yaml" --base "$EQUILIBRE_TEST_POSTGRES" | tail -1)
jar="$log.jar"
curl -s -c "$jar" -o /dev/null "http://127.0.0.1:$port/dossiers/$ref"
token=$(awk '$6=="equilibre_csrf"{print $7}' "$jar")
post() {
  curl -s -b "$jar" -o "$log.post" -w '%{http_code} %{time_total}' --max-time 10 \
    --data "_csrf=$token&date=$(date +%F)&canal=telephone&synthese=$1" "http://127.0.0.1:$port/dossiers/$ref/contacts"
}
count() { "$B" suivi voir "$ref" --format json --base "$EQUILIBRE_TEST_POSTGRES" 2>/dev/null | grep -o "$1" | wc -l; }
read -r code _ <<<"$(get)"
[ "$code" = 200 ] || { echo "ECHEC avant l'arrêt : $code"; fail=1; }
"${as_pg[@]}" "$bin/pg_ctl" -D "$EQUILIBRE_TEST_PGDIR/data" -m fast -w stop >/dev/null 2>&1
for i in 1 2 3; do
  read -r code t <<<"$(get)"
  if [ "$code" = 503 ] && awk "BEGIN{exit !($t < 5)}" && grep -q "Base indisponible" "$log.html"; then
    echo "ok base arrêtée, requête $i : 503 « Base indisponible » en $t s"
  else
    echo "ECHEC base arrêtée, requête $i : $code en $t s"; fail=1
  fi
done
# A form sent while the base is down: refused at once, and the counsellor is told nothing was saved.
read -r code t <<<"$(post formulaire-pendant-arret)"
if [ "$code" = 503 ] && awk "BEGIN{exit !($t < 5)}" && grep -q "rien n&#39;a été enregistré\|rien n'a été enregistré" "$log.post"; then
  echo "ok formulaire envoyé base arrêtée : 503 en $t s, « rien n'a été enregistré »"
else
  echo "ECHEC formulaire base arrêtée : $code en $t s"; fail=1
fi
"${as_pg[@]}" "$bin/pg_ctl" -D "$EQUILIBRE_TEST_PGDIR/data" -l "$EQUILIBRE_TEST_PGDIR/server.log" -w \
  -o "-p $pgport -k $EQUILIBRE_TEST_PGDIR -c listen_addresses=127.0.0.1" start >/dev/null 2>&1
back=0
for _ in $(seq 1 20); do read -r code _ <<<"$(get)"; [ "$code" = 200 ] && { back=1; break; }; sleep 0.5; done
if [ "$back" = 1 ]; then echo "ok base redémarrée : l'espace répond de nouveau sans redémarrer"; else echo "ECHEC l'espace ne revient pas"; fail=1; fi
# Nothing of the refused form is in the base; sent again, it is saved once.
[ "$(count formulaire-pendant-arret)" = 0 ] && echo "ok le formulaire refusé n'a rien laissé en base" || { echo "ECHEC formulaire refusé trouvé en base"; fail=1; }
read -r code _ <<<"$(post formulaire-pendant-arret)"
[ "$code" = 303 ] && [ "$(count formulaire-pendant-arret)" = 1 ] && echo "ok renvoyé après le retour de la base : enregistré une fois" \
  || { echo "ECHEC renvoi après le retour : $code"; fail=1; }
exit $fail
