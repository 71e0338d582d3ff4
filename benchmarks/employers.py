"""Employers of a Montréal/Québec/Toronto network, with the sector each one is meant to be in.

Employer names are not personal data, so most of the pool is real, well-known employers; the rest
are invented small firms whose names carry a sector hint ("Boulangerie Saint-Denis"). Each real
employer lists the spellings people type in their profile ("Banque Nationale", "National Bank of
Canada"), the first being the usual one, so imports meet the variety of a real export.

Sector names follow LinkedIn's industry labels. `SECTOR_FUNCTIONS` says which job functions an
employer of that sector mostly hires; the generator mixes in company-wide functions (HR, finance,
IT...) for the rest. The data is written as ` ; `-separated tables (an indented line continues the
previous one) so it stays one line per employer and easy to review.
"""

from __future__ import annotations


def _table(text: str) -> list[list[str]]:
    rows: list[str] = []
    for line in text.strip("\n").splitlines():
        if line.startswith(" ") and rows:
            rows[-1] += ("" if rows[-1].endswith("|") else " ") + line.strip()
        elif line.strip():
            rows.append(line.strip())
    return [[cell.strip() for cell in row.split(" ; ")] for row in rows]


# spellings ("|"-separated, usual one first) ; sector ; language (fr, en, bi) ; weight
_EMPLOYERS = """
Desjardins|Mouvement Desjardins|Desjardins Group|Caisse Desjardins ; Banking ; fr ; 9
Banque Nationale|Banque Nationale du Canada|National Bank of Canada ; Banking ; fr ; 6
RBC|RBC Royal Bank|Royal Bank of Canada|RBC Banque Royale ; Banking ; en ; 5
TD|TD Bank Group|Groupe Banque TD ; Banking ; en ; 4
BMO|BMO Financial Group|BMO Groupe financier ; Banking ; en ; 3
Scotiabank|Banque Scotia ; Banking ; en ; 3
CIBC ; Banking ; en ; 2.5
Hydro-Québec ; Utilities ; fr ; 6
Bell|Bell Canada ; Telecommunications ; bi ; 5
Vidéotron ; Telecommunications ; fr ; 3
TELUS|Telus ; Telecommunications ; bi ; 2.5
Rogers Communications|Rogers ; Telecommunications ; en ; 2
CGI ; IT Services and IT Consulting ; bi ; 6
Ubisoft|Ubisoft Montréal ; Computer Games ; bi ; 4
Behaviour Interactive|Behaviour Interactif ; Computer Games ; bi ; 1.5
Shopify ; Software Development ; en ; 3
Coveo ; Software Development ; bi ; 2
Lightspeed Commerce|Lightspeed ; Software Development ; bi ; 2
CAE ; Aviation and Aerospace Component Manufacturing ; bi ; 3
Bombardier ; Aviation and Aerospace Component Manufacturing ; bi ; 3
Pratt & Whitney Canada|P&WC ; Aviation and Aerospace Component Manufacturing ; bi ; 2
Alstom ; Railroad Equipment Manufacturing ; bi ; 1.5
McGill University|Université McGill ; Higher Education ; en ; 4
Université de Montréal ; Higher Education ; fr ; 4
Université Laval ; Higher Education ; fr ; 3
Concordia University|Université Concordia ; Higher Education ; en ; 2
UQAM|Université du Québec à Montréal ; Higher Education ; fr ; 2
HEC Montréal ; Higher Education ; fr ; 2
Polytechnique Montréal ; Higher Education ; fr ; 1.5
Cégep du Vieux Montréal ; Higher Education ; fr ; 1
Collège Dawson|Dawson College ; Higher Education ; en ; 1
Centre de services scolaire de Montréal ; Primary and Secondary Education ; fr ; 2
English Montreal School Board ; Primary and Secondary Education ; en ; 1
Collège Jean-de-Brébeuf ; Primary and Secondary Education ; fr ; 0.5
CHUM|Centre hospitalier de l'Université de Montréal ; Hospitals and Health Care ; fr ; 4
CIUSSS du Centre-Sud-de-l'Île-de-Montréal|CIUSSS Centre-Sud ; Hospitals and Health Care ; fr ; 3
CHU Sainte-Justine ; Hospitals and Health Care ; fr ; 2.5
CUSM|McGill University Health Centre ; Hospitals and Health Care ; bi ; 2.5
Hôpital général juif|Jewish General Hospital ; Hospitals and Health Care ; bi ; 1.5
Ville de Montréal ; Government Administration ; fr ; 4
Gouvernement du Québec ; Government Administration ; fr ; 4
Ministère de la Santé et des Services sociaux ; Government Administration ; fr ; 2
Revenu Québec ; Government Administration ; fr ; 1.5
Government of Canada|Gouvernement du Canada ; Government Administration ; bi ; 2
Ville de Québec ; Government Administration ; fr ; 1
Metro|Metro inc. ; Retail ; fr ; 2.5
Loblaw|Loblaw Companies Limited ; Retail ; en ; 2
Couche-Tard|Alimentation Couche-Tard ; Retail ; fr ; 2
SAQ|Société des alcools du Québec ; Retail ; fr ; 1.5
Jean Coutu|Groupe Jean Coutu ; Retail ; fr ; 1.5
Simons|La Maison Simons ; Retail ; fr ; 1
Dollarama ; Retail ; bi ; 1
Deloitte ; Accounting ; bi ; 4
KPMG ; Accounting ; bi ; 3
EY ; Accounting ; bi ; 3
PwC|PwC Canada ; Accounting ; bi ; 3
Raymond Chabot Grant Thornton ; Accounting ; fr ; 3
MNP ; Accounting ; en ; 1
Fasken|Fasken Martineau DuMoulin S.E.N.C.R.L., s.r.l. ; Law Practice ; bi ; 2
McCarthy Tétrault|McCarthy Tétrault S.E.N.C.R.L., s.r.l. ; Law Practice ; bi ; 2
Norton Rose Fulbright|Norton Rose Fulbright Canada S.E.N.C.R.L., s.r.l. ; Law Practice ; bi ; 1.5
Osler, Hoskin & Harcourt LLP|Osler ; Law Practice ; en ; 1.5
Stikeman Elliott ; Law Practice ; en ; 1
BCF Avocats d'affaires ; Law Practice ; fr ; 1
Lavery Avocats|Lavery, de Billy ; Law Practice ; fr ; 1
WSP|WSP in Canada ; Civil Engineering ; bi ; 3
AtkinsRéalis|SNC-Lavalin ; Civil Engineering ; bi ; 3
Stantec ; Civil Engineering ; en ; 1.5
CIMA+ ; Civil Engineering ; fr ; 1
Pomerleau ; Construction ; fr ; 2
EBC|EBC inc. ; Construction ; fr ; 1
Broccolini ; Construction ; bi ; 1
Air Canada ; Airlines and Aviation ; bi ; 3
Transat|Air Transat ; Airlines and Aviation ; fr ; 1.5
CN|Canadien National ; Transportation, Logistics, Supply Chain and Storage ; bi ; 2
CPKC ; Transportation, Logistics, Supply Chain and Storage ; en ; 1
Purolator ; Transportation, Logistics, Supply Chain and Storage ; bi ; 1
STM|Société de transport de Montréal ; Transportation, Logistics, Supply Chain and Storage ; fr ; 2
Fairmont Le Reine Elizabeth ; Hospitality ; bi ; 1
Hilton|Hilton Montréal Bonaventure ; Hospitality ; bi ; 1
Cirque du Soleil ; Entertainment Providers ; bi ; 2
Moment Factory ; Entertainment Providers ; bi ; 1.5
Radio-Canada|CBC/Radio-Canada ; Broadcast Media Production and Distribution ; fr ; 2
Québecor ; Broadcast Media Production and Distribution ; fr ; 1
Groupe TVA|TVA ; Broadcast Media Production and Distribution ; fr ; 0.5
La Presse ; Newspaper Publishing ; fr ; 1
Rio Tinto ; Mining ; bi ; 2
Agnico Eagle|Agnico Eagle Mines Limited ; Mining ; bi ; 1
Saputo|Saputo inc. ; Food and Beverage Manufacturing ; bi ; 2
Lassonde|Industries Lassonde inc. ; Food and Beverage Manufacturing ; fr ; 1
Agropur|Agropur coopérative laitière ; Food and Beverage Manufacturing ; fr ; 1.5
Sun Life|Financière Sun Life ; Insurance ; bi ; 3
Manulife|Manuvie ; Insurance ; bi ; 2.5
Intact|Intact Financial Corporation|Intact Assurance ; Insurance ; bi ; 2.5
Beneva ; Insurance ; fr ; 2
iA Groupe financier|iA Financial Group ; Insurance ; fr ; 2.5
Caisse de dépôt et placement du Québec|CDPQ ; Investment Management ; fr ; 2
Fondaction ; Investment Management ; fr ; 0.5
Power Corporation du Canada|Power Corporation ; Financial Services ; bi ; 1
Cominar ; Real Estate ; fr ; 0.5
Ivanhoé Cambridge ; Real Estate ; bi ; 1
Groupe Sutton ; Real Estate ; fr ; 0.5
Royal LePage ; Real Estate ; bi ; 0.5
Centraide du Grand Montréal ; Non-profit Organizations ; fr ; 1
Moisson Montréal ; Non-profit Organizations ; fr ; 0.5
YMCA du Québec|YMCAs of Québec ; Non-profit Organizations ; bi ; 0.5
Chantier de l'économie sociale ; Non-profit Organizations ; fr ; 0.5
SPVM|Service de police de la Ville de Montréal ; Public Safety ; fr ; 1
Sûreté du Québec ; Public Safety ; fr ; 0.5
GardaWorld|GardaWorld Security ; Security and Investigations ; bi ; 1
Canadian Armed Forces|Forces armées canadiennes ; Armed Forces ; bi ; 1
Mila|Mila - Institut québécois d'intelligence artificielle ; Research Services ; bi ; 1
Institut de recherches cliniques de Montréal ; Research Services ; fr ; 0.5
National Research Council Canada|
    Conseil national de recherches Canada ; Research Services ; bi ; 0.5
Pfizer Canada ; Pharmaceutical Manufacturing ; bi ; 1
Bausch Health ; Pharmaceutical Manufacturing ; en ; 0.5
Accenture ; Business Consulting and Services ; bi ; 2
McKinsey & Company ; Business Consulting and Services ; en ; 1
Mallette ; Accounting ; fr ; 1
Sid Lee ; Advertising Services ; bi ; 1
lg2 ; Advertising Services ; fr ; 1
"""
EMPLOYERS: tuple[tuple[str, str, str, float], ...] = tuple(
    (names, sector, lang, float(weight)) for names, sector, lang, weight in _table(_EMPLOYERS)
)

