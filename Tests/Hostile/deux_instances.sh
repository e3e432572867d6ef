#!/usr/bin/env bash
# Issue 31: two instances of the shared workspace on one PostgreSQL, behind nginx (Debian's) on
# loopback. A counsellor signs in through one instance and works through the other; one instance
# is killed (kill -9) during 100 concurrent writes. The counsellor goes on through the other one,
# and every write that got a success answer is in the base exactly once; none is doubled.
# Usage: Tests/Hostile/deux_instances.sh path/to/equilibre
set -uo pipefail
B="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
command -v nginx >/dev/null || { echo "deux_instances : nginx absent (apt install nginx-light)" >&2; exit 1; }
eval "$("$root/.ci/postgres-start" 2>/dev/null)" || { echo "deux_instances : PostgreSQL ne démarre pas" >&2; exit 1; }
dir=$(mktemp -d /tmp/equilibre-deux-instances.XXXXXX)
chmod 755 "$dir"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
p1=$(free_port); p2=$(free_port); pn=$(free_port)
psql -q "$EQUILIBRE_TEST_POSTGRES" -c "CREATE DATABASE deux"
base="${EQUILIBRE_TEST_POSTGRES/\/postgres?/\/deux?}"
s1=""; s2=""; ng=""
cleanup() {
  for p in $s1 $s2; do kill "$p" 2>/dev/null; done
  [ -n "$ng" ] && kill "$ng" 2>/dev/null
  wait 2>/dev/null
  "$root/.ci/postgres-stop"
  rm -rf "$dir"
}
trap cleanup EXIT
fail=0
ok() { echo "ok $*"; }
ko() { echo "ECHEC $*"; fail=1; }

"$B" base creer --base "$base" >/dev/null || { ko "base creer"; exit 1; }
echo Gestion-des-comptes-1 | "$B" comptes creer admin --nom "Admin" --role administrateur --mot-de-passe-stdin --base "$base" >/dev/null \
  || { ko "comptes creer admin"; exit 1; }
echo Suivi-des-menages-1 | "$B" comptes creer claire --nom "Claire" --role conseiller --mot-de-passe-stdin --base "$base" >/dev/null \
  || { ko "comptes creer"; exit 1; }
ref=$(EQUILIBRE_CONSEILLER=claire "$B" suivi ouvrir "$root/Scenarios/parent-separe.yaml" --base "$base" | tail -1)

start() { "$B" serveur --partage --port "$1" --base "$base" >"$dir/serveur-$1.log" 2>&1 & echo $!; }
s1=$(start "$p1"); s2=$(start "$p2")
for p in $p1 $p2; do
  for _ in $(seq 1 100); do grep -q ouvert "$dir/serveur-$p.log" && break; sleep 0.1; done
  grep -q ouvert "$dir/serveur-$p.log" || { ko "l'instance du port $p ne démarre pas :"; cat "$dir/serveur-$p.log"; exit 1; }
done

cat >"$dir/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $dir/body; proxy_temp_path $dir/proxy; fastcgi_temp_path $dir/fcgi;
  uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
  upstream equilibre { server 127.0.0.1:$p1 max_fails=1 fail_timeout=30s; server 127.0.0.1:$p2 max_fails=1 fail_timeout=30s; }
  server {
    listen 127.0.0.1:$pn;
    location / {
      proxy_pass http://equilibre;
      proxy_set_header Host \$http_host;
      proxy_next_upstream error timeout;
    }
  }
}
NGINX
nginx -c "$dir/nginx.conf" -p "$dir" 2>"$dir/nginx-start.log" &
ng=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$pn/connexion" && break; sleep 0.1; done

jar="$dir/jar"
url="http://127.0.0.1:$pn"
token() { grep -o 'name="_csrf" value="[0-9a-f]*"' "$1" | head -1 | sed 's/.*value="//; s/"//'; }
# Sign in through instance 1 directly, then work through nginx (either instance).
curl -s -c "$jar" -o "$dir/connexion.html" "http://127.0.0.1:$p1/connexion"
t=$(token "$dir/connexion.html")
code=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' --data "_csrf=$t&identifiant=claire&mot_de_passe=Suivi-des-menages-1" \
  "http://127.0.0.1:$p1/connexion")
[ "$code" = 303 ] && ok "connexion par l'instance 1" || ko "connexion : $code"
served=0
for i in 1 2 3 4; do
  code=$(curl -s -b "$jar" -o "$dir/page.html" -w '%{http_code}' "$url/dossiers/$ref")
  if [ "$code" = 200 ] && grep -q "$ref" "$dir/page.html"; then served=$((served + 1)); else ko "page du dossier par nginx, essai $i : $code"; fi
done
[ "$served" = 4 ] && ok "page du dossier servie 4 fois par nginx, tour à tour par chaque instance, avec la session ouverte par l'instance 1"
t=$(token "$dir/page.html")
today=$(date +%F)

# 100 contacts written at once through nginx; instance 1 killed while they run.
write() {
  local n=$1
  local c
  c=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' --max-time 20 \
    --data "_csrf=$t&date=$today&canal=telephone&synthese=ecriture-$n-fin" "$url/dossiers/$ref/contacts")
  echo "$n $c"
}
export -f write
export jar t today url ref
seq 1 100 | xargs -P 16 -I{} bash -c 'write {}' >"$dir/ecritures.txt" &
writers=$!
sleep 0.4
kill -9 "$s1"; s1=""
wait "$writers"
succeeded=$(awk '$2 == 303' "$dir/ecritures.txt" | wc -l)
failed=$(awk '$2 != 303' "$dir/ecritures.txt" | wc -l)
echo "   100 écritures : $succeeded réussies, $failed coupées (instance 1 tuée pendant l'envoi ; codes : $(awk '$2 != 303 {print $2}' "$dir/ecritures.txt" | sort | uniq -c | tr -s ' ' | tr '\n' ',')"
[ "$succeeded" -ge 50 ] || ko "trop peu d'écritures abouties ($succeeded) : l'instance 2 aurait dû prendre la suite"

# The counsellor goes on through the surviving instance.
code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$url/dossiers/$ref")
[ "$code" = 200 ] && ok "après l'arrêt brutal de l'instance 1, la conseillère continue (200)" || ko "après l'arrêt : $code"

# Every success is in the base exactly once; nothing is there twice.
"$B" suivi voir "$ref" --format json --base "$base" >"$dir/dossier.json" || ko "lecture du dossier"
python3 - "$dir/dossier.json" "$dir/ecritures.txt" <<'PY' || fail=1
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
counts = {}
for n in re.findall(r"ecriture-(\d+)-fin", text):
    counts[int(n)] = counts.get(int(n), 0) + 1
ok = [int(l.split()[0]) for l in open(sys.argv[2]) if l.split()[1] == "303"]
missing = [n for n in ok if counts.get(n, 0) != 1]
doubled = [n for n, c in counts.items() if c > 1]
if missing or doubled:
    print(f"ECHEC réussies absentes ou en double : {missing[:10]} ; en double : {doubled[:10]}")
    sys.exit(1)
print(f"ok {len(ok)} écritures réussies, chacune une fois en base ; {len(counts) - len(ok)} de plus venues de requêtes coupées, aucune en double")
PY
"$B" base verifier --base "$base" >/dev/null && ok "base verifier : base saine" || ko "base verifier"
exit $fail
