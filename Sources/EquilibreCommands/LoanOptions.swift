import ArgumentParser
import EquilibreCore
import Foundation

/// The loan described on the command line, shared by `echeancier` and `taeg`.
struct LoanOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Capital emprunté, en euros (ex. 12000 ou \"12 000,00\").")
  var capital: String?

  @Option(parsing: .unconditional, help: "Taux nominal annuel en % (ex. 3,5). Le taux de période est ce taux ÷ 12, ÷ 4 ou ÷ 1.")
  var taux: String?

  @Option(parsing: .unconditional, help: "Nombre total d'échéances, différé compris (1 à 600).")
  var duree: String?

  @Option(help: "Type d'amortissement : constant, amortissement-constant ou in-fine.")
  var type: String = "constant"

  @Option(parsing: .unconditional, help: "Nombre de périodes de différé au début du prêt.")
  var differe: String?

  @Option(name: .customLong("differe-type"), help: "Différé partiel (intérêts payés) ou total (intérêts capitalisés).")
  var differeType: String = "partiel"

  @Option(parsing: .unconditional, help: "Assurance emprunteur : un taux annuel (\"0,36 %\") ou une prime fixe par échéance (\"9,50 €\").")
  var assurance: String?

  @Option(name: .customLong("assurance-base"), help: "Assiette d'un taux d'assurance : initial ou restant.")
  var assuranceBase: String = "initial"

  @Flag(name: .customLong("assurance-hors-taeg"), help: "L'assurance est facultative : elle n'entre pas dans le TAEG.")
  var assuranceHorsTaeg = false

  @Option(parsing: .unconditional, help: "Frais de dossier payés au départ, en euros.")
  var frais: String?

  @Option(help: "Périodicité des échéances : mensuelle, trimestrielle ou annuelle.")
  var periodicite: String = "mensuelle"

  @Option(name: .customLong("arrondi"), help: "Arrondi de l'échéance : demi-haut, demi-pair, inferieur, superieur, vers-zero.")
  var arrondi: String = "demi-haut"

  @Option(name: .customLong("arrondi-interets"), help: "Arrondi des intérêts de chaque période (mêmes choix).")
  var arrondiInterets: String = "demi-haut"

  var isEmpty: Bool { capital == nil && taux == nil && duree == nil }

  /// The validated loan terms, or a French error naming the option.
  func terms() throws -> LoanTerms {
    guard let capitalText = capital else { throw CLIError.usage("--capital est obligatoire") }
    guard let tauxText = taux else { throw CLIError.usage("--taux est obligatoire") }
    guard let dureeText = duree else { throw CLIError.usage("--duree est obligatoire") }
    let capitalValue = try amount(capitalText, option: "--capital")
    guard capitalValue.value.sign > 0 else { throw CLIError.usage("--capital : le capital doit être positif (reçu « \(capitalText) »)") }
    let rate = try number(tauxText, option: "--taux") / Rational(100)
    let periods = try integer(dureeText, option: "--duree")
    var terms = LoanTerms(capital: capitalValue, annualRate: rate, periods: periods)
    terms.kind = try choice(type, option: "--type", LoanKind.self)
    terms.periodicity = try choice(periodicite, option: "--periodicite", Periodicity.self)
    if let d = differe {
      let n = try integer(d, option: "--differe")
      guard n >= 0 else { throw CLIError.usage("--differe : le différé doit être positif ou nul (reçu « \(d) »)") }
      if n > 0 { terms.deferral = Deferral(periods: n, kind: try choice(differeType, option: "--differe-type", Deferral.Kind.self)) }
    }
    if let a = assurance {
      let parsed: FrenchNumber
      do { parsed = try FrenchNumber.parse(a) } catch { throw CLIError.usage("--assurance : \(error.description)") }
      switch parsed.unit {
      case .percent:
        terms.insurance = .rate(
          annual: parsed.scaledValue, base: try choice(assuranceBase, option: "--assurance-base", Insurance.Base.self))
      case .euro:
        terms.insurance = .premium(Money(parsed.value))
      case nil:
        throw CLIError.usage("--assurance : précisez « % » pour un taux annuel ou « € » pour une prime par échéance (reçu « \(a) »)")
      }
    }
    terms.insuranceInAPR = !assuranceHorsTaeg
    if let f = frais { terms.fees = try amount(f, option: "--frais") }
    terms.rounding = LoanRounding(
      instalment: try choice(arrondi, option: "--arrondi", RoundingMode.self),
      interest: try choice(arrondiInterets, option: "--arrondi-interets", RoundingMode.self))
    do { try terms.validate() } catch { throw CLIError.usage("--\(error.field) : \(messageOnly(error))") }
    return terms
  }
}

/// The schedule and its TAEG, or a French error naming why (exit 64: the options are at fault).
func computeLoan(_ terms: LoanTerms, places: Int) throws -> (Schedule, APRResult) {
  let schedule: Schedule
  do { schedule = try Schedule(terms: terms) } catch {
    throw CLIError.usage("calcul impossible : \(messageOnly(error))")
  }
  do {
    return (schedule, try APR.solve(schedule: schedule, places: places))
  } catch {
    throw CLIError.usage("TAEG : \(error.description)")
  }
}