# Invented small firms: name patterns ; sector ; language. {L} and {M} are surnames, {F} a
# given name, {P} a place, {W} and {N} words.
_SMALL_FIRMS = """
Cabinet {L} Avocats|{L} {M} avocats|{L}, {M} & Associés ; Law Practice ; fr
{L} Law LLP|{L} & {M} LLP ; Law Practice ; en
{L} CPA inc.|{L} {M} CPA|Groupe {L} comptables professionnels agréés ; Accounting ; fr
{L} & Co. Chartered Professional Accountants|{L} CPA Professional Corporation ; Accounting ; en
Boulangerie {P}|Pâtisserie {L}|Fromagerie {L}|Café {W}|Bistro {L}|
    Restaurant chez {F} ; Food and Beverage Services ; fr
Transport {L} inc.|{L} Logistique|Camionnage {L} et fils ; Truck Transportation ; fr
{L} Freight Ltd.|{L} Logistics ; Truck Transportation ; en
Clinique dentaire {P}|Clinique médicale {P}|Physio {P}|
    Pharmacie {L} et {M} ; Medical Practices ; fr
{P} Family Dental|{L} Physiotherapy Clinic ; Medical Practices ; en
Ferme {L} et fils|Érablière {L}|Vergers {L}|Ferme {W} ; Farming ; fr
Studio {W} {N}|Atelier {W}|{W} Design ; Design Services ; bi
Solutions {W} inc.|{W} Technologies|{W}Labs|{W} Numérique ; Software Development ; bi
Construction {L} inc.|Rénovations {L}|Toitures {L}|Excavation {L} et fils ; Construction ; fr
Immeubles {L}|Gestion immobilière {L}|Groupe immobilier {W} ; Real Estate ; fr
{L} Conseil|Groupe conseil {L}|{W} Stratégies ; Business Consulting and Services ; fr
{L} Advisory|{W} Partners|{W} Consulting Group ; Business Consulting and Services ; en
Agence {W}|{W} Marketing|{W} Communication ; Advertising Services ; bi
Centre communautaire {P}|Fondation {L}|Coopérative {W}|
    Carrefour jeunesse-emploi {P} ; Non-profit Organizations ; fr
{L} Financial Planning|{W} Wealth ; Financial Services ; en
Services financiers {L}|Cabinet {L} assurances ; Financial Services ; fr
École de musique {P}|Centre de formation {W}|Tutorat {W} ; Education ; fr
Garage {L}|Atelier mécanique {L} ; Motor Vehicle Manufacturing ; fr
"""
SMALL_FIRMS: tuple[tuple[str, str, str], ...] = tuple(
    (names, sector, lang) for names, sector, lang in _table(_SMALL_FIRMS)
)
PLACES = (
    "du Plateau; Rosemont; Saint-Denis; Mile End; Verdun; Hochelaga; Villeray; Limoilou; "
    "Sherbrooke; Laval; Longueuil; Gatineau; Trois-Rivières; Saguenay; Rimouski; de la Beauce; "
    "de l'Outaouais; Saint-Roch; du Vieux-Port; Outremont; Saint-Henri; Brossard; Lévis; Terrebonne"
)
WORDS = (
    "Pixel; Boréal; Nordik; Érable; Fleuve; Lumen; Kinetik; Alto; Horizon; Cardinal; Aurore; "
    "Nova; Sapin; Mosaïque; Archipel; Cobalt; Zénith; Ludik; Brume; Tandem; Vertigo; Onyx; Rivage"
)
WORDS2 = "Nord; Sud; Est; Ouest; Bleu; Rouge; Collectif; Lab; Studio; Créatif"

