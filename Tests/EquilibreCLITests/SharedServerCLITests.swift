import Foundation
import Testing

/// `equilibre comptes` and `equilibre serveur --partage` as a user runs them: accounts from the
/// command line, the refusals that protect passwords, and a real HTTPS server (openssl's
/// self-signed certificate, curl as the client).
@Suite("Mode partagé en ligne de commande : comptes, refus, HTTPS")
struct SharedServerCLITests {
  static func temp() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "equilibre-partage-cli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
  }

  static func sh(_ script: String, base: String) throws -> Run {
    var env = ProcessInfo.processInfo.environment
    env["EQUILIBRE_BASE"] = base
    env["EQUILIBRE_CONSEILLER"] = "installateur"
    env["B"] = Run.binary.path
    return try Run(["-c", script], shell: true, environment: env)
  }

  @Test("comptes : création avec mot de passe lu sur l'entrée standard, refus d'un mot de passe faible, liste sans empreinte")
  func accounts() throws {
    let dir = try Self.temp()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let base = "\(dir)/b.sqlite"
    let weak = try Self.sh("echo court | \"$B\" comptes creer cm --nom 'C M' --role conseiller --mot-de-passe-stdin", base: base)
    #expect(weak.status == 64 && weak.stderr.contains("mot de passe refusé : mot de passe trop court : 12 caractères au moins"))
    let badRole = try Self.sh("echo Suivi-des-menages-1 | \"$B\" comptes creer cm --nom 'C M' --role chef --mot-de-passe-stdin", base: base)
    #expect(badRole.status == 64)
    let made = try Self.sh(
      "echo Suivi-des-menages-1 | \"$B\" comptes creer claire --nom 'Claire' --role conseiller --structure Toit --mot-de-passe-stdin",
      base: base)
    #expect(made.status == 0 && made.stdout.contains("Compte « claire » créé (conseiller ou conseillère, Toit)."), "\(made.stderr)")
    let twice = try Self.sh(
      "echo Suivi-des-menages-1 | \"$B\" comptes creer claire --nom 'C' --role conseiller --mot-de-passe-stdin", base: base)
    #expect(twice.status != 0 && twice.stderr.contains("le compte « claire » existe déjà"))
    let noTTY = try Self.sh("\"$B\" comptes creer paul --nom 'Paul' --role conseiller < /dev/null", base: base)
    #expect(noTTY.status == 64 && noTTY.stderr.contains("--mot-de-passe-stdin"))
    let list = try Self.sh("\"$B\" comptes liste", base: base)
    #expect(list.stdout.contains("claire\tconseiller\tToit\tactif\tClaire") && !list.stdout.contains("$2"))
    // No administrator yet: shared mode refuses to start and says how to create one.
    let noAdmin = try Self.sh("\"$B\" serveur --partage --port 1", base: base)
    #expect(noAdmin.status != 0 && noAdmin.stderr.contains("aucun compte administrateur actif"), "\(noAdmin.stderr)")
    let off = try Self.sh("\"$B\" comptes desactiver claire && \"$B\" comptes liste", base: base)
    #expect(off.stdout.contains("claire\tconseiller\tToit\tdésactivé"))
  }

  @Test("serveur : hors de la boucle locale, refusé sans --partage, et sans TLS en mode partagé")
  func refusals() throws {
    let dir = try Self.temp()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let base = "\(dir)/b.sqlite"
    let local = try Self.sh("\"$B\" serveur --ecoute 0.0.0.0", base: base)
    #expect(local.status == 64 && local.stderr.contains("l'espace ne s'ouvre qu'en mode partagé (--partage)"))
    let clear = try Self.sh("\"$B\" serveur --partage --ecoute 0.0.0.0", base: base)
    #expect(clear.status == 64 && clear.stderr.contains("ne circulent que chiffrés : donnez --tls-certificat et --tls-cle"))
    let half = try Self.sh("\"$B\" serveur --partage --tls-certificat c.pem", base: base)
    #expect(half.status == 64 && half.stderr.contains("--tls-certificat et --tls-cle vont ensemble"))
    #expect(!FileManager.default.fileExists(atPath: base))
  }

  @Test("serveur --partage en HTTPS : certificat de test, cookies « Secure », HSTS, connexion, arrêt propre sur SIGTERM")
  func https() throws {
    let dir = try Self.temp()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let port = Int.random(in: 20_000...60_000)
    let script = """
      set -u
      cd '\(dir)'
      openssl req -x509 -newkey rsa:2048 -nodes -keyout cle.pem -out cert.pem -days 2 -subj /CN=127.0.0.1 \
        -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 || { echo "ÉCHEC openssl"; exit 1; }
      echo Gestion-des-comptes-1 | "$B" comptes creer admin --nom Admin --role administrateur --mot-de-passe-stdin >/dev/null
      echo Suivi-des-menages-1 | "$B" comptes creer claire --nom Claire --role conseiller --structure Toit --mot-de-passe-stdin >/dev/null
      "$B" serveur --partage --port \(port) --tls-certificat cert.pem --tls-cle cle.pem > serveur.log 2>&1 &
      pid=$!
      for i in $(seq 1 100); do grep -q "ouvert" serveur.log && break; sleep 0.1; done
      head -1 serveur.log
      curl -s --cacert cert.pem -D entetes.txt -o page.html -c jar https://127.0.0.1:\(port)/connexion
      grep -i "^set-cookie" entetes.txt
      grep -i "^strict-transport-security" entetes.txt
      token=$(grep -o 'name="_csrf" value="[0-9a-f]*"' page.html | head -1 | sed 's/.*value="//; s/"//')
      curl -s --cacert cert.pem -b jar -c jar -o /dev/null -w "connexion %{http_code} %{redirect_url}\\n" \
        --data "_csrf=$token&identifiant=claire&mot_de_passe=Suivi-des-menages-1&suite=/dossiers" https://127.0.0.1:\(port)/connexion
      curl -s --cacert cert.pem -b jar https://127.0.0.1:\(port)/dossiers | grep -o "Claire (claire[^<]*"
      curl -s -o /dev/null -w "clair %{http_code}\\n" http://127.0.0.1:\(port)/connexion
      kill -TERM $pid; wait $pid; echo "fin $?"
      tail -1 serveur.log
      """
    let r = try Self.sh(script, base: "\(dir)/b.sqlite")
    #expect(r.stdout.contains("Espace de travail partagé ouvert : https://127.0.0.1:\(port)"), "\(r.stdout)\(r.stderr)")
    let cookies = r.stdout.split(separator: "\n").filter { $0.lowercased().hasPrefix("set-cookie") }
    #expect(
      !cookies.isEmpty && cookies.allSatisfy { $0.contains("Secure") && $0.contains("HttpOnly") && $0.contains("SameSite=Strict") },
      "\(r.stdout)")
    #expect(r.stdout.lowercased().contains("strict-transport-security: max-age=31536000"))
    #expect(r.stdout.contains("connexion 303 https://127.0.0.1:\(port)/dossiers"))
    #expect(r.stdout.contains("Claire (claire, conseiller ou conseillère)"))
    // Plain HTTP to the HTTPS port gets no page.
    #expect(!r.stdout.contains("clair 200"))
    #expect(r.stdout.contains("fin 0") && r.stdout.contains("Espace de travail arrêté."))
  }
}
