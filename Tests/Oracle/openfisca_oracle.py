"""Values computed by OpenFisca-France, the reference microsimulation of the French tax and
benefit system, for the differential test of Équilibre (Tests/EquilibreCLITests/OracleTests.swift).

Prints JSON: the version, the dated values of the parameters both tools hold, and the RSA
montant forfaitaire (rsa_socle) of households of 1 or 2 adults with 0 to 6 children, at every
date where the one-person amount changes.

Usage: python3 Tests/Oracle/openfisca_oracle.py
"""
import json
import sys
from datetime import date

from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_france import CountryTaxBenefitSystem
import openfisca_france

PARAMETERS = [
    "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_m.montant_de_base_du_rsa",
    "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_maj.maj_montant_max.couples_celibataire_avec_enfant",
    "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_maj.maj_montant_max.couple_1_enfant_ou_2e_enfant",
    "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_maj.maj_montant_max.par_enfant_supplementaire",
    "marche_travail.salaire_minimum.smic.smic_b_horaire",
    "prestations_sociales.aides_logement.action_logement.visale.eligibilite.age_max",
    "prestations_sociales.aides_logement.action_logement.visale.quote_part_aides_logement",
    "prestations_sociales.aides_logement.action_logement.visale.plafond_loyer.cas_general.ile_de_france",
    "prestations_sociales.aides_logement.action_logement.visale.plafond_loyer.cas_general.hors_ile_de_france",
    "prestations_sociales.education.mobilite.mobili_jeune.age_maximum",
]


def node(system, path):
    p = system.parameters
    for part in path.split("."):
        p = p.children[part] if hasattr(p, "children") else getattr(p, part)
    return p


def history(system, path):
    p = node(system, path)
    out = []
    for at in sorted(p.values_list, key=lambda v: v.instant_str):
        out.append([at.instant_str, None if at.value is None else repr(at.value)])
    return out


def family(system, month, ages, children, variable):
    """A simulation of one family: parents of `ages`, `children` children of 3, 4, 5… years,
    asking for `variable` of the family on `month`."""
    year = int(month[:4])
    individus = {}
    parents = []
    for k, age in enumerate(ages):
        name = f"parent{k + 1}"
        individus[name] = {"date_naissance": {"ETERNITY": f"{year - age}-01-01"}}
        parents.append(name)
    enfants = []
    for k in range(children):
        name = f"enfant{k + 1}"
        individus[name] = {"date_naissance": {"ETERNITY": f"{year - 3 - k}-01-01"}}
        enfants.append(name)
    situation = {
        "individus": individus,
        "familles": {"famille": {"parents": parents, "enfants": enfants, variable: {month: None}}},
        "foyers_fiscaux": {"foyer": {"declarants": parents, "personnes_a_charge": enfants}},
        "menages": {"menage": {"personne_de_reference": ["parent1"], "conjoint": parents[1:], "enfants": enfants}},
    }
    return SimulationBuilder().build_from_entities(system, situation).calculate(variable, month)


def rsa_socle(system, month, adults, children):
    ages = (40, 38)[:adults]
    return repr(float(family(system, month, ages, children, "rsa_socle")[0]))


LOGEMENT_SOCIAL = "prestations_sociales.aides_logement.logement_social"
ZONES = ["paris_communes_limitrophes", "ile_de_france", "autres_regions"]


def logement_social_cells(system):
    """Every cell of the PLAI and PLUS ceilings: {"plai.autres_regions.3": history}, 7 = per extra person."""
    out = {}
    for fin, prefix in (("plai", "plai.plafond_ressources."), ("plus", "plu.")):
        for zone in ZONES:
            for cat in range(1, 7):
                out[f"{fin}.{zone}.{cat}"] = history(system, f"{LOGEMENT_SOCIAL}.{prefix}par_categorie_de_menage.categorie_{cat}.{zone}")
            out[f"{fin}.{zone}.7"] = history(system, f"{LOGEMENT_SOCIAL}.{prefix}par_personne_supplementaire.{zone}")
    return out


def categorie_menage(system, month, ages, children):
    """OpenFisca's household category (1 to 6) for parents of `ages` and `children` children."""
    name = family(system, month, ages, children, "logement_social_categorie_menage").decode_to_str()[0]
    return int(str(name).split("_")[-1])


def main():
    system = CountryTaxBenefitSystem()
    base = history(system, PARAMETERS[0])
    months = [d[:7] for d, v in base if v is not None and d >= "2022-04-01"]
    rsa = []
    for month in months:
        for adults in (1, 2):
            for children in range(0, 7):
                rsa.append({"mois": month, "adultes": adults, "enfants": children,
                            "montant": rsa_socle(system, month, adults, children)})
    json.dump({
        "version": openfisca_france.__version__ if hasattr(openfisca_france, "__version__") else "",
        "parametres": {p: history(system, p) for p in PARAMETERS},
        "rsa": rsa,
        "logement_social": logement_social_cells(system),
        "categories_logement_social": [
            {"ages": list(ages), "enfants": children, "categorie": categorie_menage(system, "2026-01", ages, children)}
            for ages, children in [((40,), 0), ((27, 28), 0), ((28, 28), 0), ((40, 42), 0), ((35,), 1), ((35,), 2),
                                   ((35, 36), 1), ((35, 36), 2), ((35, 36), 3), ((35, 36), 4), ((35, 36), 5)]
        ],
    }, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
