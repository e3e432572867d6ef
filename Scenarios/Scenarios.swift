/// The example files of this folder, compiled into the binary for `equilibre exemples`.
public enum ExampleScenarios {
  /// File name (relative to this folder) → text.
  public static let files: [(name: String, text: String)] = [
    ("apprenti-recherche-logement.yaml", String(decoding: PackageResources.apprenti_recherche_logement_yaml, as: UTF8.self)),
    ("couple-trois-enfants-revolving.yaml", String(decoding: PackageResources.couple_trois_enfants_revolving_yaml, as: UTF8.self)),
    ("etudiante-boursiere.yaml", String(decoding: PackageResources.etudiante_boursiere_yaml, as: UTF8.self)),
    ("interimaire-credits-conso.yaml", String(decoding: PackageResources.interimaire_credits_conso_yaml, as: UTF8.self)),
    ("jeune-couple-bebe.yaml", String(decoding: PackageResources.jeune_couple_bebe_yaml, as: UTF8.self)),
    ("locataire-impayes-perte-emploi.yaml", String(decoding: PackageResources.locataire_impayes_perte_emploi_yaml, as: UTF8.self)),
    ("parent-separe.yaml", String(decoding: PackageResources.parent_separe_yaml, as: UTF8.self)),
    ("pere-seul-aah.yaml", String(decoding: PackageResources.pere_seul_aah_yaml, as: UTF8.self)),
    ("proprietaire-impayes-maladie.yaml", String(decoding: PackageResources.proprietaire_impayes_maladie_yaml, as: UTF8.self)),
    ("retraitee-seule-dettes-energie.yaml", String(decoding: PackageResources.retraitee_seule_dettes_energie_yaml, as: UTF8.self)),
    ("flux-dates-exemple.csv", String(decoding: PackageResources.flux_dates_exemple_csv, as: UTF8.self)),
    ("flux-decret-2002-928-exemple-1.csv", String(decoding: PackageResources.flux_decret_2002_928_exemple_1_csv, as: UTF8.self)),
    ("releve-exemple-2026-01.csv", String(decoding: PackageResources.releve_exemple_2026_01_csv, as: UTF8.self)),
    ("releve-exemple-2026-02.csv", String(decoding: PackageResources.releve_exemple_2026_02_csv, as: UTF8.self)),
    ("releve-exemple-2026-03.csv", String(decoding: PackageResources.releve_exemple_2026_03_csv, as: UTF8.self)),
    ("forfaits/puy-de-dome-2012.yaml", String(decoding: PackageResources.puy_de_dome_2012_yaml, as: UTF8.self)),
  ]
}