private func messageOnly(_ e: LoanError) -> String {
  switch e {
  case .invalid(_, let m): m
  }
}

package func number(_ text: String, option: String) throws -> Rational {
  do {
    let parsed = try FrenchNumber.parse(text)
    if parsed.unit == .euro { throw CLIError.usage("\(option) : un nombre est attendu, pas un montant en euros (« \(text) »)") }
    return parsed.value
  } catch let e as FrenchNumber.ParseError {
    throw CLIError.usage("\(option) : \(e.description)")
  }
}

package func amount(_ text: String, option: String) throws -> Money {
  do { return try Money(french: text) } catch { throw CLIError.usage("\(option) : \(error.description)") }
}

package func integer(_ text: String, option: String) throws -> Int {
  guard let n = Int(text.trimmingCharacters(in: .whitespaces)) else {
    throw CLIError.usage("\(option) : « \(text) » n'est pas un nombre entier")
  }
  return n
}

package func choice<T: RawRepresentable & CaseIterable>(_ text: String, option: String, _ type: T.Type) throws -> T
where T.RawValue == String {
  if let v = T(rawValue: text) { return v }
  let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
  throw CLIError.usage("\(option) : « \(text) » n'est pas un choix valide (\(allowed))")
}

/// Output formats.
enum OutputFormat: String, CaseIterable {
  case texte, csv, json
}

/// Options about the TAEG and usury shared by `echeancier` and `taeg`.
struct APROptions: ParsableArguments {
  @Option(help: "Décimales du TAEG en % (jusqu'à 10).")
  var decimales: String = "2"

  @Flag(name: .customLong("teg-proportionnel"), help: "Afficher aussi le TEG proportionnel (article R314-2).")
  var tegProportionnel = false

  @Option(help: "Catégorie pour le seuil de l'usure : conso, immo, immo-variable ou pret-relais.")
  var categorie: String = "conso"

  @Option(help: "Date du seuil de l'usure à appliquer (AAAA-MM-JJ, aujourd'hui par défaut).")
  var date: String?

  @Option(help: "Fichier de paramètres (seuils de l'usure plus récents, par exemple), répétable.")
  var parametres: [String] = []

  @Flag(name: .customLong("strict"), help: "Sortie en erreur (code 69) si le seuil de l'usure est inconnu ou provisoire.")
  var strict = false

  /// With `--strict`, a usury check that is unknown or provisional ends the command in error,
  /// after its output.
  func enforceStrict(_ check: UsuryCheck?) throws {
    guard strict else { return }
    guard let c = check else { throw CLIError.missingParameter("--strict : seuil de l'usure inconnu à cette date") }
    if c.isProvisional {
      throw CLIError.missingParameter(
        "--strict : contrôle de l'usure provisoire (dernier seuil connu du \(c.threshold.from.french)) ; importez l'avis en vigueur avec equilibre parametres importer"
      )
    }
  }

  /// The usury check of a TAEG (in percent), with the national and user parameters; when no
  /// threshold is known, why.
  func usury(aprPercent: Rational, category: UsuryCategory) throws -> (UsuryCheck?, String?) {
    let date = try usuryDate()
    let parameters = try loadParameters(parametres)
    let check = UsuryTable.check(apr: aprPercent / Rational(100), category: category, on: date, parameters: parameters)
    return (check, check == nil ? UsuryTable.unknownReason(category: category, on: date, parameters: parameters) : nil)
  }

  func places() throws -> Int {
    let n = try integer(decimales, option: "--decimales")
    guard (0...APR.maximumPlaces).contains(n) else { throw CLIError.usage("--decimales : entre 0 et \(APR.maximumPlaces)") }
    return n
  }

  func usuryDate() throws -> CivilDate {
    if let d = date { return try dateOption(d, option: "--date") }
    return CivilDate.today
  }

  func usuryCategory(capital: Money, months: Int) throws -> UsuryCategory {
    switch categorie {
    case "conso": return .consumer(capital: capital)
    case "immo": return .mortgage(months: months)
    case "immo-variable": return .mortgageVariable
    case "pret-relais": return .bridgeLoan
    default: throw CLIError.usage("--categorie : « \(categorie) » n'est pas un choix valide (conso, immo, immo-variable, pret-relais)")
    }
  }
}

extension CivilDate {
  /// Today's date on this machine's clock, in its time zone.
  /// Today's date, or `EQUILIBRE_AUJOURDHUI` (AAAA-MM-JJ) when set: tests and workshops replay
  /// a follow-up at a fixed date.
  package static var today: CivilDate {
    if let t = ProcessInfo.processInfo.environment["EQUILIBRE_AUJOURDHUI"], let d = CivilDate(t) { return d }
    let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
    return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
  }
}
