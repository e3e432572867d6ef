import EquilibreCore

/// A due date or an alert of the follow-up, in French.
public struct Alert: Sendable, Codable, Equatable {
  public enum Kind: String, Sendable, Codable, CaseIterable {
    /// A measure ends within the horizon: renew it or close it.
    case renouvellement
    /// A measure has reached its maximum duration (or its last renewal).
    case dureeMaximale = "duree-maximale"
    /// No home visit for longer than the policy asks.
    case visite
    /// An open objective, or an action still to do, past its due date.
    case objectif
    /// An appointment today.
    case rendezVous = "rendez-vous"
  }

  public var ref: CaseRef
  public var kind: Kind
  /// The date it concerns (end of the measure, due date, appointment…).
  public var date: CivilDate
  public var message: String
}

/// Due dates and alerts: pure functions over a case's values, a policy and a date.
public enum FollowUp {
  /// What a case needs for its alerts (the store can give it without loading everything).
  public struct Input: Sendable {
    public var ref: CaseRef
    public var status: CaseStatus
    public var measures: [Measure]
    public var objectives: [Objective]
    /// Dates of home visits, and the next appointment set by the latest contact.
    public var homeVisits: [CivilDate]
    public var nextAppointment: CivilDate?

    public init(
      ref: CaseRef, status: CaseStatus, measures: [Measure], objectives: [Objective], homeVisits: [CivilDate], nextAppointment: CivilDate?
    ) {
      self.ref = ref
      self.status = status
      self.measures = measures
      self.objectives = objectives
      self.homeVisits = homeVisits
      self.nextAppointment = nextAppointment
    }

    public init(_ r: CaseRecord) {
      let latest = r.contacts.max { ($0.date, $0.id.count, $0.id) < ($1.date, $1.id.count, $1.id) }
      self.init(
        ref: r.file.ref, status: r.file.status, measures: r.measures, objectives: r.objectives,
        homeVisits: r.contacts.filter { $0.channel == .visiteDomicile }.map(\.date), nextAppointment: latest?.nextAppointment)
    }
  }

  /// The alerts of one case on `today`, looking `horizonDays` ahead for the ends of measures.
  /// A closed case has none.
  public static func alerts(_ c: Input, policy: MeasurePolicy, today: CivilDate, horizonDays: Int = 30) -> [Alert] {
    guard c.status != .clos else { return [] }
    var out: [Alert] = []
    // A suspended measure waits: its end moves with the suspension, and no visit is due.
    for m in c.measures where m.isOpen && m.start <= today && !m.isSuspended {
      let rule = policy.rule(m.type)
      // The last day of the measure as granted.
      let end = m.plannedEnd.adding(days: -1)
      let days = end.dayNumber - today.dayNumber
      let name = m.type.french
      let atMaximum =
        (rule.maximumMonths.map { m.grantedMonths >= $0 } ?? false) || (rule.maximumRenewals.map { m.renewals.count >= $0 } ?? false)
      if atMaximum {
        if days <= horizonDays {
          let why = rule.maximumMonths.map { "\($0) mois au plus" } ?? "\(rule.maximumRenewals ?? 0) renouvellement(s) au plus"
          out.append(
            Alert(
              ref: c.ref, kind: .dureeMaximale, date: end,
              message:
                "\(m.id) \(name) : durée maximale atteinte (\(why)), dernier jour le \(end.french)\(days < 0 ? ", dépassé" : "") : clore ou orienter"
            ))
        }
      } else if days <= horizonDays {
        let who = rule.agreedBy.map { ", accord \(FrenchGrammar.of($0))" } ?? ""
        out.append(
          Alert(
            ref: c.ref, kind: .renouvellement, date: end,
            message: days < 0
              ? "\(m.id) \(name) : terminée le \(end.french), dépassée de \(-days) jour(s) : renouveler ou clore\(who)"
              : "\(m.id) \(name) : dernier jour le \(end.french) (dans \(days) jour(s)) : renouvellement à décider\(who)"))
      }
      // Home visits: the policy's rhythm, counted from the measure's start or the last visit.
      if let every = rule.homeVisitDays {
        let last = c.homeVisits.filter { $0 >= m.start && $0 <= today }.max()
        let since = last ?? m.start
        let gap = today.dayNumber - since.dayNumber
        if gap > every {
          out.append(
            Alert(
              ref: c.ref, kind: .visite, date: since.adding(days: every),
              message: last == nil
                ? "\(m.id) \(name) : aucune visite à domicile depuis le début le \(m.start.french) (une au moins tous les \(every) jours)"
                : "\(m.id) \(name) : dernière visite à domicile le \(since.french), il y a \(gap) jours (une au moins tous les \(every) jours)"
            ))
        }
      }
    }
    for o in c.objectives where o.status.isOpen {
      if let due = o.due, due < today {
        out.append(
          Alert(
            ref: c.ref, kind: .objectif, date: due,
            message: "\(o.id) « \(o.wording.excerpt) » : échéance du \(due.french) dépassée (\(o.status.french))"))
      }
    }
    // Actions still to do past their due date, whatever their objective's state.
    for o in c.objectives {
      for a in o.actions where (a.status == .prevue || a.status == .enCours) {
        if let due = a.due, due < today {
          out.append(
            Alert(
              ref: c.ref, kind: .objectif, date: due,
              message:
                "action \(a.id) « \(a.wording.excerpt) »\(a.owner.map { " (\($0.french))" } ?? "") : échéance du \(due.french) dépassée"))
        }
      }
    }
    if let next = c.nextAppointment, next == today {
      out.append(Alert(ref: c.ref, kind: .rendezVous, date: next, message: "rendez-vous aujourd'hui"))
    }
    return out.sorted { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) }
  }
}

extension FollowUp {
  /// Why a renewal of `months` would go beyond the policy (maximum duration or number of
  /// renewals), or nil when it fits.
  public static func renewalRefusal(_ m: Measure, months: Int, policy: MeasurePolicy) -> String? {
    let rule = policy.rule(m.type)
    if let max = rule.maximumRenewals, m.renewals.count >= max {
      return "\(m.id) \(m.type.french) : \(max) renouvellement(s) au plus selon la politique, déjà \(m.renewals.count)"
    }
    if let max = rule.maximumMonths, m.grantedMonths + months > max {
      return "\(m.id) \(m.type.french) : \(m.grantedMonths) + \(months) mois dépasserait la durée maximale de \(max) mois"
    }
    return nil
  }
}

/// Small French grammar helpers for generated sentences.
public enum FrenchGrammar {
  /// « de » before a noun phrase, contracted: « du conseiller », « de la commission », « des… », « d'Action… ».
  public static func of(_ phrase: String) -> String {
    let p = phrase.trimmingSpaces
    if p.hasPrefix("le ") { return "du " + p.dropFirst(3) }
    if p.hasPrefix("les ") { return "des " + p.dropFirst(4) }
    if let f = p.first, "aeiouyéèêàâîôûAEIOUYÉÈÊÀÂÎÔÛ".contains(f) { return "d'" + p }
    return "de " + p
  }
}
