#!/usr/bin/env python3
"""Writes Sources/EquilibreCore/Parameters/Data/aide-logement.yaml from the parameter files of
OpenFisca-France (pinned in .ci/run): the values of the tenants' housing aid (CCH D823-16 and
D823-17, arrêté du 27 septembre 2019), of the RLS and the few tax and social rates it reads, each
date with the legal reference and link that OpenFisca cites. Values in force since 2022-10-01.
Usage: python3 Tests/Oracle/openfisca_parametres_al.py > Sources/EquilibreCore/Parameters/Data/aide-logement.yaml
       python3 Tests/Oracle/openfisca_parametres_al.py --zones > Sources/EquilibreCore/Benefits/zones-apl.txt
"""
import datetime
import sys
import os
import openfisca_france
import yaml

ROOT = os.path.join(os.path.dirname(openfisca_france.__file__), "parameters")
START = datetime.date(2022, 10, 1)
AL = "prestations_sociales/aides_logement/allocations_logement/locatif/"
RLS = "prestations_sociales/aides_logement/reduction_loyer_solidarite/"
PP = AL + "formule/pp_particip_perso/"


def zone(z):
    return [AL + f"formule/l_plafonds_loyers/par_zone/zone_{z}/{k}" for k in ["personnes_seules", "couples", "un_enfant", "majoration_par_enf_supp"]]