# sector ; the job functions its employers mostly hire (the rest come from COMPANY_WIDE)
_SECTOR_FUNCTIONS = """
Banking ; Finance, Sales, Support, Information Technology, Business Development
Insurance ; Sales, Finance, Support, Operations, Information Technology
Financial Services ; Finance, Sales, Business Development
Investment Management ; Finance, Research, Business Development
Utilities ; Engineering, Operations, Program and Project Management, Information Technology
Telecommunications ; Sales, Support, Engineering, Information Technology, Marketing
IT Services and IT Consulting ; Information Technology, Consulting,
    Program and Project Management, Quality Assurance
Software Development ; Information Technology, Engineering, Product Management, Sales,
    Quality Assurance
Computer Games ; Arts and Design, Information Technology, Quality Assurance, Product Management,
    Program and Project Management
Aviation and Aerospace Component Manufacturing ; Engineering, Operations, Quality Assurance,
    Purchasing
Railroad Equipment Manufacturing ; Engineering, Operations, Purchasing
Higher Education ; Education, Research, Administrative
Primary and Secondary Education ; Education, Community and Social Services
Education ; Education
Hospitals and Health Care ; Healthcare Services, Research, Administrative
Medical Practices ; Healthcare Services, Administrative
Government Administration ; Program and Project Management, Administrative, Legal,
    Community and Social Services
Retail ; Sales, Operations, Support, Purchasing, Marketing
Accounting ; Accounting, Consulting, Finance
Law Practice ; Legal
Civil Engineering ; Engineering, Program and Project Management
Construction ; Engineering, Program and Project Management, Operations, Purchasing
Airlines and Aviation ; Operations, Support, Sales, Engineering
Transportation, Logistics, Supply Chain and Storage ; Operations, Engineering, Support
Truck Transportation ; Operations, Sales
Hospitality ; Operations, Sales, Support
Entertainment Providers ; Arts and Design, Media and Communication,
    Program and Project Management, Operations
Broadcast Media Production and Distribution ; Media and Communication, Arts and Design
Newspaper Publishing ; Media and Communication
Mining ; Engineering, Operations, Research
Food and Beverage Manufacturing ; Operations, Quality Assurance, Sales, Purchasing
Food and Beverage Services ; Operations, Sales, Support
Farming ; Operations, Sales
Real Estate ; Real Estate, Finance
Non-profit Organizations ; Community and Social Services, Business Development,
    Media and Communication
Public Safety ; Military and Protective Services
Security and Investigations ; Military and Protective Services
Armed Forces ; Military and Protective Services, Engineering
Research Services ; Research, Information Technology
Pharmaceutical Manufacturing ; Research, Quality Assurance, Sales
Business Consulting and Services ; Consulting, Program and Project Management
Advertising Services ; Marketing, Arts and Design, Media and Communication
Design Services ; Arts and Design
Motor Vehicle Manufacturing ; Operations, Sales
"""
SECTOR_FUNCTIONS: dict[str, tuple[str, ...]] = {
    sector: tuple(f.strip() for f in functions.split(","))
    for sector, functions in _table(_SECTOR_FUNCTIONS)
}

