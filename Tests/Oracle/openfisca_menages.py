"""2 000 generated households through OpenFisca-France, for the differential test of Équilibre's
shared rules (Tests/EquilibreCLITests/OracleTests.swift, « ménages générés »).

Each household (fixed seed, so every run compares the same ones) has one or two adults, zero to
six children, some of them adults of 25 or more still living at home, a commune in one of the
three social-housing zones, and a month between 2017 and 2026. OpenFisca gives, for the month:
- `rsa_socle`: the RSA montant forfaitaire of the family (no resources);
- `logement_social_categorie_menage`: the household category of the arrêté du 29 juillet 1987;
- `logement_social_plafond_ressources`: its PLAI ceiling (OpenFisca's PLAI series stops in 2022).

Usage: python3 Tests/Oracle/openfisca_menages.py [N]
"""
import json
import random
import sys

from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_france import CountryTaxBenefitSystem

COMMUNES = {"75056": "paris-limitrophes", "91228": "ile-de-france", "63113": "autres-regions"}


def households(n):
    rng = random.Random(2026)
    out = []
    for k in range(n):
        year = rng.randint(2017, 2026)
        # The applicant is 25 or more: under 25 the RSA is not due at all (CASF L262-4), which is
        # eligibility, not the montant forfaitaire compared here.
        adults = [rng.randint(25, 70) for _ in range(rng.choice((1, 2)))]
        if rng.random() < 0.25:  # a young couple (ages adding up to 55 or less) or single person
            adults = [rng.randint(25, 30)] + [rng.randint(18, 30) for _ in adults[1:]]
        children = []
        for _ in range(rng.choice((0, 0, 1, 1, 2, 2, 3, 4, 5, 6))):
            children.append(rng.randint(25, 40) if rng.random() < 0.12 else rng.randint(0, 17))
        youngest_parent = min(adults)
        children = [min(c, youngest_parent - 16) if c >= 25 else c for c in children]
        children = [c for c in children if c >= 0]
        out.append({"id": k, "mois": f"{year}-06", "adultes": adults, "enfants": children,
                    "commune": rng.choice(list(COMMUNES))})
    return out


def simulate(system, month, group):
    year = int(month[:4])
    individus, familles, foyers, menages = {}, {}, {}, {}
    for h in group:
        parents, kids = [], []
        for j, age in enumerate(h["adultes"]):
            name = f"h{h['id']}p{j}"
            individus[name] = {"date_naissance": {"ETERNITY": f"{year - age - 1}-01-01"}}
            parents.append(name)
        for j, age in enumerate(h["enfants"]):
            name = f"h{h['id']}e{j}"
            individus[name] = {"date_naissance": {"ETERNITY": f"{year - age - 1}-01-01"}}
            kids.append(name)
        familles[f"f{h['id']}"] = {"parents": parents, "enfants": kids}
        foyers[f"ff{h['id']}"] = {"declarants": parents, "personnes_a_charge": kids}
        menages[f"m{h['id']}"] = {"personne_de_reference": parents[:1], "conjoint": parents[1:], "enfants": kids,
                                   "depcom": {month: h["commune"]}}
    sim = SimulationBuilder().build_from_entities(system, {
        "individus": individus, "familles": familles, "foyers_fiscaux": foyers, "menages": menages})
    rsa = sim.calculate("rsa_socle", month)
    cat = sim.calculate("logement_social_categorie_menage", month).decode_to_str()
    plafond = sim.calculate("logement_social_plafond_ressources", month)
    for i, h in enumerate(group):
        h["rsa"] = repr(float(rsa[i]))
        h["categorie"] = int(str(cat[i]).split("_")[-1])
        h["plafond_plai"] = repr(float(plafond[i]))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    system = CountryTaxBenefitSystem()
    hs = households(n)
    by_month = {}
    for h in hs:
        by_month.setdefault(h["mois"], []).append(h)
    for month, group in sorted(by_month.items()):
        simulate(system, month, group)
    json.dump({"menages": hs}, sys.stdout, indent=0)


if __name__ == "__main__":
    main()
