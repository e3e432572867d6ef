/// The default document templates (Mustache), compiled into the binary so that an installed
/// `equilibre` needs no source tree. A copy of this folder, passed with `--modeles`, overrides them.
public enum DefaultTemplates {
  /// Template name (file name without `.mustache`) → text.
  public static let all: [String: String] = [
    "dossier.html": String(decoding: PackageResources.dossier_html_mustache, as: UTF8.self),
    "dossier.md": String(decoding: PackageResources.dossier_md_mustache, as: UTF8.self),
    "surendettement.html": String(decoding: PackageResources.surendettement_html_mustache, as: UTF8.self),
    "surendettement.md": String(decoding: PackageResources.surendettement_md_mustache, as: UTF8.self),
    "style.css": String(decoding: PackageResources.style_css_mustache, as: UTF8.self),
    "fiche-vierge.html": String(decoding: PackageResources.fiche_vierge_html_mustache, as: UTF8.self),
    "fiche-vierge.md": String(decoding: PackageResources.fiche_vierge_md_mustache, as: UTF8.self),
    "entete": String(decoding: PackageResources.entete_mustache, as: UTF8.self),
    "pied": String(decoding: PackageResources.pied_mustache, as: UTF8.self),
    "champ.html": String(decoding: PackageResources.champ_html_mustache, as: UTF8.self),
    "champ.md": String(decoding: PackageResources.champ_md_mustache, as: UTF8.self),
    "convention.html": String(decoding: PackageResources.convention_html_mustache, as: UTF8.self),
    "convention.md": String(decoding: PackageResources.convention_md_mustache, as: UTF8.self),
    "bilan.html": String(decoding: PackageResources.bilan_html_mustache, as: UTF8.self),
    "bilan.md": String(decoding: PackageResources.bilan_md_mustache, as: UTF8.self),
    "apurement.html": String(decoding: PackageResources.apurement_html_mustache, as: UTF8.self),
    "apurement.md": String(decoding: PackageResources.apurement_md_mustache, as: UTF8.self),
  ]
}