# Functions any employer has, with their weights.
COMPANY_WIDE: dict[str, float] = {
    "Human Resources": 5, "Finance": 4, "Accounting": 3, "Information Technology": 5,
    "Marketing": 3, "Administrative": 3, "Operations": 3, "Program and Project Management": 4,
    "Sales": 3, "Business Development": 2, "Media and Communication": 2, "Purchasing": 1,
    "Quality Assurance": 1, "Support": 2, "Legal": 1, "Consulting": 1, "Research": 0.5,
    "Product Management": 1,
}  # fmt: skip

# Sectors where "Partner" is a level people hold.
PARTNER_SECTORS = frozenset(
    ("Law Practice", "Accounting", "Business Consulting and Services", "Financial Services",
     "Investment Management")
)  # fmt: skip

# sector ; the French label a hand-made spreadsheet would put in its "Secteur" column
_SECTOR_FR = """
Banking ; Services financiers
Insurance ; Assurances
Financial Services ; Services financiers
Investment Management ; Services financiers
Utilities ; Énergie
Telecommunications ; Télécommunications
IT Services and IT Consulting ; Technologies de l'information
Software Development ; Technologies de l'information
Computer Games ; Jeux vidéo
Aviation and Aerospace Component Manufacturing ; Aérospatiale
Railroad Equipment Manufacturing ; Fabrication
Higher Education ; Éducation
Primary and Secondary Education ; Éducation
Education ; Éducation
Hospitals and Health Care ; Santé
Medical Practices ; Santé
Pharmaceutical Manufacturing ; Santé
Government Administration ; Administration publique
Public Safety ; Administration publique
Retail ; Commerce de détail
Accounting ; Comptabilité
Law Practice ; Juridique
Civil Engineering ; Génie-conseil
Construction ; Construction
Airlines and Aviation ; Transport
Transportation, Logistics, Supply Chain and Storage ; Transport
Truck Transportation ; Transport
Hospitality ; Tourisme et hôtellerie
Entertainment Providers ; Culture
Broadcast Media Production and Distribution ; Médias
Newspaper Publishing ; Médias
Mining ; Mines
Farming ; Agroalimentaire
Food and Beverage Manufacturing ; Agroalimentaire
Food and Beverage Services ; Restauration
Real Estate ; Immobilier
Non-profit Organizations ; Économie sociale
Security and Investigations ; Sécurité
Armed Forces ; Défense
Research Services ; Recherche
Business Consulting and Services ; Services-conseils
Advertising Services ; Publicité
Design Services ; Design
Motor Vehicle Manufacturing ; Automobile
"""
SECTOR_FR: dict[str, str] = dict(_table(_SECTOR_FR))
