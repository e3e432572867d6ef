/// The versioned schema of the case base. A migration is a list of statements, the same for
/// both backends except the few types that differ (`BLOB` / `BYTEA`). Never edit a shipped
/// migration: add the next one.
package enum Schema {
  /// The schema this version of Équilibre writes.
  package static let version = 7

  package static func migrations(_ backend: StoreBackend) -> [[String]] {
    let blob = backend == .sqlite ? "BLOB" : "BYTEA"
    return [
      // 1: cases, situations, measures, objectives, contacts, documents, audit.
      [
        "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
        "INSERT INTO counters (name, value) VALUES ('audit', 0)",
        """
        CREATE TABLE cases (ref TEXT PRIMARY KEY, year INTEGER NOT NULL, label TEXT NOT NULL, counsellor TEXT NOT NULL,
          structure TEXT, status TEXT NOT NULL, closing_reason TEXT, closing_note TEXT, opened_on TEXT NOT NULL, closed_on TEXT,
          version BIGINT NOT NULL, purged INTEGER NOT NULL DEFAULT 0, next_appointment TEXT, updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL)
        """,
        "CREATE INDEX cases_by_status ON cases (status, counsellor)",
        """
        CREATE TABLE situations (ref TEXT NOT NULL REFERENCES cases (ref), number INTEGER NOT NULL, date TEXT NOT NULL,
          scenario TEXT NOT NULL, figures TEXT NOT NULL, note TEXT, saved_at TEXT NOT NULL, saved_by TEXT NOT NULL,
          PRIMARY KEY (ref, number))
        """,
        """
        CREATE TABLE measures (ref TEXT NOT NULL REFERENCES cases (ref), id TEXT NOT NULL, type TEXT NOT NULL, prescriber TEXT,
          start_on TEXT NOT NULL, planned_months INTEGER NOT NULL, end_on TEXT, end_reason TEXT, PRIMARY KEY (ref, id))
        """,
        """
        CREATE TABLE renewals (ref TEXT NOT NULL REFERENCES cases (ref), measure_id TEXT NOT NULL, rank INTEGER NOT NULL,
          date TEXT NOT NULL, months INTEGER NOT NULL, agreed_by TEXT NOT NULL, PRIMARY KEY (ref, measure_id, rank))
        """,
        """
        CREATE TABLE objectives (ref TEXT NOT NULL REFERENCES cases (ref), id TEXT NOT NULL, rank INTEGER NOT NULL, theme TEXT NOT NULL,
          wording TEXT NOT NULL, agreed INTEGER NOT NULL, status TEXT NOT NULL, due TEXT, PRIMARY KEY (ref, id))
        """,
        """
        CREATE TABLE actions (ref TEXT NOT NULL REFERENCES cases (ref), id TEXT NOT NULL, objective_id TEXT NOT NULL,
          rank INTEGER NOT NULL, wording TEXT NOT NULL, status TEXT NOT NULL, due TEXT, PRIMARY KEY (ref, id))
        """,
        """
        CREATE TABLE contacts (ref TEXT NOT NULL REFERENCES cases (ref), id TEXT NOT NULL, rank INTEGER NOT NULL, date TEXT NOT NULL,
          channel TEXT NOT NULL, synthesis TEXT NOT NULL, private_note TEXT, next_appointment TEXT, counsellor TEXT NOT NULL,
          PRIMARY KEY (ref, id))
        """,
        "CREATE INDEX contacts_by_channel ON contacts (channel, ref, date)",
        "CREATE INDEX situations_by_date ON situations (ref, date)",
        """
        CREATE TABLE documents (ref TEXT NOT NULL REFERENCES cases (ref), id TEXT NOT NULL, rank INTEGER NOT NULL, type TEXT NOT NULL,
          date TEXT NOT NULL, situation_number INTEGER, format TEXT NOT NULL, sha256 TEXT NOT NULL, size BIGINT NOT NULL,
          file_name TEXT NOT NULL, content \(blob), PRIMARY KEY (ref, id))
        """,
        """
        CREATE TABLE audit (seq BIGINT PRIMARY KEY, ref TEXT, version BIGINT, at TEXT NOT NULL, actor TEXT NOT NULL,
          action TEXT NOT NULL, detail TEXT NOT NULL)
        """,
        "CREATE INDEX audit_by_case ON audit (ref, seq)",
      ],
      // 2: accounts and shared cases (shared mode of the workspace).
      [
        """
        CREATE TABLE accounts (login TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, structure TEXT,
          password_hash TEXT NOT NULL, active INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE shares (ref TEXT NOT NULL REFERENCES cases (ref), login TEXT NOT NULL REFERENCES accounts (login),
          granted_at TEXT NOT NULL, granted_by TEXT NOT NULL, PRIMARY KEY (ref, login))
        """,
        "CREATE INDEX shares_by_login ON shares (login, ref)",
        "CREATE INDEX cases_by_structure ON cases (structure)",
      ],
      // 3: a situation's what-if variants, kept beside its text (NULL: the text's own).
      [
        "ALTER TABLE situations ADD COLUMN variants TEXT"
      ],
      // 4: an objective's assessment, who carries out an action, appointments.
      [
        "ALTER TABLE objectives ADD COLUMN assessment TEXT",
        "ALTER TABLE actions ADD COLUMN owner TEXT",
        """
        CREATE TABLE appointments (ref TEXT NOT NULL REFERENCES cases (ref), id TEXT NOT NULL, rank INTEGER NOT NULL, date TEXT NOT NULL,
          time TEXT, channel TEXT NOT NULL, purpose TEXT NOT NULL, counsellor TEXT NOT NULL, contact_id TEXT, PRIMARY KEY (ref, id))
        """,
        "CREATE INDEX appointments_by_counsellor ON appointments (counsellor, date)",
      ],
      // 5: aid requests, pieces the household brings, a measure's suspensions.
      [
        """
        CREATE TABLE aid_requests (ref TEXT NOT NULL REFERENCES cases (ref), id TEXT NOT NULL, rank INTEGER NOT NULL,
          organisation TEXT NOT NULL, kind TEXT NOT NULL, asked_cents BIGINT, filed_on TEXT NOT NULL, decision TEXT, decided_on TEXT,
          granted_cents BIGINT, repayment_cents BIGINT, repayment_months INTEGER, repayment_from TEXT, note TEXT, previous TEXT,
          PRIMARY KEY (ref, id))
        """,
        "ALTER TABLE documents ADD COLUMN origin TEXT",
        "ALTER TABLE documents ADD COLUMN checklist_line TEXT",
        "ALTER TABLE measures ADD COLUMN suspended_on TEXT",
        "ALTER TABLE measures ADD COLUMN suspended_days INTEGER",
      ],
      // 6: the workspace's sessions, shared by every instance and kept across restarts.
      [
        """
        CREATE TABLE web_sessions (key TEXT PRIMARY KEY, login TEXT, value TEXT NOT NULL, expires_at BIGINT,
          last_seen BIGINT NOT NULL)
        """,
        "CREATE INDEX web_sessions_by_login ON web_sessions (login)",
      ],
      // 7: lists and due dates answered by indexed queries: a case's folded label for the
      // search (filled in after the statements), the indexes of the filters and the due dates;
      // the sign-in throttle of shared mode.
      [
        "ALTER TABLE cases ADD COLUMN search_key TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX cases_by_counsellor ON cases (counsellor, ref)",
        "CREATE INDEX measures_by_type ON measures (type, end_on, ref)",
        "CREATE INDEX objectives_by_due ON objectives (due)",
        "CREATE INDEX actions_by_due ON actions (due)",
        // Failed sign-ins, counted by every instance of the workspace.
        "CREATE TABLE login_failures (subject TEXT NOT NULL, at BIGINT NOT NULL)",
        "CREATE INDEX login_failures_by_subject ON login_failures (subject, at)",
      ],
    ]
  }
}
