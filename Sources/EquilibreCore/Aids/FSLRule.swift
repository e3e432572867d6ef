/// The Fonds de solidarité pour le logement of a département, from a policy file (the
/// `fsl.*` keys; Eure-et-Loir and Côtes-d'Armor ship as examples).
enum FSLRule {
  /// The example policies compiled into the tool, by département.
  static let shipped: [String: ParameterSet] = {
    var out: [String: ParameterSet] = [:]
    for (name, bytes) in [
      ("fsl-28-eure-et-loir.yaml", PackageResources.fsl_28_eure_et_loir_yaml),
      ("fsl-22-cotes-d-armor.yaml", PackageResources.fsl_22_cotes_d_armor_yaml),
    ] {
      guard let set = try? ParameterFile.parse(String(decoding: bytes, as: UTF8.self), file: name),
        let d = department(of: set)
      else { continue }
      out[d] = set
    }
    return out
  }()

  /// `"01"`, `1` and `"1"` are the same département; `2A` stays `2A`.
  static func normalize(_ d: String) -> String {
    let t = d.trimmingSpaces.uppercased()
    let stripped = t.drop { $0 == "0" }
    return stripped.isEmpty ? t : String(stripped)
  }

  static func department(of set: ParameterSet) -> String? {
    guard let v = set.parameters["fsl.departement"]?.values.last?.value else { return nil }
    return normalize(v.french)
  }

  static func evaluate(_ s: Scenario, policy: ParameterSet?, budget: Budget) throws(ParameterError) -> AidResult {
    let r = AidRules(.fsl)
    let date = s.date
    guard let dep = s.departement?.trimmingSpaces else {
      r.unknown("département", "le FSL dépend du département")
      return r.result
    }
    guard let p = policy ?? shipped[normalize(dep)] else {
      r.unknown(
        "règlement intérieur du FSL du département \(dep) (à demander au département)",
        "aucun règlement du FSL chargé pour le département \(dep)")
      return r.result
    }
    r.quietUnsure = true
    if p.parameters.values.contains(where: { $0.values.contains(where: \.unsure) }) {
      r.warnings.append("règlement transcrit d'une source secondaire : plafonds à vérifier auprès du département")
    }
    if let (name, u) = try? p.text("fsl.nom", on: date) {
      r.use(u)
      r.note(name)
    }
    if let fileDep = department(of: p), fileDep != normalize(dep) {
      r.warnings.append("le règlement chargé est celui du département \(fileDep), le ménage habite le \(dep)")
    }
    let (mode, modeUse) = (try? p.text("fsl.ressources", on: date)) ?? ("hors-aides-logement", nil)
    if let u = modeUse { r.use(u) }
    let resources = mode == "avec-aides-logement" ? budget.resources : budget.resourcesWithoutHousingBenefit
    let couple = s.members.contains { $0.role == .conjoint }
    let children = s.members.filter { $0.role == .enfant }.count
    let ceiling: Rational
    if let table = try? p.numbers(couple ? "fsl.plafond.couple" : "fsl.plafond.isole", on: date) {
      r.use(table.1)
      let (extra, eu) = try p.number("fsl.plafond.par_enfant_supplementaire", on: date)
      r.use(eu)
      let list = table.0
      ceiling = children < list.count ? list[children] : list.last! + extra * Rational(children - list.count + 1)
      r.note("plafond \(couple ? "couple" : "personne seule") avec \(children) enfant\(children > 1 ? "s" : "") : \(Money(ceiling).french)")
    } else {
      let (list, lu) = try p.numbers("fsl.plafond.par_personnes", on: date)
      let (extra, eu) = try p.number("fsl.plafond.par_personne_supplementaire", on: date)
      r.use(lu)
      r.use(eu)
      let n = Swift.max(1, s.members.count)
      ceiling = n <= list.count ? list[n - 1] : list.last! + extra * Rational(n - list.count)
      r.note("plafond pour \(n) personne\(n > 1 ? "s" : "") : \(Money(ceiling).french)")
    }
    let base = mode == "avec-aides-logement" ? "aide au logement comprise" : "hors aides au logement"
    if resources.value <= ceiling {
      r.pass("ressources \(resources.roundedToCents(.halfAwayFromZero).french) (\(base)) ≤ plafond \(Money(ceiling).french)")
    } else {
      r.fail("ressources \(resources.roundedToCents(.halfAwayFromZero).french) (\(base)) > plafond \(Money(ceiling).french)")
    }
    if let (maxEffort, u) = try? p.number("fsl.taux_effort_max", on: date) {
      r.use(u)
      let rent = s.project?.rent ?? s.housing.rent
      let benefit = s.project?.housingBenefit ?? s.housing.housingBenefit
      if budget.resourcesWithoutHousingBenefit.isZero {
        r.unknown("ressources du ménage", "taux d'effort non calculable")
      } else {
        let effort = (rent - benefit) / budget.resourcesWithoutHousingBenefit
        if effort <= maxEffort {
          r.pass("taux d'effort (loyer − aide) ÷ ressources = \(percentText(effort)) ≤ \(percentText(maxEffort))")
        } else {
          r.fail("taux d'effort (loyer − aide) ÷ ressources = \(percentText(effort)) > \(percentText(maxEffort))")
        }
      }
    }
    if let (aids, u) = try? p.texts("fsl.aides", on: date) {
      r.use(u)
      r.note("aides : " + aids.joined(separator: " ; "))
    }
    r.note("subvention ou prêt sans intérêt selon le règlement intérieur, souvent versé au bailleur ou au fournisseur")
    return r.result
  }
}
