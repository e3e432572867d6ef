import EquilibreCore

/// An appointment with the household: when, how (home visit, office, phone…), what for. Once
/// held it becomes a contact (``contact`` names it).
public struct Appointment: Sendable, Codable, Equatable {
  /// `R1`, `R2`… within the case.
  public var id: String
  public var date: CivilDate
  /// `HH:MM`, local time; nil for a day without a set time.
  public var time: String?
  public var channel: ContactChannel
  public var purpose: String
  public var counsellor: String
  /// The contact it became, once held.
  public var contact: String?

  public init(
    id: String, date: CivilDate, time: String? = nil, channel: ContactChannel, purpose: String, counsellor: String, contact: String? = nil
  ) {
    self.id = id
    self.date = date
    self.time = time
    self.channel = channel
    self.purpose = purpose
    self.counsellor = counsellor
    self.contact = contact
  }

  public var isHeld: Bool { contact != nil }

  /// `14:30` as minutes after midnight, or nil when it is not a time of day.
  public static func minutes(_ time: String) -> Int? {
    let parts = time.split(separator: ":")
    guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }), let h = Int(parts[0]), let m = Int(parts[1]),
      (0...23).contains(h), (0...59).contains(m)
    else { return nil }
    return h * 60 + m
  }

  /// « le 3 décembre 2026 à 14 h 30, visite à domicile : point sur le budget »
  public var french: String {
    "le \(date.french)" + (time.map { " à " + $0.replacingOccurrences(of: ":", with: " h ") } ?? "") + ", \(channel.french) : \(purpose)"
  }
}

/// Appointments as an iCalendar file (RFC 5545) that any calendar imports: one event each, at
/// local time (floating, as the counsellor typed it), one hour long, or the whole day.
public enum AppointmentCalendar {
  public static func ics(_ items: [(ref: CaseRef, appointment: Appointment)], stamp: String) -> String {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Equilibre//Rendez-vous//FR", "CALSCALE:GREGORIAN"]
    let day = { (d: CivilDate) in d.description.replacingOccurrences(of: "-", with: "") }
    for (ref, a) in items {
      lines.append("BEGIN:VEVENT")
      lines.append("UID:\(ref.text)-\(a.id)@equilibre")
      lines.append("DTSTAMP:\(stamp)")
      if let t = a.time, let m = Appointment.minutes(t) {
        let end = m + 60
        let start = String(format: "%02d%02d00", m / 60, m % 60)
        // An appointment late in the evening ends at midnight at the latest.
        let stop = end >= 24 * 60 ? "235900" : String(format: "%02d%02d00", end / 60, end % 60)
        lines.append("DTSTART:\(day(a.date))T\(start)")
        lines.append("DTEND:\(day(a.date))T\(stop)")
      } else {
        lines.append("DTSTART;VALUE=DATE:\(day(a.date))")
        lines.append("DTEND;VALUE=DATE:\(day(a.date.adding(days: 1)))")
      }
      lines.append("SUMMARY:" + escape("\(ref.text) : \(a.channel.french)"))
      lines.append("DESCRIPTION:" + escape(a.purpose))
      lines.append("END:VEVENT")
    }
    lines.append("END:VCALENDAR")
    return lines.map(fold).joined(separator: "\r\n") + "\r\n"
  }

  /// A TEXT value: backslash, semicolon, comma and line breaks escaped; controls removed.
  static func escape(_ s: String) -> String {
    var out = ""
    for c in TextSafety.neutralized(s, allowLayout: true) {
      switch c {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n", "\r\n", "\r": out += "\\n"
      default: out.append(c)
      }
    }
    return out
  }

  /// Lines of at most 75 octets, continued by a space (RFC 5545 §3.1), never inside a character.
  static func fold(_ line: String) -> String {
    var out = ""
    var count = 0
    for c in line {
      let n = String(c).utf8.count
      if count + n > 75 {
        out += "\r\n "
        count = 1
      }
      out.append(c)
      count += n
    }
    return out
  }
}