KEYS = [
    ("aide_logement.loyer_plafond.zone_1", zone(1), "Loyers plafonds en zone 1 (arrêté du 27/09/2019, art. 7) : personne seule, couple, une personne à charge, par personne à charge en plus", "euros par mois"),
    ("aide_logement.loyer_plafond.zone_2", zone(2), "Loyers plafonds en zone 2 (arrêté du 27/09/2019, art. 7) : personne seule, couple, une personne à charge, par personne à charge en plus ; ceux de la zone 2 sont aussi le loyer de référence du taux TL", "euros par mois"),
    ("aide_logement.loyer_plafond.zone_3", zone(3), "Loyers plafonds en zone 3 (arrêté du 27/09/2019, art. 7) : personne seule, couple, une personne à charge, par personne à charge en plus", "euros par mois"),
    ("aide_logement.coefficient_colocation", [AL + "formule/l_plafonds_loyers/coef_chambre_et_colocation/coef_colocation"], "Coefficient du loyer plafond en colocation (arrêté du 27/09/2019, art. 7)", "fraction"),
    ("aide_logement.forfait_charges", [AL + "formule/c_forfait_charges/cas_general/cas_general", AL + "formule/c_forfait_charges/cas_general/majoration_par_enfant"], "Forfait de charges (arrêté du 27/09/2019, art. 8) : montant de base, par personne à charge", "euros par mois"),
    ("aide_logement.forfait_charges_colocation", [AL + "formule/c_forfait_charges/cas_colocataires/" + k for k in ["beneficiaire_isole", "couple_sans_enfant", "majoration_par_enfant"]], "Forfait de charges en colocation (arrêté du 27/09/2019, art. 8) : personne seule, couple, par personne à charge", "euros par mois"),
    ("aide_logement.participation_minimale", [PP + "p0_particip_min/p0_taux", PP + "p0_particip_min/p0_forfait"], "Participation personnelle minimale P0 (CCH D823-17, arrêté du 27/09/2019, art. 9) : taux de la dépense (loyer retenu + charges), montant minimal", "taux ; euros par mois"),
    ("aide_logement.abattement_r0", [PP + "r0_abattement/cas_general/" + k for k in ["taux_seul", "taux_couple", "taux1pac", "taux2pac", "taux3pac", "taux4pac", "taux5pac", "taux6pac", "taux_pac_supp"]], "Abattement forfaitaire R0 sur les ressources annuelles (CCH D823-17, arrêté du 27/09/2019, art. 10) : personne seule, couple, 1 à 6 personnes à charge, par personne à charge en plus", "euros par an"),
    ("aide_logement.taux_famille", [PP + "tp_taux/tf_taille_famille/metropole/" + k for k in ["personnes_isolees", "couples_0_enfant", "avec_1_enfant", "avec_2_enfants", "avec_3_enfants", "avec_4_enfants", "avec_5_enfants", "avec_6_enfants", "maj_par_enf_supp"]], "Taux TF selon la famille (arrêté du 27/09/2019, art. 10) : personne seule, couple, 1 à 6 personnes à charge, par personne à charge en plus", "taux"),
    ("aide_logement.taux_loyer", [PP + "tp_taux/tl_loyer/seuils/seuil_1", PP + "tp_taux/tl_loyer/seuils/seuil_2", PP + "tp_taux/tl_loyer/taux/tl_taux_2", PP + "tp_taux/tl_loyer/taux/tl_taux_3"], "Taux TL selon le rapport RL du loyer retenu au loyer de référence (arrêté du 27/09/2019, art. 10) : premier seuil, second seuil, taux entre les seuils, taux au-delà", "taux"),
    ("aide_logement.degressivite.zone_1", [AL + "coefficients_degressivite_suppression/zone_1/degressivite", AL + "coefficients_degressivite_suppression/zone_1/suppression"], "Loyers élevés en zone 1 (CCH D823-16, arrêté du 27/09/2019, art. 7-1) : multiples du loyer plafond où l'aide commence à baisser, puis est supprimée", "multiple du loyer plafond"),
    ("aide_logement.degressivite.zone_2", [AL + "coefficients_degressivite_suppression/zone_2/degressivite", AL + "coefficients_degressivite_suppression/zone_2/suppression"], "Loyers élevés en zone 2 (CCH D823-16, arrêté du 27/09/2019, art. 7-1)", "multiple du loyer plafond"),
    ("aide_logement.degressivite.zone_3", [AL + "coefficients_degressivite_suppression/zone_3/degressivite", AL + "coefficients_degressivite_suppression/zone_3/suppression"], "Loyers élevés en zone 3 (CCH D823-16, arrêté du 27/09/2019, art. 7-1)", "multiple du loyer plafond"),
    ("aide_logement.minoration_forfaitaire", [AL + "minoration_forfaitaire"], "Minoration forfaitaire de l'aide (CCH D823-16, arrêté du 27/09/2019, art. 11)", "euros par mois"),
    ("aide_logement.seuil_versement", [AL + "seuils_minimum_versement/apl", AL + "seuils_minimum_versement/non_apl"], "Montant sous lequel l'aide n'est pas versée (CCH D823-22) : APL (logement conventionné), allocation de logement", "euros par mois"),
    ("aide_logement.abattement_chomage", ["prestations_sociales/aides_logement/allocations_logement/ressources/abattements/chomage_indemnise"], "Abattement sur les indemnités de chômage d'une personne sans salaire titulaire de l'AAH (CCH R822-13, R822-14)", "fraction"),
    ("aide_logement.abattement_double_activite", ["prestations_sociales/aides_logement/allocations_logement/ressources/abattements/dar_1_double_activite"], "Abattement sur les ressources d'un couple dont chacun a des revenus d'activité d'au moins 12 BMAF (CCH R822-7, arrêté du 27/09/2019, art. 3)", "euros par an"),
    ("prestations_familiales.bmaf", ["prestations_sociales/prestations_familiales/bmaf/bmaf"], "Base mensuelle de calcul des allocations familiales (BMAF)", "euros par mois"),
    ("crds.taux", ["prelevements_sociaux/contributions_sociales/crds"], "Taux de la CRDS, prélevée sur l'aide au logement (ordonnance 96-50, art. 14)", "taux"),
    ("impot_revenu.abattement_frais_professionnels", ["impot_revenu/calcul_revenus_imposables/deductions/abatpro/taux", "impot_revenu/calcul_revenus_imposables/deductions/abatpro/min", "impot_revenu/calcul_revenus_imposables/deductions/abatpro/max"], "Déduction forfaitaire de 10 % pour frais professionnels (CGI 83, 3°) : taux, minimum, maximum (revenus de l'année)", "taux ; euros par an"),
    ("impot_revenu.abattement_pensions", ["impot_revenu/calcul_revenus_imposables/deductions/abatpen/taux", "impot_revenu/calcul_revenus_imposables/deductions/abatpen/min", "impot_revenu/calcul_revenus_imposables/deductions/abatpen/max"], "Abattement de 10 % sur les pensions et retraites (CGI 158, 5° a) : taux, minimum par pensionné, maximum par foyer (revenus de l'année)", "taux ; euros par an"),
    ("rls.montant.zone_1", [RLS + "montant/par_zone/zone_1/" + k for k in ["personnes_seules", "couples", "famille_1pac", "majoration_par_pac_supp"]], "Réduction de loyer de solidarité en zone 1 (CCH L442-2-1, arrêté du 27/02/2018) : personne seule, couple, une personne à charge, par personne à charge en plus", "euros par mois"),
    ("rls.montant.zone_2", [RLS + "montant/par_zone/zone_2/" + k for k in ["personnes_seules", "couples", "famille_1pac", "majoration_par_pac_supp"]], "Réduction de loyer de solidarité en zone 2", "euros par mois"),
    ("rls.montant.zone_3", [RLS + "montant/par_zone/zone_3/" + k for k in ["personnes_seules", "couples", "famille_1pac", "majoration_par_pac_supp"]], "Réduction de loyer de solidarité en zone 3", "euros par mois"),
] + [
    (f"rls.plafond_ressources.zone_{z}", [RLS + f"plafond_ressources/par_zone/zone_{z}/" + k for k in ["personnes_seules", "couples"] + [f"famille_{i}pac" for i in range(1, 7)] + ["majoration_par_pac_supp"]],
     f"Plafond de ressources mensuelles de la RLS en zone {z} (CCH L442-2-1, arrêté du 27/02/2018) : personne seule, couple, 1 à 6 personnes à charge, par personne à charge en plus", "euros par mois")
    for z in (1, 2, 3)
] + [
    ("rls.fraction_baisse_aide", [RLS + "fraction_baisse_aide_logement"], "Part de la RLS retranchée de l'APL (CCH L823-8 ; D823-16)", "fraction"),
]


