"""Generated households through OpenFisca-France for the housing aid, the RSA and the prime
d'activité, for the differential tests of Équilibre's Benefits (Tests/EquilibreCLITests/BenefitsOracleTests.swift).

Each household (fixed seed) has one or two adults of 26 to 60 (no ASPA), zero to four children under 18,
steady monthly net salaries, unemployment benefits, AAH, pensions and maintenance received over the 12 months
before the computed month (24 months given), a private or social rent (sometimes furnished, or
a flat share) in a commune of zone 1, 2 or 3. The taxable amounts (`salaire_imposable`,
`chomage_imposable`, `retraite_imposable`) equal the net ones, as Équilibre assumes when a
resource has no `imposable:`. OpenFisca computes the family benefits, which the tests give back
to Équilibre as declared amounts; it prints, per household: `rsa`, `ppa` (the month's rights),
`aide_logement` (the month's aid), `aide_logement_cycle` (the aid OpenFisca's RSA and prime
d'activité used), `pf_rsa` and `pf_ppa` (the family benefits each counts).

Usage: python3 Tests/Oracle/openfisca_prestations.py [N]
"""
import json
import random
import sys

from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_france import CountryTaxBenefitSystem

# Months whose three previous months share the same parameters (SMIC, prime d'activité, family
# benefits, housing aid: not October, revalorised on the 1st; not 2026 before September, the
# bonification of the prime d'activité having changed on 1 June 2026) and ages (births on 1st January): OpenFisca's prime d'activité of a month is the mean
# of the three previous months, each with its own parameters, while Équilibre computes the steady
# state of the month asked. Outside such windows the two differ by design, not by rule.
MONTHS = ["2025-07", "2025-08", "2025-09", "2026-09"]


def previous_months(month, n):
    y, m = int(month[:4]), int(month[5:])
    out = []
    for _ in range(n):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        out.append(f"{y}-{m:02d}")
    return out


def households(n):
    rng = random.Random(27)
    out = []
    for k in range(n):
        adults = []
        for _ in range(rng.choice((1, 1, 2))):
            salary = 0 if rng.random() < 0.35 else rng.randrange(100, 2600, 10)
            unemployment = rng.randrange(300, 1300, 10) if salary < 900 and rng.random() < 0.3 else 0
            age = rng.randint(25, 59)  # under 61: no ASPA, which the tool does not compute
            aah = rng.randrange(300, 1000, 10) if rng.random() < 0.1 else 0
            pension = rng.randrange(400, 1500, 10) if age >= 55 and rng.random() < 0.4 else 0
            adults.append({"age": age, "salaire": salary, "chomage": unemployment, "aah": aah, "retraite": pension})
        children = [rng.randint(0, 17) for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 4)))]
        maintenance = rng.randrange(50, 400, 10) if len(adults) == 1 and children and rng.random() < 0.4 else 0
        out.append({"id": k, "mois": MONTHS[k % len(MONTHS)], "adultes": adults, "enfants": children,
                    "pension_alimentaire": maintenance,
                    "loyer": rng.randrange(200, 900, 10) if rng.random() < 0.85 else rng.randrange(900, 1600, 10),
                    "statut": rng.choice(["locataire_vide", "locataire_vide", "locataire_hlm", "locataire_meuble"]),
                    "coloc": rng.random() < 0.08,
                    # Clermont-Ferrand (2), Lyon (1), Paris (1 bis), Guéret (3), Lamballe (3), Saint-Brieuc (2)
                    "commune": rng.choice(["63113", "69123", "75056", "23096", "22093", "22278"])})
    return out


def simulate(system, month, group):
    year = int(month[:4])
    past = previous_months(month, 26) + [month]
    individus, familles, foyers, menages = {}, {}, {}, {}
    for h in group:
        parents, kids = [], []
        for j, a in enumerate(h["adultes"]):
            name = f"h{h['id']}p{j}"
            person = {"date_naissance": {"ETERNITY": f"{year - a['age'] - 1}-01-01"},
                      "salaire_net": {m: a["salaire"] for m in past}, "chomage_net": {m: a["chomage"] for m in past},
                      "aah": {m: a["aah"] for m in past}, "retraite_nette": {m: a["retraite"] for m in past},
                      "salaire_imposable": {m: a["salaire"] for m in past}, "chomage_imposable": {m: a["chomage"] for m in past},
                      "retraite_imposable": {m: a["retraite"] for m in past}}
            if j == 0 and h["pension_alimentaire"]:
                person["pensions_alimentaires_percues"] = {m: h["pension_alimentaire"] for m in past}
            individus[name] = person
            parents.append(name)
        for j, age in enumerate(h["enfants"]):
            name = f"h{h['id']}e{j}"
            individus[name] = {"date_naissance": {"ETERNITY": f"{year - age - 1}-01-01"}}
            kids.append(name)
        familles[f"f{h['id']}"] = {"parents": parents, "enfants": kids}
        foyers[f"ff{h['id']}"] = {"declarants": parents, "personnes_a_charge": kids}
        menages[f"m{h['id']}"] = {"personne_de_reference": parents[:1], "conjoint": parents[1:], "enfants": kids,
                                   "loyer": {m: h["loyer"] for m in past}, "statut_occupation_logement": {m: h["statut"] for m in past},
                                   "coloc": {m: h["coloc"] for m in past},
                                   "depcom": {m: h["commune"] for m in past}}
    entities = {"individus": individus, "familles": familles, "foyers_fiscaux": foyers, "menages": menages}
    sim = SimulationBuilder().build_from_entities(system, entities)
    # OpenFisca's housing aid goes through a cycle (housing aid → neutralisation of earned income
    # when the RSA was paid last month, CCH R822-15 → RSA of last month → housing aid), which it
    # cuts by keeping a value computed inside the cycle: its RSA and prime d'activité rest on that
    # value (`aide_logement_cycle`, for the test that gives OpenFisca's own aid back). The month's
    # aid as the law reads it comes from a second simulation where the RSA of the previous months
    # is given (the first simulation's, steady): no cycle is left.
    values = {v: sim.calculate(v, month) for v in ("rsa", "ppa", "rsa_base_ressources_prestations_familiales",
                                                    "ppa_base_ressources_prestations_familiales", "aide_logement")}
    values["aide_logement_cycle"] = values["aide_logement"]
    for i, h in enumerate(group):
        familles[f"f{h['id']}"]["rsa"] = {m: float(values["rsa"][i]) for m in past[:-1]}
    clean = SimulationBuilder().build_from_entities(system, entities)
    values["aide_logement"] = clean.calculate("aide_logement", month)
    for i, h in enumerate(group):
        h["rsa"] = repr(float(values["rsa"][i]))
        h["ppa"] = repr(float(values["ppa"][i]))
        h["aide_logement"] = repr(float(values["aide_logement"][i]))
        h["aide_logement_cycle"] = repr(float(values["aide_logement_cycle"][i]))
        h["pf_rsa"] = repr(float(values["rsa_base_ressources_prestations_familiales"][i]))
        h["pf_ppa"] = repr(float(values["ppa_base_ressources_prestations_familiales"][i]))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    system = CountryTaxBenefitSystem()
    hs = households(n)
    for month in MONTHS:
        simulate(system, month, [h for h in hs if h["mois"] == month])
    json.dump({"menages": hs}, sys.stdout, indent=0)


if __name__ == "__main__":
    main()
