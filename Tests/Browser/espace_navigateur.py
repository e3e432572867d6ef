#!/usr/bin/env python3
"""End-to-end test of the workspace in a real browser (Debian's chromium + chromium-driver,
Selenium), as a counsellor uses it: once with script, once without.

Usage: espace_navigateur.py EQUILIBRE_BINARY SCENARIO_YAML CAPTURES_DIR
Prints one line per check and exits non-zero on the first failure.
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

BINARY, SCENARIO, CAPTURES = sys.argv[1], sys.argv[2], sys.argv[3]
NBSP = "\u00a0"


def check(condition, what):
    if not condition:
        print(f"ÉCHEC : {what}")
        sys.exit(1)
    print(f"ok : {what}")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def browser(downloads, script=True):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--lang=fr-FR"]:
        options.add_argument(a)
    prefs = {"download.default_directory": downloads, "download.prompt_for_download": False}
    if not script:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def text(d, key):
    return d.find_element(By.CSS_SELECTOR, f'[data-cle="{key}"]').text.replace(NBSP, " ").replace("\u202f", " ")


def wait_file(folder, suffix, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        done = [f for f in os.listdir(folder) if f.endswith(suffix)]
        if done:
            return os.path.join(folder, done[0])
        time.sleep(0.2)
    return None


def accessibility(d, page, axe=True):
    """Labels on every field, one h1, the landmarks, a language; then axe-core, except in the
    browser without script, where axe (a script) cannot run: those pages are checked by axe in
    the browser with script."""
    missing = d.execute_script(
        """
        const bad = [];
        for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
          const id = el.id;
          const label = id && document.querySelector('label[for="' + id + '"]');
          const wrapped = el.closest('label');
          if (!label && !wrapped && !el.getAttribute('aria-label')) bad.push(el.name || el.outerHTML.slice(0, 60));
        }
        return bad;
        """)
    check(not missing, f"{page} : chaque champ a son libellé ({missing[:3]})")
    check(len(d.find_elements(By.TAG_NAME, "h1")) == 1, f"{page} : un seul titre h1")
    for landmark in ["header", "nav", "main", "footer"]:
        check(len(d.find_elements(By.TAG_NAME, landmark)) >= 1, f"{page} : repère <{landmark}>")
    check(d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr", f"{page} : langue fr")
    if axe:
        axe_check(d, page)


WCAG_A_AA = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}
AXE_PAGES = []


def axe_check(d, page):
    """axe-core (bundled by axe-selenium-python) in this browser: no WCAG A or AA violation."""
    d.set_script_timeout(120)
    axe = Axe(d)
    axe.inject()
    # axe.run(options) alone would read the options as the context: run everything, filter here.
    result = axe.run()
    bad = [v for v in result["violations"] if WCAG_A_AA & set(v["tags"])]
    AXE_PAGES.append((page, len(result["passes"]), len(bad)))
    detail = "; ".join(f"{v['id']} ({v['impact']}) : {v['nodes'][0]['html'][:120]}" for v in bad)
    check(not bad, f"{page} : axe-core, aucune violation WCAG A/AA ({len(result['passes'])} règles vérifiées){' — ' + detail if bad else ''}")


# Every filing section of the household form, as a counsellor types them (issue 28).
FILING = [
    ("f:date", "2026-11-20"), ("f:departement", "22"), ("f:situation_familiale", "separe"),
    ("f:adresse", "4 rue des Lilas, 22000 Saint-Brieuc"), ("f:telephone", "06 11 22 33 44"), ("f:courriel", "s.k@example.org"),
    ("f:menage[1].prenom", "Sophie"), ("f:menage[1].nom", "Kerleau"), ("f:menage[1].nom_naissance", "Le Goff"),
    ("f:menage[1].role", "demandeur"), ("f:menage[1].naissance", "1990-09-03"), ("f:menage[1].lieu_naissance", "Lannion"),
    ("f:menage[1].nationalite", "française"), ("f:menage[1].activite.statut", "salarie"), ("f:menage[1].activite.contrat", "cdd"),
    ("f:menage[1].activite.debut", "2026-05-01"), ("f:menage[1].activite.employeur", "Crêperie du Port"),
    ("f:menage[1].activite.employeur_adresse", "1 quai Armez, 22000 Saint-Brieuc"),
    ("f:logement.statut", "locataire-social"), ("f:logement.commune", "22278"), ("f:logement.loyer", "420"),
    ("f:logement.charges", "70"), ("f:logement.aide_logement", "260"), ("f:logement.bailleur.nom", "Office HLM Exemple"),
    ("f:logement.bailleur.adresse", "2 rue du Parc, 22000 Saint-Brieuc"),
    ("f:ressources[1].type", "salaire"), ("f:ressources[1].montant", "600"), ("f:ressources[1].personne", "Sophie"),
    ("f:charges[1].type", "energie"), ("f:charges[1].montant", "90"),
    ("f:patrimoine[1].type", "vehicule"), ("f:patrimoine[1].valeur", "1500"),
    ("f:dettes[1].creancier", "Banque Renouvelable"), ("f:dettes[1].adresse", "BP 12, 75000 Paris"),
    ("f:dettes[1].reference", "RC-778899"), ("f:dettes[1].nature", "credit-renouvelable"), ("f:dettes[1].restant_du", "1900"),
    ("f:dettes[1].mensualite", "75"), ("f:dettes[1].caution", "aucune"),
    ("f:comptes[1].banque", "Banque du compte courant"), ("f:comptes[1].type", "courant"), ("f:comptes[1].solde", "-120"),
    ("f:comptes[1].date", "2026-11-15"),
    ("f:situation.evenements[1].type", "separation"), ("f:situation.evenements[1].date", "2026-03-15"),
    ("f:situation.evenements[1].precision", "départ du conjoint"), ("f:situation.ressources_avant", "1500"),
    ("f:procedures[1].type", "saisie-compte"), ("f:procedures[1].creancier", "Banque Renouvelable"), ("f:procedures[1].date", "2026-10-02"),
    ("f:depots_anterieurs[1].date", "2019-05-06"), ("f:depots_anterieurs[1].issue", "plan mené à son terme"),
    ("f:suivi_social.structure", "CCAS de Saint-Brieuc"), ("f:suivi_social.referent", "M. Le Bihan"),
]

# Each kind of variant from the case page of the example (parent-separe): kind, fields, the column's name.
VARIANTS = [
    ("salaire-modifie", {"variante-montant": "900"}),
    ("heures", {"variante-heures-avant": "24", "variante-heures-apres": "35"}),
    ("perte-emploi", {"variante-montant": "800"}),
    ("loyer", {"variante-montant": "380"}),
    ("offre", {"variante-montant": "0", "variante-offre": "T3 Lamballe"}),
    ("aide", {"variante-montant": "840", "variante-creancier": "Office HLM Exemple"}),
    ("dette", {"variante-montant": "40", "variante-creancier": "Banque Renouvelable"}),
    ("dette-effacee", {"variante-montant": "0", "variante-creancier": "Banque du compte courant"}),
    ("regroupement", {"variante-montant": "2600", "regrouper": ["Banque Renouvelable", "Banque du compte courant"],
                      "variante-taux": "5", "variante-duree": "36", "variante-frais": "50"}),
    ("naissance", {"variante-prenom": "Lou"}),
    ("depart", {"variante-personne": "Tom"}),
]


def fill(d, name, value):
    """Types a value in the field `name`, adding its row first (the section's « Ajouter une ligne »)."""
    found = d.find_elements(By.NAME, name)
    if not found:
        section = re.match(r"f:(.+?)\[", name).group(1)
        before = len(d.find_elements(By.CSS_SELECTOR, f'[name^="f:{section}["]'))
        add = d.find_element(By.CSS_SELECTOR, f'button[name="ajouter"][value="{section}"]')
        d.execute_script("arguments[0].scrollIntoView({block: 'center'});", add)
        add.click()
        WebDriverWait(d, 10).until(lambda d: d.find_elements(By.NAME, name))
        check(len(d.find_elements(By.CSS_SELECTOR, f'[name^="f:{section}["]')) > before, f"ligne ajoutée : {section}")
        found = d.find_elements(By.NAME, name)
    e = found[0]
    if e.tag_name == "select":
        Select(e).select_by_value(value)
    else:
        e.clear()
        e.send_keys(value)


def main():
    os.makedirs(CAPTURES, exist_ok=True)
    work = tempfile.mkdtemp(prefix="equilibre-navigateur-")
    downloads = os.path.join(work, "telechargements")
    os.makedirs(downloads)
    port = free_port()
    env = dict(os.environ, EQUILIBRE_CONSEILLER="C. Martin")
    server = subprocess.Popen(
        [BINARY, "serveur", "--port", str(port), "--base", os.path.join(work, "base.sqlite")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    try:
        line = server.stdout.readline()
        check("http://127.0.0.1:" in line, f"le serveur annonce son adresse ({line.strip()})")
        base = f"http://127.0.0.1:{port}"
        scenario = open(SCENARIO, encoding="utf-8").read()

        # 1. With script: a case typed as text, the figures follow the typing.
        d = browser(downloads)
        try:
            d.get(base + "/dossiers/nouveau")
            area = d.find_element(By.ID, "scenario")
            area.clear()
            d.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", area, scenario)
            WebDriverWait(d, 10).until(lambda d: text(d, "reste_a_vivre") == "230,00 €")
            check(True, "les chiffres paraissent pendant la saisie (reste à vivre 230,00 €)")
            # 20 € less rent: 250,00 € to live on, without reloading the page.
            changed = scenario.replace("loyer: 420", "loyer: 400")
            d.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", area, changed)
            start = time.time()
            WebDriverWait(d, 10, poll_frequency=0.005).until(lambda d: text(d, "reste_a_vivre") == "250,00 €")
            print(f"mesure : frappe → chiffre à jour en {int((time.time() - start) * 1000)} ms (délai de saisie de 30 ms compris)")
            check(True, "le reste à vivre change pendant la saisie (250,00 €)")
            d.save_screenshot(os.path.join(CAPTURES, "nouveau-dossier.png"))
            accessibility(d, "nouveau dossier")
            d.find_element(By.CSS_SELECTOR, 'button[value="enregistrer"]').click()
            WebDriverWait(d, 10).until(lambda d: "/dossiers/EQ-" in d.current_url)
            check("EQ-" in d.current_url, f"dossier ouvert ({d.current_url.rsplit('/', 1)[-1]})")
            ref = d.current_url.rsplit("/", 1)[-1]
            # A variant, a contact and an objective from the page.
            d.find_element(By.ID, "variante-nom").send_keys("Reprise à temps plein")
            Select(d.find_element(By.ID, "variante-type")).select_by_value("salaire")
            d.find_element(By.ID, "variante-montant").send_keys("300")
            d.find_element(By.ID, "variante-nom").find_element(By.XPATH, "./ancestor::form").submit()
            WebDriverWait(d, 10).until(lambda d: "Reprise à temps plein" in d.page_source)
            # The benefits react to the 300 € of salary (issue 27): the page says what the household
            # keeps, and the variant's reste à vivre is 250 € plus that amount.
            page = d.page_source.replace("&nbsp;", " ").replace(NBSP, " ").replace("\u202f", " ")
            kept = re.search(r"Pour 300,00 € de ressources en plus par mois, le ménage garde ([\d ]+),(\d\d) €", page)
            check(kept is not None, "variante ajoutée : la phrase du gain net est affichée")
            if kept:
                cents = 25000 + int(kept.group(1).replace(" ", "")) * 100 + int(kept.group(2))
                expected = f"{cents // 100},{cents % 100:02d}"
                check(expected in page, f"variante ajoutée : reste à vivre 250 + {kept.group(1)},{kept.group(2)} = {expected} €")
            d.find_element(By.ID, "synthese").send_keys("Budget revu ensemble")
            d.find_element(By.ID, "synthese").find_element(By.XPATH, "./ancestor::form").submit()
            WebDriverWait(d, 10).until(lambda d: "Budget revu ensemble" in d.page_source)
            check(True, "contact ajouté")
            d.find_element(By.ID, "objectif").send_keys("Apurer la dette de loyer")
            d.find_element(By.ID, "objectif").find_element(By.XPATH, "./ancestor::form").submit()
            WebDriverWait(d, 10).until(lambda d: "Apurer la dette de loyer" in d.page_source)
            check(True, "objectif ajouté")
            # Each kind of variant, typed on the page; each column appears beside the base.
            for kind, fields in VARIANTS:
                name = f"Essai {kind}"
                d.find_element(By.ID, "variante-nom").send_keys(name)
                Select(d.find_element(By.ID, "variante-type")).select_by_value(kind)
                for field, value in fields.items():
                    if field == "regrouper":
                        for box in d.find_elements(By.CSS_SELECTOR, 'input[name="regrouper"]'):
                            if box.get_attribute("value") in value:
                                box.click()
                        continue
                    e = d.find_element(By.ID, field)
                    if e.tag_name == "select":
                        Select(e).select_by_value(value)
                    else:
                        e.send_keys(value)
                d.find_element(By.ID, "variante-nom").find_element(By.XPATH, "./ancestor::form").submit()
                WebDriverWait(d, 10).until(lambda d: f'<th scope="col">{name}</th>' in d.page_source or "erreur" in d.title.lower())
                check(f'<th scope="col">{name}</th>' in d.page_source, f"variante « {kind} » ajoutée depuis la page, sa colonne à côté de la base")
            page = d.page_source.replace("&nbsp;", " ").replace(NBSP, " ")
            check("Prêt de regroupement : mensualité 77,92 €, TAEG 6,49 %" in page, "regroupement : mensualité 77,92 € et TAEG 6,49 % affichés")
            # Renamed, moved up, then removed: still situation n° 1.
            d.find_element(By.ID, "renommer-3").clear()
            d.find_element(By.ID, "renommer-3").send_keys("Salaire à 900 €" + Keys.ENTER)
            WebDriverWait(d, 10).until(lambda d: '<th scope="col">Salaire à 900 €</th>' in d.page_source)
            check(True, "variante renommée par Entrée dans son champ")
            d.find_element(By.ID, "renommer-3").find_element(By.XPATH, "./ancestor::form").find_element(By.CSS_SELECTOR, 'button[value="monter"]').click()
            WebDriverWait(d, 10).until(lambda d: d.page_source.find('<th scope="col">Salaire à 900 €</th>') < d.page_source.find('<th scope="col">Reprise à temps plein</th>'))
            check(True, "variante montée d'un rang")
            d.find_element(By.ID, "renommer-2").find_element(By.XPATH, "./ancestor::form").find_element(By.CSS_SELECTOR, 'button[value="retirer"]').click()
            WebDriverWait(d, 10).until(lambda d: '<th scope="col">Salaire à 900 €</th>' not in d.page_source)
            check(True, "variante retirée, les autres gardées")
            # An ASLL opened from the page, for the policy's 6 months (issue 29).
            Select(d.find_element(By.ID, "mesure-type")).select_by_value("asll")
            d.find_element(By.ID, "mesure-prescripteur").send_keys("FSL 22" + Keys.ENTER)
            WebDriverWait(d, 10).until(lambda d: "M1 accompagnement social lié au logement (ASLL) : 6 mois" in d.page_source)
            check(d.find_elements(By.ID, "renouveler-M1"), "mesure ASLL ouverte depuis la page (6 mois de la politique), renouvelable")
            # An appointment today at 10:00 at home; held, it becomes a home-visit contact.
            today = time.strftime("%Y-%m-%d", time.gmtime())
            d.execute_script("document.getElementById('rdv-date').value = arguments[0]; document.getElementById('rdv-heure').value = '10:00';", today)
            Select(d.find_element(By.ID, "rdv-canal")).select_by_value("visite-domicile")
            d.find_element(By.ID, "rdv-objet").send_keys("Point sur le budget" + Keys.ENTER)
            WebDriverWait(d, 10).until(lambda d: d.find_elements(By.ID, "synthese-R1"))
            check("R1.ics" in d.page_source, "rendez-vous fixé depuis la page, téléchargeable en .ics")
            d.find_element(By.ID, "synthese-R1").send_keys("Budget revu à domicile" + Keys.ENTER)
            WebDriverWait(d, 10).until(lambda d: "tenu (contact C" in d.page_source)
            check("Budget revu à domicile" in d.page_source, "rendez-vous tenu : devenu un contact")
            d.save_screenshot(os.path.join(CAPTURES, "dossier.png"))
            accessibility(d, "dossier")
            # The PDF dossier, downloaded.
            Select(d.find_element(By.ID, "type-document")).select_by_value("dossier")
            Select(d.find_element(By.ID, "format-document")).select_by_value("pdf")
            d.find_element(By.ID, "type-document").find_element(By.XPATH, "./ancestor::form").submit()
            pdf = wait_file(downloads, ".pdf", 60)
            check(pdf is not None and open(pdf, "rb").read(4) == b"%PDF", "dossier PDF téléchargé")
            # The case exported.
            d.get(base + f"/dossiers/{ref}")
            d.find_element(By.LINK_TEXT, "Exporter tout le dossier (zip)").click()
            z = wait_file(downloads, ".zip", 30)
            check(z is not None and open(z, "rb").read(2) == b"PK", "dossier exporté (zip)")
            d.get(base + "/dossiers")
            d.save_screenshot(os.path.join(CAPTURES, "dossiers.png"))
            accessibility(d, "liste des dossiers")
            d.get(base + "/atelier/exemple/couple-trois-enfants-revolving")
            d.save_screenshot(os.path.join(CAPTURES, "atelier.png"))
            accessibility(d, "atelier")
            # The household form with script: figures as she types, a row added keeps the place
            # and puts the focus in the new row (issue 28).
            d.get(base + "/dossiers/nouveau/formulaire")
            d.find_element(By.NAME, "f:menage[1].prenom").send_keys("Lina")
            d.find_element(By.NAME, "f:menage[1].naissance").send_keys("1992-06-15")
            Select(d.find_element(By.NAME, "f:logement.statut")).select_by_value("locataire-prive")
            d.find_element(By.NAME, "f:logement.loyer").send_keys("500")
            WebDriverWait(d, 10).until(lambda d: text(d, "reste_a_vivre") == "-500,00 €")
            check(True, "formulaire : les chiffres paraissent pendant la saisie (reste à vivre -500,00 €)")
            add = d.find_element(By.CSS_SELECTOR, 'button[name="ajouter"][value="ressources"]')
            d.execute_script("arguments[0].scrollIntoView({block: 'center'});", add)
            scrolled = d.execute_script("return window.scrollY")
            add.click()
            WebDriverWait(d, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, 'select[name="f:ressources[1].type"]'))
            WebDriverWait(d, 5).until(lambda d: d.switch_to.active_element.get_attribute("name") == "f:ressources[1].type")
            y = d.execute_script("return window.scrollY")
            check(scrolled > 0 and abs(y - scrolled) < 200, f"formulaire : ligne ajoutée, la page reste à sa place ({scrolled} → {y} px) et le curseur est dans la nouvelle ligne")
            Select(d.switch_to.active_element).select_by_value("salaire")
            amount = d.find_element(By.NAME, "f:ressources[1].montant")
            amount.send_keys("90")
            start = time.time()
            amount.send_keys("0")
            WebDriverWait(d, 10, poll_frequency=0.005).until(lambda d: text(d, "reste_a_vivre") == "400,00 €")
            print(f"mesure : formulaire, frappe → chiffre à jour en {int((time.time() - start) * 1000)} ms (délai de saisie de 30 ms compris)")
            check(True, "formulaire : le reste à vivre suit la saisie (900 − 500 = 400,00 €)")
            accessibility(d, "formulaire du ménage")
            # A phone, 390 px wide: no page scrolls sideways, the menu included.
            d.set_window_size(390, 844)
            for path in ["/dossiers", f"/dossiers/{ref}", "/dossiers/nouveau/formulaire", "/atelier/exemple/parent-separe", "/atelier"]:
                d.get(base + path)
                width = d.execute_script("return document.documentElement.scrollWidth")
                inner = d.execute_script("return window.innerWidth")
                check(width <= inner, f"téléphone 390 px : {path} sans défilement horizontal ({width} ≤ {inner} px)")
            d.save_screenshot(os.path.join(CAPTURES, "telephone.png"))
            d.set_window_size(1400, 1000)
            d.get(base + "/dossiers/EQ-2026-99999")
            check("Page introuvable" in d.page_source and "Code 404" not in d.page_source, "page d'erreur en français")
            accessibility(d, "page d'erreur")
        finally:
            d.quit()

        # 2. Without script: a new case is empty; typed in the form, a row added (what was typed
        # stays), figures by « Recalculer », then Enter in a field opens the case (issue 28).
        d = browser(downloads, script=False)
        try:
            d.get(base + "/dossiers/nouveau/formulaire")
            check("Camille" not in d.page_source and "Banque Exemple" not in d.page_source, "nouveau dossier vide, sans ménage fictif")
            d.find_element(By.NAME, "f:menage[1].prenom").send_keys("Nadia")
            d.find_element(By.NAME, "f:menage[1].naissance").send_keys("1985-03-02")
            Select(d.find_element(By.NAME, "f:logement.statut")).select_by_value("locataire-prive")
            d.find_element(By.NAME, "f:logement.loyer").send_keys("500")
            d.find_element(By.CSS_SELECTOR, 'button[name="ajouter"][value="ressources"]').click()
            WebDriverWait(d, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, 'select[name^="f:ressources["][name$="].type"]'))
            rows = d.find_elements(By.CSS_SELECTOR, 'select[name^="f:ressources["][name$="].type"]')
            check(len(rows) == 1 and d.find_element(By.NAME, "f:menage[1].prenom").get_attribute("value") == "Nadia",
                  "ligne de ressource ajoutée sans script, la saisie gardée")
            last = rows[-1].get_attribute("name").replace(".type", "")
            Select(rows[-1]).select_by_value("salaire")
            d.find_element(By.NAME, last + ".montant").send_keys("900")
            d.find_element(By.CSS_SELECTOR, 'button[value="calculer"]').click()
            WebDriverWait(d, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-cle="reste_a_vivre"]'))
            check(text(d, "reste_a_vivre") == "400,00 €", "chiffres recalculés par le serveur, sans script (900 − 500 = 400,00 €)")
            d.save_screenshot(os.path.join(CAPTURES, "formulaire.png"))
            accessibility(d, "formulaire du ménage, sans script", axe=False)
            # Enter in the first person's name: the case opens, the person is still there.
            d.find_element(By.NAME, "f:menage[1].prenom").send_keys(Keys.ENTER)
            WebDriverWait(d, 10).until(lambda d: "/dossiers/EQ-" in d.current_url)
            check("Nadia" in d.page_source, "Entrée dans un champ : dossier ouvert depuis le formulaire, sans script, la personne gardée")
            accessibility(d, "dossier ouvert sans script", axe=False)
        finally:
            d.quit()

        # 3. Every filing section typed with script, rows added by their buttons; Enter in every
        # field then saves the same household; the filing draft asks for nothing left.
        d = browser(downloads)
        try:
            d.get(base + "/dossiers/nouveau/formulaire")
            for name, value in FILING:
                fill(d, name, value)
            check(True, f"formulaire : {len(FILING)} champs de toutes les rubriques saisis au clavier")
            accessibility(d, "formulaire du ménage rempli")
            d.find_element(By.NAME, "f:suivi_social.referent").send_keys(Keys.ENTER)
            WebDriverWait(d, 10).until(lambda d: re.search(r"/dossiers/EQ-\d{4}-\d{5}$", d.current_url))
            case = d.current_url.rsplit("/", 1)[-1]
            check("Kerleau" in d.page_source or "Sophie" in d.page_source, f"dossier {case} ouvert par Entrée")
            # Enter in every field of the form: each saves a version, nothing removed, nothing changed.
            d.get(base + f"/dossiers/{case}/formulaire")
            names = [e.get_attribute("name") for e in d.find_elements(By.CSS_SELECTOR, 'input[name^="f:"]:not([type="checkbox"]):not([type="hidden"])')]
            for name in names:
                d.get(base + f"/dossiers/{case}/formulaire")
                before = sorted((e.get_attribute("name"), e.get_attribute("value")) for e in d.find_elements(By.CSS_SELECTOR, '[name^="f:"]'))
                d.find_element(By.NAME, name).send_keys(Keys.ENTER)
                WebDriverWait(d, 10).until(lambda d: d.current_url.endswith(f"/dossiers/{case}"))
                d.get(base + f"/dossiers/{case}/formulaire")
                after = sorted((e.get_attribute("name"), e.get_attribute("value")) for e in d.find_elements(By.CSS_SELECTOR, '[name^="f:"]'))
                if after != before:
                    check(False, f"Entrée dans {name} : le formulaire a changé ({set(before) ^ set(after)})")
            check(len(names) >= 40, f"Entrée dans chacun des {len(names)} champs : enregistre, rien de retiré ni de changé")
            # The filing draft, downloaded: nothing « à compléter » but the banner that explains it.
            d.get(base + f"/dossiers/{case}")
            Select(d.find_element(By.ID, "type-document")).select_by_value("surendettement")
            Select(d.find_element(By.ID, "format-document")).select_by_value("html")
            for old in os.listdir(downloads):
                os.remove(os.path.join(downloads, old))
            d.find_element(By.ID, "type-document").find_element(By.XPATH, "./ancestor::form").submit()
            draft = wait_file(downloads, ".html", 60)
            html = open(draft, encoding="utf-8").read() if draft else ""
            left = html.count('class="manque"')
            check(draft is not None and left == 1, f"brouillon de déclaration : aucune case « à compléter » après un formulaire complet ({left - 1} restante(s))")
            check("ma séparation, en mars 2026," in html.replace("&#39;", "'"), "la lettre à la commission date la séparation (mars 2026)")
            # Three months of bank statements: pieces of the case, then the review, line by line.
            root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
            statements = [os.path.join(root, "Scenarios", f"releve-exemple-2026-0{m}.csv") for m in (1, 2, 3)]
            d.get(base + f"/dossiers/{case}/releves")
            accessibility(d, "importer des relevés")
            d.find_element(By.ID, "releves-fichiers").send_keys("\n".join(statements))
            d.find_element(By.ID, "releves-fichiers").find_element(By.XPATH, "./ancestor::form").submit()
            WebDriverWait(d, 15).until(lambda d: "/releves/revue" in d.current_url)
            rows = d.find_elements(By.CSS_SELECTOR, "table.revue tbody tr")
            check(len(rows) >= 5 and "Cofinoga" in d.page_source, f"relevés lus : {len(rows)} lignes proposées, dont le crédit Cofinoga")
            accessibility(d, "relecture des relevés")
            d.save_screenshot(os.path.join(CAPTURES, "releves-revue.png"))
            # Saving with Cofinoga's amount still owed left blank: refused beside its row.
            press(d, "#enregistrer-revue")
            WebDriverWait(d, 10).until(lambda d: "restant dû à demander au créancier" in d.page_source)
            check("/releves/revue" in d.current_url, "restant dû laissé vide : refusé à côté de sa ligne, rien n'est enregistré")
            accessibility(d, "relecture des relevés, avec erreurs")
            for due in d.find_elements(By.CSS_SELECTOR, "input[name^='r.']"):
                due.clear()
                due.send_keys("1 850,40")
            press(d, "#enregistrer-revue")
            WebDriverWait(d, 10).until(lambda d: d.current_url.endswith(f"/dossiers/{case}"))
            d.get(base + f"/dossiers/{case}/journal")
            check("Cofinoga" in d.page_source, "relevés relus : nouvelle situation enregistrée, la dette Cofinoga au journal")
            # The other pages of the workspace, each through axe-core.
            for path, page in [(f"/dossiers/{case}", "dossier rempli"), (f"/dossiers/{case}/formulaire", "formulaire d'un dossier"),
                               (f"/dossiers/{case}/journal", "journal du dossier"), ("/importer", "importer"), ("/atelier", "accueil de l'atelier"), ("/atelier/pas-a-pas", "atelier pas à pas"),
                               ("/parametres?date=2026-04-01", "paramètres légaux"), ("/parametres?date=demain", "paramètres légaux, date invalide")]:
                d.get(base + path)
                accessibility(d, page)
        finally:
            d.quit()
    finally:
        server.terminate()
        try:
            out, _ = server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            out = ""
        check(server.returncode == 0, "arrêt propre du serveur sur SIGTERM")
        check("Traceback" not in (out or "") and "Fatal error" not in (out or ""), "aucune trace technique dans le journal du serveur")
    six_months_asll()
    print(f"mesure : axe-core, {len(AXE_PAGES)} pages, {sum(b for _, _, b in AXE_PAGES)} violation WCAG A/AA : "
          + ", ".join(f"{p} ({n} règles)" for p, n, _ in AXE_PAGES))


# Six months of an ASLL, one server per month (EQUILIBRE_AUJOURDHUI sets the workspace's day):
# the dates are those of the follow-up, as the counsellor lived it.
MONTHS = ["2026-05-04", "2026-06-03", "2026-07-03", "2026-08-04", "2026-09-03", "2026-10-05", "2026-11-03"]


def start_server(work, port, day):
    env = dict(os.environ, EQUILIBRE_CONSEILLER="C. Martin", EQUILIBRE_AUJOURDHUI=day)
    server = subprocess.Popen(
        [BINARY, "serveur", "--port", str(port), "--base", os.path.join(work, "base.sqlite")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    line = server.stdout.readline()
    check("http://127.0.0.1:" in line, f"{day} : le serveur du mois démarre")
    return server


def stop_server(server):
    server.terminate()
    out, _ = server.communicate(timeout=10)
    check(server.returncode == 0 and "Fatal error" not in (out or ""), "arrêt propre du serveur du mois")


def submit(d, element_id, value=None):
    e = d.find_element(By.ID, element_id)
    if value is not None:
        e.clear()
        e.send_keys(value)
    e.find_element(By.XPATH, "./ancestor::form").submit()


def press(d, css):
    b = d.find_element(By.CSS_SELECTOR, css)
    d.execute_script("arguments[0].scrollIntoView({block: 'center'});", b)
    b.click()


def six_months_asll():
    """An ASLL played month by month in the browser: the measure, three objectives with actions,
    an appointment each month held as a visit with a new situation, an FSL request refused then
    filed again and granted, two pieces that tick the checklist, a renewal, the closing; then the
    report counts exactly that case, and its CSV holds the same numbers."""
    work = tempfile.mkdtemp(prefix="equilibre-asll-")
    downloads = os.path.join(work, "telechargements")
    os.makedirs(downloads)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    pdf = os.path.join(work, "avis-imposition.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n")
    png = os.path.join(work, "quittance.png")
    with open(png, "wb") as f:
        # A 1×1 white PNG.
        f.write(bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b80000000049454e44ae426082"))
    scenario = open(SCENARIO, encoding="utf-8").read()
    rent = 420
    d = browser(downloads)
    try:
        for k, day in enumerate(MONTHS):
            server = start_server(work, port, day)
            try:
                if k == 0:
                    d.get(base + "/dossiers/nouveau")
                    area = d.find_element(By.ID, "scenario")
                    d.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", area,
                                     scenario.replace("date: 2026-11-01", f"date: {day}"))
                    press(d, 'button[value="enregistrer"]')
                    WebDriverWait(d, 10).until(lambda d: re.search(r"/dossiers/EQ-\d{4}-\d{5}$", d.current_url))
                    case = d.current_url.rsplit("/", 1)[-1]
                    Select(d.find_element(By.ID, "mesure-type")).select_by_value("asll")
                    submit(d, "mesure-prescripteur", "FSL 22")
                    WebDriverWait(d, 10).until(lambda d: "M1 accompagnement social lié au logement (ASLL) : 6 mois" in d.page_source)
                    for wording, theme, action, who in [("Tenir un budget mensuel", "budget", "Remplir le cahier de comptes", "menage"),
                                                        ("Apurer la dette de loyer", "logement", "Monter la demande FSL", "conseiller"),
                                                        ("Ouvrir les droits à la prime d'activité", "droits", "Rendez-vous CAF", "partenaire")]:
                        Select(d.find_element(By.ID, "theme")).select_by_value(theme)
                        submit(d, "objectif", wording)
                        WebDriverWait(d, 10).until(lambda d: wording.replace("'", "&#39;") in d.page_source or wording in d.page_source)
                        n = len(d.find_elements(By.CSS_SELECTOR, "ul.objectifs > li"))
                        Select(d.find_element(By.ID, f"qui-O{n}")).select_by_value(who)
                        submit(d, f"action-O{n}", action)
                        WebDriverWait(d, 10).until(lambda d: f"O{n}.1 {action}" in d.page_source)
                    check(True, "ASLL ouverte, trois objectifs avec chacun une action (ménage, conseiller, partenaire)")
                    Select(d.find_element(By.ID, "aide-organisme")).select_by_value("fsl")
                    Select(d.find_element(By.ID, "aide-nature")).select_by_value("prise-en-charge-impayes")
                    submit(d, "aide-montant", "850")
                    WebDriverWait(d, 10).until(lambda d: "A1 FSL, prise en charge d" in d.page_source)
                    # Two pieces, each linked to its line of the checklist.
                    for path, line in [(pdf, "Dernier avis d'imposition"), (png, "Bail et dernière quittance de loyer")]:
                        d.find_element(By.ID, "piece-fichier").send_keys(path)
                        Select(d.find_element(By.ID, "piece-ligne")).select_by_value(line)
                        press(d, "#piece-date ~ button")
                        WebDriverWait(d, 10).until(lambda d: d.page_source.count("✔ reçue") >= (1 if path == pdf else 2))
                    check(d.page_source.count("✔ reçue") == 2, "deux pièces reçues : deux lignes de la liste cochées")
                    d.get(base + f"/dossiers/{case}/pieces/D1")
                    check(d.execute_script("return document.contentType") == "application/pdf", "la pièce PDF s'ouvre dans le navigateur")
                    d.get(base + f"/dossiers/{case}")
                else:
                    d.get(base + f"/dossiers/{case}")
                    # Last month's appointment, held: a home visit.
                    rid = f"R{k}"
                    submit(d, f"synthese-{rid}", f"Visite du mois {k} : budget revu")
                    WebDriverWait(d, 10).until(lambda d: f"Visite du mois {k} : budget revu" in d.page_source)
                    # A new situation version: the rent goes up by 5 € each month.
                    rent += 5
                    d.execute_script("document.querySelector('details.edition-experte').open = true;")
                    area = d.find_element(By.ID, "scenario")
                    text = area.get_attribute("value")
                    text = re.sub(r"^date: .*$", f"date: {day}", text, count=1, flags=re.M)
                    text = re.sub(r"loyer: \d+", f"loyer: {rent}", text, count=1)
                    d.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", area, text)
                    press(d, 'button[value="enregistrer"]')
                    WebDriverWait(d, 10).until(lambda d: d.current_url.endswith(case))
                if k == 1:
                    Select(d.find_element(By.ID, "decision-A1")).select_by_value("refuse")
                    press(d, 'button[value="decider"]')
                    WebDriverWait(d, 10).until(lambda d: "refusé le" in d.page_source)
                    Select(d.find_element(By.ID, "aide-organisme")).select_by_value("fsl")
                    Select(d.find_element(By.ID, "aide-nature")).select_by_value("pret")
                    d.find_element(By.ID, "aide-precedente").send_keys("A1")
                    submit(d, "aide-montant", "850")
                    WebDriverWait(d, 10).until(lambda d: "(nouvelle demande après A1)" in d.page_source)
                    check(True, "FSL refusé, puis redéposé en prêt")
                if k == 2:
                    Select(d.find_element(By.ID, "decision-A2")).select_by_value("accorde")
                    d.find_element(By.ID, "accorde-A2").send_keys("850")
                    d.find_element(By.ID, "mensualite-A2").send_keys("50")
                    d.find_element(By.ID, "mois-A2").send_keys("17")
                    press(d, 'button[value="decider"]')
                    WebDriverWait(d, 10).until(lambda d: "remboursement 50,00" in d.page_source)
                    check(True, "FSL accordé : 850 €, remboursé 50 € par mois pendant 17 mois")
                if k == 5:
                    press(d, 'button[value="renouveler"]')
                    WebDriverWait(d, 10).until(lambda d: "6 + 3 mois" in d.page_source)
                    check(True, "ASLL renouvelée de 3 mois (accord de la commission)")
                if k < len(MONTHS) - 1:
                    nxt = MONTHS[k + 1]
                    d.execute_script("document.getElementById('rdv-date').value = arguments[0]; document.getElementById('rdv-heure').value = '10:00';", nxt)
                    Select(d.find_element(By.ID, "rdv-canal")).select_by_value("visite-domicile")
                    submit(d, "rdv-objet", f"Visite de {nxt[:7]}")
                    WebDriverWait(d, 10).until(lambda d: f"Visite de {nxt[:7]}" in d.page_source)
                    if k == 0:
                        d.get(base + f"/agenda?semaine={nxt}")
                        check(f"Visite de {nxt[:7]}" in d.page_source, "l'agenda de la semaine montre le prochain rendez-vous")
                        accessibility(d, "agenda")
                        d.get(base + f"/dossiers/{case}")
                else:
                    for o in ["O1", "O2", "O3"]:
                        Select(d.find_element(By.ID, f"statut-{o}")).select_by_value("atteint" if o != "O3" else "partiellement-atteint")
                        submit(d, f"bilan-{o}", "bilan de fin de mesure")
                        WebDriverWait(d, 10).until(lambda d: d.current_url.endswith("#t-suivi") or d.current_url.endswith(case))
                    d.save_screenshot(os.path.join(CAPTURES, "accompagnement.png"))
                    accessibility(d, "dossier accompagné six mois")
                    Select(d.find_element(By.ID, "etat-motif")).select_by_value("objectifs-atteints")
                    press(d, 'form[action$="/etat"] button[value="clore"]')
                    WebDriverWait(d, 10).until(lambda d: "État du dossier : clos" in d.page_source)
                    check(True, "dossier clos : objectifs atteints")
                    d.get(base + "/rapport?du=2026-01-01&au=2026-12-31")
                    def cell(key):
                        return d.find_element(By.CSS_SELECTOR, f'[data-chiffre="{key}"]').text
                    check((cell("suivis"), cell("entres"), cell("sortis")) == ("1", "1", "1"), "rapport : 1 ménage suivi, entré et sorti")
                    page = d.page_source.replace("&nbsp;", " ").replace(NBSP, " ")
                    check("<td>refusé</td>" in page and "<td>accordé</td>" in page and "850,00 €" in page, "rapport : FSL refusé puis accordé (850,00 €)")
                    check(cell("duree") == "183 jours", f"rapport : durée de l'accompagnement {cell('duree')}")
                    d.save_screenshot(os.path.join(CAPTURES, "rapport.png"))
                    accessibility(d, "rapport d'activité")
                    d.find_element(By.PARTIAL_LINK_TEXT, "Télécharger en CSV").click()
                    csv = wait_file(downloads, ".csv", 30)
                    data = open(csv, "rb").read() if csv else b""
                    text = data.decode("utf-8-sig")
                    check(data.startswith(b"\xef\xbb\xbf") and "tous les ménages;1;1;1\r\n" in text, "CSV : UTF-8 avec BOM, les mêmes nombres (1 ; 1 ; 1)")
                    check("FSL;accordé;1;850,00;850,00\r\n" in text and "FSL;refusé;1;850,00;0,00\r\n" in text, "CSV : aides FSL, virgule décimale")
                    check("dossiers clos dans la période;1;183\r\n" in text, "CSV : durée moyenne 183 jours")
                    check(re.search(r"logement;0;0;1;0;0;0;1\r\n", text) is not None, "CSV : objectif logement atteint")
            finally:
                stop_server(server)
    finally:
        d.quit()


if __name__ == "__main__":
    if os.environ.get("EQUILIBRE_NAVIGATEUR_PARTIE") == "asll":
        # Only the six months of an ASLL (while working on it).
        six_months_asll()
    else:
        main()
