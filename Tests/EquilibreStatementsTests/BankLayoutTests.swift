import EquilibreCore
import Testing

@testable import EquilibreStatements

/// Text as a Windows-1252 export writes it (Latin-1 letters as one byte, « € » as 0x80).
func cp1252(_ s: String) -> [UInt8] {
  s.unicodeScalars.map { u in
    if u == "€" { return 0x80 }
    if u == "’" { return 0x92 }
    precondition(u.value < 0x100, "pas en Windows-1252 : \(u)")
    return UInt8(u.value)
  }
}

func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

/// What a test expects of a line: date, amount in cents, label.
func summary(_ s: Statement) -> [String] { s.lines.map { "\($0.date) \($0.cents) \($0.label)" } }

@Suite("Relevés CSV : la mise en page de chaque groupe bancaire, lue au centime et à la ligne près")
struct BankLayoutTests {
  @Test("Les mises en page livrées se lisent, chacune avec sa source")
  func shipped() {
    let ids = StatementLayout.shipped.map(\.id)
    #expect(
      ids == [
        "credit-agricole", "bnp-paribas", "societe-generale", "banque-postale", "bpce", "credit-mutuel-cic", "boursobank", "revolut",
      ])
    for l in StatementLayout.shipped {
      #expect(!l.source.isEmpty && !l.bank.isEmpty, "\(l.id)")
      #expect(l.source.contains("non vérifié"), "\(l.id) : une mise en page observée le dit")
    }
  }

  @Test("Crédit Agricole : dix lignes d'en-tête, Windows-1252, débit et crédit, libellé sur deux lignes, milliers espacés")
  func creditAgricole() throws {
    let text = """
      Téléchargement du 02/04/2026;
      ;
      M. ET MME DUPONT JEAN;
      Compte de Dépôt carte;N° 12345678901;
      Solde au 31/03/2026 1 234,56 €;
      ;
      Liste des opérations du compte entre le 01/01/2026 et le 31/03/2026;
      ;
      ;
      Date;Libellé;Débit euros;Crédit euros;
      05/01/2026;"PRLV SEPA EDF CLIENTS PARTICULIERS
      REF 123456";84,20;;
      06/01/2026;VIREMENT EN VOTRE FAVEUR SALAIRE JANVIER;;1 854,32;
      08/01/2026;CARTE X1234 07/01 CARREFOUR;56,70;;

      """
    let s = try StatementReader.read(bytes: cp1252(text), file: "ca.csv")
    #expect(s.layout?.id == "credit-agricole")
    #expect(s.encoding == "windows-1252")
    #expect(s.account == "N° 12345678901")
    #expect(
      summary(s) == [
        "2026-01-05 -8420 PRLV SEPA EDF CLIENTS PARTICULIERS REF 123456",
        "2026-01-06 185432 VIREMENT EN VOTRE FAVEUR SALAIRE JANVIER",
        "2026-01-08 -5670 CARTE X1234 07/01 CARREFOUR",
      ])
    // The record after the two-line label starts on line 13.
    #expect(s.lines.map(\.line) == [11, 13, 14])
    // The same export saved again in UTF-8 (by a spreadsheet): same layout, same lines.
    let resaved = try StatementReader.read(bytes: Array(text.utf8), file: "ca-utf8.csv")
    #expect(resaved.layout?.id == "credit-agricole" && resaved.encoding == "utf-8" && resaved.lines == s.lines)
  }

  @Test("BNP Paribas : une ligne de compte, libellé et libellé court, montant signé")
  func bnp() throws {
    let text = """
      Compte de chèques;****1234;Solde au 31/03/2026;1 020,00
      Date operation;Libelle court;Type operation;Libelle operation;Montant operation en euro
      03/02/2026;PRLV SEPA;Prélèvement;PRLV SEPA COFIDIS ECH 12/24;-120,50
      04/02/2026;VIR SEPA RECU;Virement;VIR SEPA RECU /DE CAF DE LA GIRONDE /MOTIF PRESTATIONS;412,08

      """
    let s = try StatementReader.read(bytes: cp1252(text), file: "bnp.csv")
    #expect(s.layout?.id == "bnp-paribas")
    #expect(
      summary(s) == [
        "2026-02-03 -12050 PRLV SEPA COFIDIS ECH 12/24",
        "2026-02-04 41208 VIR SEPA RECU /DE CAF DE LA GIRONDE /MOTIF PRESTATIONS",
      ])
  }

  @Test("Société Générale : compte en cellule =\"…\", ligne vide, montant signé et devise")
  func societeGenerale() throws {
    let text = """
      ="00012345678";01/01/2026;31/03/2026;
      ;;;
      Date de l'opération;Libellé;Détail de l'écriture;Montant de l'opération;Devise
      02/03/2026;FRAIS REJET PRLV;FRAIS REJET PRLV 14/02;-20,00;EUR
      03/03/2026;COMMISSION D'INTERVENTION;COMMISSION D'INTERVENTION;-8,00;EUR

      """
    let s = try StatementReader.read(bytes: cp1252(text), file: "sg.csv")
    #expect(s.layout?.id == "societe-generale")
    #expect(s.account == "00012345678")
    #expect(summary(s) == ["2026-03-02 -2000 FRAIS REJET PRLV 14/02", "2026-03-03 -800 COMMISSION D'INTERVENTION"])
    #expect(s.lines.map(\.line) == [4, 5])
  }

  @Test("La Banque Postale : six lignes d'informations, Montant(EUROS)")
  func banquePostale() throws {
    let text = """
      Numéro Compte   ;0123456X020
      Type   ;CCP
      Compte tenu en   ;euros
      Date   ;31/03/2026
      Solde (EUROS)   ;245,10
      Solde (FRANCS)   ;0

      Date;Libellé;Montant(EUROS)
      10/03/2026;"PRELEVEMENT DE FREE MOBILE";-19,99
      12/03/2026;"VIREMENT DE FRANCE TRAVAIL";1 102,40

      """
    let s = try StatementReader.read(bytes: cp1252(text), file: "lbp.csv")
    #expect(s.layout?.id == "banque-postale")
    #expect(s.account == "0123456X020")
    #expect(summary(s) == ["2026-03-10 -1999 PRELEVEMENT DE FREE MOBILE", "2026-03-12 110240 VIREMENT DE FRANCE TRAVAIL"])
  }

  @Test("Caisse d'Épargne / Banque Populaire : débit écrit négatif, année sur deux chiffres, € en 0x80")
  func bpce() throws {
    let text = """
      Date de comptabilisation;Libelle simplifie;Libelle operation;Reference;Informations complementaires;Type operation;Categorie;Sous categorie;Debit;Credit;Date operation;Date de valeur;Pointage operation
      15/01/26;ECHEANCE PRET;ECHEANCE PRET 0001234;REF1;;Prélèvement;Crédits;Prêt;-250,00;;15/01/26;15/01/26;0
      16/01/26;VIR CPAM;VIR CPAM INDEMNITES;REF2;IJ 01/26 €;Virement;Santé;;;312,45;16/01/26;16/01/26;0

      """
    let s = try StatementReader.read(bytes: cp1252(text), file: "ce.csv")
    #expect(s.layout?.id == "bpce")
    #expect(summary(s) == ["2026-01-15 -25000 ECHEANCE PRET 0001234", "2026-01-16 31245 VIR CPAM INDEMNITES IJ 01/26 €"])
  }

  @Test("Crédit Mutuel / CIC : débit et crédit, ou montant signé, selon l'export")
  func creditMutuel() throws {
    let split = """
      Date;Date de valeur;Débit;Crédit;Libellé;Solde
      02/02/2026;02/02/2026;-45,90;;PRLV SEPA ORANGE SA;1 200,00
      05/02/2026;05/02/2026;;1 520,00;VIR SALAIRE ACME;2 720,00

      """
    let signed = """
      Date;Date de valeur;Montant;Libellé;Solde
      02/02/2026;02/02/2026;-45,90;PRLV SEPA ORANGE SA;1 200,00
      05/02/2026;05/02/2026;1520;VIR SALAIRE ACME;2 720,00

      """
    for text in [split, signed] {
      let s = try StatementReader.read(bytes: cp1252(text), file: "cm.csv")
      #expect(s.layout?.id == "credit-mutuel-cic")
      #expect(summary(s) == ["2026-02-02 -4590 PRLV SEPA ORANGE SA", "2026-02-05 152000 VIR SALAIRE ACME"])
    }
  }

  @Test("BoursoBank : UTF-8 avec BOM, dates ISO, numéro de compte par ligne")
  func boursobank() throws {
    let text = """
      dateOp;dateVal;label;category;categoryParent;supplierFound;amount;comment;accountNum;accountLabel;accountbalance
      2026-03-01;2026-03-01;"PRLV SEPA FLOA";"Crédits";"Banque";"floa";-33,25;;00040123456;"BoursoBank";"1 234,00"
      2026-03-02;2026-03-02;"CARTE 01/03/26 WINAMAX";"Jeux";"Loisirs";"winamax";-50,00;;00040123456;"BoursoBank";"1 184,00"

      """
    let s = try StatementReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), file: "bourso.csv")
    #expect(s.layout?.id == "boursobank")
    #expect(s.account == "00040123456")
    #expect(summary(s) == ["2026-03-01 -3325 PRLV SEPA FLOA", "2026-03-02 -5000 CARTE 01/03/26 WINAMAX"])
  }

  @Test("Revolut : virgule comme séparateur, point décimal, frais déduits, opérations annulées mises de côté")
  func revolut() throws {
    let text = """
      Type,Produit,Date de début,Date de fin,Description,Montant,Frais,Devise,État,Solde
      CARD_PAYMENT,Actuel,2026-03-03 12:01:44,2026-03-04 09:00:00,Lidl,-23.40,0.00,EUR,TERMINÉ,176.60
      TRANSFER,Actuel,2026-03-05 08:00:00,2026-03-05 08:00:00,Paiement de M. Dupont,200.00,0.50,EUR,TERMINÉ,376.10
      CARD_PAYMENT,Actuel,2026-03-06 19:00:00,,Amazon,-12.00,0.00,EUR,ANNULÉ,376.10

      """
    let s = try StatementReader.read(bytes: Array(text.utf8), file: "revolut.csv")
    #expect(s.layout?.id == "revolut")
    #expect(summary(s) == ["2026-03-03 -2340 Lidl", "2026-03-05 19950 Paiement de M. Dupont"])
    #expect(s.setAside.map(\.line) == [4])
  }

  @Test("Mise en page inconnue : devinée (séparateur, encodage, dates, décimales, colonnes) et dite comme telle")
  func guessed() throws {
    let text = """
      Relevé de compte	Banque Exemple
      Date comptable	Date valeur	Intitulé	Montant
      2026-01-04	2026-01-04	ABONNEMENT BOX SFR	-29.99
      2026-01-05	2026-01-05	ALLOCATION CAF	210.50

      """
    let s = try StatementReader.read(bytes: Array(text.utf8), file: "autre.tsv")
    let layout = try #require(s.layout)
    #expect(layout.guessed && layout.id == "devinee")
    #expect(layout.separator == "\t" && layout.dateFormat == .yearMonthDay && !layout.decimalComma)
    #expect(layout.french.contains("tabulation"))
    #expect(summary(s) == ["2026-01-04 -2999 ABONNEMENT BOX SFR", "2026-01-05 21050 ALLOCATION CAF"])
  }

  @Test("Une mise en page de la structure s'ajoute sans nouvelle version ; une fautive est refusée avec sa ligne")
  func structureLayout() throws {
    let ok = """
      banque: Banque Exemple
      source: "export fourni par un ménage, mars 2026"
      separateur: "|"
      encodage: utf-8
      format_date: jj/mm/aaaa
      virgule_decimale: oui
      colonnes:
        date: ["Jour"]
        libelle: ["Opération"]
        montant: ["Somme"]
      """
    let layout = try StatementLayout.parse(ok, id: "exemple", file: "exemple.yaml")
    let s = try StatementReader.read(
      bytes: Array("Jour|Opération|Somme\n01/02/2026|LOYER OPH|-412,00\n".utf8), file: "x.csv",
      layouts: StatementLayout.shipped + [layout])
    #expect(s.layout?.id == "exemple" && summary(s) == ["2026-02-01 -41200 LOYER OPH"])
    let bad = ok.replacingOccurrences(of: "utf-8", with: "utf8x").replacingOccurrences(of: "  montant: [\"Somme\"]", with: "")
    #expect(throws: Diagnostics.self) { try StatementLayout.parse(bad, id: "x", file: "x.yaml") }
    do {
      _ = try StatementLayout.parse(bad, id: "x", file: "x.yaml")
    } catch {
      let d = error.description
      #expect(d.contains("x.yaml:4:") && d.contains("utf8x"))
      #expect(d.contains("il faut une colonne « montant »"))
    }
  }
}
