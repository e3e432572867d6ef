/// Least privilege on a shared PostgreSQL base: the SQL an administrator runs once, after the
/// first `equilibre` run has created the tables (as the owner).
///
/// Counsellors (role `equilibre_conseiller`) read and write cases but delete nothing and can
/// neither change nor delete the audit log; purges and erasures are left to the owner.
public enum SharedMode {
  public static let tables = [
    "cases", "situations", "measures", "renewals", "objectives", "actions", "contacts", "documents", "appointments", "aid_requests",
  ]

  public static func grants(database: String) -> String {
    """
    -- Équilibre : droits minimaux des conseillers sur la base partagée « \(database) ».
    -- À exécuter une fois par l'administrateur (propriétaire des tables), après la création du schéma.
    CREATE ROLE equilibre_conseiller NOLOGIN;
    REVOKE ALL ON DATABASE "\(database)" FROM PUBLIC;
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    GRANT CONNECT ON DATABASE "\(database)" TO equilibre_conseiller;
    GRANT USAGE ON SCHEMA public TO equilibre_conseiller;
    GRANT SELECT ON meta TO equilibre_conseiller;
    GRANT SELECT, UPDATE ON counters TO equilibre_conseiller;
    GRANT SELECT, INSERT, UPDATE ON \(tables.joined(separator: ", ")) TO equilibre_conseiller;
    GRANT SELECT ON shares TO equilibre_conseiller;
    -- Les sessions de l'espace (plusieurs instances, redémarrage) : une déconnexion les efface.
    GRANT SELECT, INSERT, UPDATE, DELETE ON web_sessions TO equilibre_conseiller;
    GRANT SELECT, INSERT, DELETE ON login_failures TO equilibre_conseiller;
    -- Les comptes de l'espace partagé (empreintes bcrypt) ne sont pas lisibles par les conseillers.
    -- Le journal : lecture et ajout seulement.
    GRANT SELECT, INSERT ON audit TO equilibre_conseiller;
    -- Un compte par conseiller, par exemple :
    --   CREATE ROLE cmartin LOGIN PASSWORD '…' IN ROLE equilibre_conseiller;
    """
  }
}