REVISION = {
    "aide_logement": ("annuelle", "arrêté de revalorisation au 1er octobre (https://www.legifrance.gouv.fr)", "2027-09-30"),
    "rls": ("annuelle", "arrêté de revalorisation au 1er octobre (https://www.legifrance.gouv.fr)", "2027-09-30"),
    "prestations_familiales": ("annuelle", "revalorisation de la BMAF au 1er avril (https://www.legifrance.gouv.fr)", "2027-03-31"),
    "crds": ("stable", None, "2026-12-31"),
    "aide_logement.abattement_r0": ("annuelle", "arrêté de fin d'année, pour le 1er janvier (https://www.legifrance.gouv.fr)", "2026-12-31"),
    "impot_revenu": ("annuelle", "loi de finances de l'année (https://www.legifrance.gouv.fr)", "2026-12-31"),
}


def load(path):
    with open(os.path.join(ROOT, path + ".yaml")) as f:
        return yaml.safe_load(f)


def value_on(data, day):
    best = None
    for d, v in sorted(data["values"].items()):
        if d <= day:
            best = v["value"] if isinstance(v, dict) else v
    return best


def refs(data, day):
    md = data.get("metadata", {})
    r = md.get("reference", {})
    if isinstance(r, dict):
        dates = sorted(d for d in r if d <= day)
        if dates:
            items = r[dates[-1]]
            items = items if isinstance(items, list) else [items]
            return [(i.get("title", ""), i.get("href", "")) if isinstance(i, dict) else (str(i), "") for i in items]
    return []


def fr(v):
    s = repr(float(v)) if not isinstance(v, int) else str(v)
    if s.endswith(".0"):
        s = s[:-2]
    return s.replace(".", ",")


def zones():
    import csv, json, textwrap
    assets = os.path.join(os.path.dirname(openfisca_france.__file__), "assets", "apl")
    z = {r["CODGEO"]: r["Zonage"] for r in csv.DictReader(open(os.path.join(assets, "20110914_zonage.csv"), encoding="utf-8"))}
    for sub, commune in json.load(open(os.path.join(assets, "commune_depcom_by_subcommune_depcom.json"))).items():
        z[sub] = z[commune]
    print(open(os.path.join(os.path.dirname(__file__), "zones-apl-entete.txt"), encoding="utf-8").read(), end="")
    for k in ["1bis", "1", "2"]:
        codes = sorted(c for c, v in z.items() if v == k)
        print(f"zone {k}: {len(codes)}")
        print("\n".join(textwrap.wrap(" ".join(codes), 96)))


if "--zones" in sys.argv:
    zones()
    sys.exit(0)

out = ["# Aide personnelle au logement des locataires (APL, ALF, ALS ; CCH L821-1 et suivants, R822-1 et",
       "# suivants, D823-16 et D823-17, arrêté du 27 septembre 2019), réduction de loyer de solidarité, et",
       "# les taux fiscaux et sociaux que le calcul lit. Fichier écrit par Tests/Oracle/openfisca_parametres_al.py",
       "# depuis les fichiers de paramètres d'OpenFisca-France 176.1.8, qui citent chaque texte ; l'oracle",
       "# OracleTests recompare les montants. Valeurs en vigueur depuis le 1er octobre 2022.", ""]
for key, files, desc, unit in KEYS:
    datas = [load(f) for f in files]
    dates = set()
    for d in datas:
        for day in d["values"]:
            if day > START:
                dates.add(day)
    first = max([max([day for day in d["values"] if day <= START], default=START) for d in datas])
    dates.add(first)
    out.append(f"{key}:")
    out.append(f"  description: {yaml.safe_dump(desc, allow_unicode=True, width=1000).strip().removesuffix('...').strip()}")
    out.append(f"  unite: {unit}")
    revision, next_source, reviewed = REVISION.get(key, REVISION.get(key.split(".")[0], REVISION["aide_logement"]))
    out.append(f"  revision: {revision}")
    if next_source:
        out.append(f'  prochaine_source: "{next_source}"')
    out.append(f"  revu_jusqu_au: {reviewed}")
    out.append("  valeurs:")
    previous = None
    for day in sorted(dates):
        vals = [value_on(d, day) for d in datas]
        if vals == previous:
            continue
        if any(v is None for v in vals):
            continue
        previous = vals
        r = refs(datas[0], day) or next((refs(d, day) for d in datas if refs(d, day)), [])
        title = " ; ".join(t for t, _ in r if t) if r else "voir OpenFisca-France"
        href = next((h for _, h in r if h), "https://github.com/openfisca/openfisca-france")
        value = f'"{fr(vals[0])}"' if len(vals) == 1 else "[" + ", ".join(f'"{fr(v)}"' for v in vals) + "]"
        out.append(f"    {day.isoformat()}:")
        out.append(f"      valeur: {value}")
        out.append(f"      reference: {yaml.safe_dump(title, allow_unicode=True, width=1000).strip().removesuffix('...').strip()}")
        out.append(f'      source: "{href} (valeur relevée par OpenFisca-France 176.1.8, {files[0].split("/")[-2]}/{files[0].split("/")[-1]}.yaml)"')
    out.append("")
print("\n".join(out))
