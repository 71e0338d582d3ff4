"""Job-title pieces, English and French (Québec), for synthetic exports of a real network.

Kept as data, apart from the generator, so the realism can be reviewed by reading one file. Titles
are composed from these pieces (level template x function role x area), which is how 100,000
rows get thousands of distinct, plausible titles.

Notation (French is gendered): `{a|b}` is `a` for a man and `b` for a woman, `{b}` adds `b` for
a woman only ("Conseill{er|ère}", "Avocat{e}"). `~` marks where a French seniority word goes
("Conseill{er|ère}~ en acquisition de talents" -> "Conseillère principale en acquisition de
talents"); without it the word goes at the end. Lists are `;`-separated strings to keep the data
dense; areas are `English=français=de-form`, the de-form ("des ressources humaines") optional.
"""

from __future__ import annotations

# Job functions (LinkedIn's 26) -> (English roles, French roles, areas).
FUNCTIONS: dict[str, tuple[str, str, str]] = {
    "Accounting": (
        "Accountant; Staff Accountant; Payroll Specialist; Tax Specialist; Internal Auditor; "
        "Accounts Payable Clerk; Cost Accountant",
        "Comptable; Technicien{|ne} comptable; Commis comptable; Fiscaliste; Audit{eur|rice} "
        "interne; Agent{e}~ de paie; Comptable professionnel{|le} agréé{e}",
        "Accounting=comptabilité=de la comptabilité; Tax=fiscalité=de la fiscalité; Audit=audit; "
        "Payroll=paie=de la paie; Financial Reporting=information financière; "
        "Assurance=certification",
    ),
    "Administrative": (
        "Administrative Assistant; Executive Assistant; Office Coordinator; Receptionist; Office "
        "Administrator",
        "Adjoint{e} administrati{f|ve}; Adjoint{e}~ de direction; Secrétaire de direction; "
        "Réceptionniste; Agent{e}~ de bureau; Technicien{|ne}~ en administration",
        "Administration=administration=de l'administration; Office Services=services "
        "administratifs; Executive Office=bureau de la présidence",
    ),
    "Arts and Design": (
        "Graphic Designer; UX Designer; Illustrator; 3D Artist; Animator; Motion Designer; Concept "
        "Artist; Interior Designer",
        "Graphiste; Designer UX; Illustrat{eur|rice}; Artiste 3D; Animat{eur|rice} 3D; "
        "Concept{eur|rice} visuel{|le}; Designer d'intérieur",
        "Design=design=du design; User Experience=expérience utilisateur; Creative=création; "
        "Visual Design=design visuel; Animation=animation; Brand Design=design de marque",
    ),
    "Business Development": (
        "Business Development Representative; Partnerships Specialist; Business Development "
        "Advisor; Strategic Partnerships Associate",
        "Conseill{er|ère}~ en développement des affaires; Chargé{e}~ de partenariats; "
        "Représentant{e}~ au développement des affaires; Délégué{e} commercial{|e}",
        "Business Development=développement des affaires=du développement des affaires; "
        "Partnerships=partenariats=des partenariats; Strategic Alliances=alliances stratégiques; "
        "Growth=croissance",
    ),
    "Community and Social Services": (
        "Social Worker; Community Worker; Youth Worker; Community Organizer; Counsellor; Outreach "
        "Coordinator",
        "Travailleu{r|se} social{|e}; Intervenant{e} communautaire; Organisat{eur|rice} "
        "communautaire; Éducat{eur|rice} spécialisé{e}; Intervenant{e} psychosocial{|e}",
        "Community Services=services communautaires; Youth Services=services jeunesse; Social "
        "Development=développement social=du développement social; Community Programs=programmes "
        "communautaires",
    ),
    "Consulting": (
        "Consultant; Management Consultant; Strategy Consultant; Business Analyst; Advisory "
        "Consultant",
        "Conseill{er|ère}~ en management; Consultant{e}; Conseill{er|ère}~ en stratégie; "
        "Conseill{er|ère}~ en gestion du changement; Analyste~ d'affaires",
        "Strategy=stratégie=de la stratégie; Management Consulting=services-conseils en gestion; "
        "Change Management=gestion du changement; Digital Transformation=transformation "
        "numérique=de la transformation numérique; Risk Advisory=services-conseils en risques",
    ),
    "Education": (
        "High School Teacher; Elementary School Teacher; Lecturer; Assistant Professor; Associate "
        "Professor; Instructional Designer; Learning Advisor",
        "Enseignant{e} au secondaire; Enseignant{e} au primaire; Enseignant{e}; Chargé{e} de "
        "cours; Professeur{e} adjoint{e}; Professeur{e} agrégé{e}; Conseill{er|ère} pédagogique; "
        "Conseill{er|ère}~ d'orientation",
        "Teaching and Learning=enseignement et apprentissage; Student Services=services aux "
        "étudiants=des services aux étudiants; Continuing Education=formation continue=de la "
        "formation continue; Academic Programs=programmes d'études=des études",
    ),
    "Engineering": (
        "Software Engineer; Mechanical Engineer; Civil Engineer; Electrical Engineer; Process "
        "Engineer; Structural Engineer; Aerospace Engineer; Electrical Designer",
        "Ingénieur{e} logiciel; Ingénieur{e} mécanique; Ingénieur{e} civil{|e}; Ingénieur{e} "
        "électrique; Ingénieur{e}~ de procédés; Ingénieur{e}~ en structure; Technicien{|ne}~ en "
        "génie civil; Ingénieur{e}~ en aérospatiale; Ingénieur{e}~ de projets",
        "Software Engineering=ingénierie logicielle; Engineering=ingénierie=de l'ingénierie; "
        "Mechanical Engineering=génie mécanique; Civil Engineering=génie civil; Electrical "
        "Engineering=génie électrique; Process Engineering=génie des procédés",
    ),
    "Entrepreneurship": (
        "Entrepreneur; Founder",
        "Entrepreneu{r|se}; Fondat{eur|rice}",
        "Ventures=entreprises",
    ),
    "Finance": (
        "Financial Analyst; Treasury Analyst; Credit Analyst; Investment Analyst; Financial "
        "Advisor; Wealth Advisor; Financial Planner",
        "Analyste financi{er|ère}; Analyste~ en investissement; Analyste~ de crédit; "
        "Conseill{er|ère}~ en finances personnelles; Planifica{teur|trice} financi{er|ère}; "
        "Conseill{er|ère}~ en placement; Conseill{er|ère}~ en gestion de patrimoine",
        "Finance=finances=des finances; Treasury=trésorerie=de la trésorerie; Corporate "
        "Finance=finance d'entreprise; Wealth Management=gestion de patrimoine; "
        "Investments=placements=des placements; Commercial Banking=services bancaires aux "
        "entreprises",
    ),
    "Healthcare Services": (
        "Registered Nurse; Nurse Practitioner; Physiotherapist; Pharmacist; Family Physician; "
        "Occupational Therapist; Dentist; Respiratory Therapist",
        "Infirmi{er|ère} clinicien{|ne}; Infirmi{er|ère} praticien{|ne} spécialisé{e}; "
        "Physiothérapeute; Pharmacien{|ne}; Médecin de famille; Ergothérapeute; Dentiste; "
        "Inhalothérapeute; Infirmi{er|ère} auxiliaire; Nutritionniste",
        "Nursing=soins infirmiers=des soins infirmiers; Clinical Services=services cliniques=des "
        "services cliniques; Patient Care=soins aux patients; Mental Health=santé mentale; "
        "Pharmacy=pharmacie=de la pharmacie; Public Health=santé publique=de la santé publique",
    ),
    "Human Resources": (
        "HR Advisor; Talent Acquisition Specialist; Recruiter; HR Business Partner; Compensation "
        "Analyst; Learning and Development Specialist; People Operations Specialist",
        "Conseill{er|ère}~ en ressources humaines; Conseill{er|ère}~ en acquisition de talents; "
        "Recruteu{r|se}; Partenaire d'affaires RH; Conseill{er|ère}~ en rémunération; Agent{e}~ de "
        "dotation; Technicien{|ne}~ en ressources humaines",
        "Human Resources=ressources humaines=des ressources humaines; Talent "
        "Acquisition=acquisition de talents; People & Culture=personnes et culture; Total "
        "Rewards=rémunération globale; Labour Relations=relations de travail=des relations de "
        "travail; Talent=talents=des talents; Learning and Development=formation et développement",
    ),
    "Information Technology": (
        "Software Developer; Full Stack Developer; Data Scientist; Data Engineer; DevOps Engineer; "
        "Systems Administrator; IT Support Analyst; Cloud Architect; Cybersecurity Analyst; "
        "Database Administrator; Business Intelligence Analyst; Front-End Developer",
        "Développeu{r|se} Full Stack; Développeu{r|se} logiciel; Scientifique de données; "
        "Ingénieur{e}~ de données; Administrat{eur|rice}~ de systèmes; Analyste~ en sécurité "
        "informatique; Architecte~ de solutions; Technicien{|ne}~ en informatique; Analyste~ en "
        "intelligence d'affaires; Conseill{er|ère}~ en architecture TI; Analyste programmeu{r|se}",
        "Information Technology=technologies de l'information=des technologies de l'information; "
        "Data & Analytics=données et analytique; Cybersecurity=cybersécurité=de la cybersécurité; "
        "Cloud Infrastructure=infrastructure infonuagique; Digital Solutions=solutions numériques; "
        "IT Operations=opérations TI; Enterprise Architecture=architecture d'entreprise",
    ),
    "Legal": (
        "Legal Counsel; Lawyer; Paralegal; Associate Lawyer; Notary; Legal Assistant; Corporate "
        "Counsel",
        "Conseill{er|ère} juridique; Avocat{e}; Parajuriste; Notaire; Technicien{|ne} juridique; "
        "Adjoint{e} juridique; Juriste",
        "Legal Affairs=affaires juridiques=des affaires juridiques; Corporate Law=droit des "
        "affaires; Employment Law=droit du travail; Litigation=litige=du contentieux; Intellectual "
        "Property=propriété intellectuelle; Tax Law=droit fiscal; Real Estate Law=droit immobilier",
    ),
    "Marketing": (
        "Marketing Coordinator; Digital Marketing Specialist; Content Strategist; SEO Specialist; "
        "Marketing Analyst; Growth Marketer; Marketing Advisor",
        "Coordonnat{eur|rice} marketing; Conseill{er|ère}~ en marketing numérique; Stratège~ de "
        "contenu; Spécialiste SEO; Chargé{e}~ de marketing; Analyste marketing",
        "Marketing=marketing=du marketing; Digital Marketing=marketing numérique=du marketing "
        "numérique; Brand=marque=de la marque; Growth Marketing=marketing de croissance; Product "
        "Marketing=marketing produit; Customer Experience=expérience client=de l'expérience client",
    ),
    "Media and Communication": (
        "Communications Advisor; Journalist; Public Relations Specialist; Content Producer; "
        "Copywriter; Editor; Social Media Specialist",
        "Conseill{er|ère}~ en communication; Journaliste; Relationniste; Rédact{eur|rice}; "
        "Chargé{e}~ de communication; Réalisat{eur|rice}; Recherchiste; Porte-parole",
        "Communications=communications=des communications; Public Affairs=affaires publiques=des "
        "affaires publiques; Media Relations=relations médias; Internal "
        "Communications=communications internes; Content=contenu=du contenu; Public "
        "Relations=relations publiques",
    ),
    "Military and Protective Services": (
        "Police Officer; Security Officer; Firefighter; Constable; Corporate Security Specialist; "
        "Emergency Dispatcher",
        "Polici{er|ère}; Agent{e}~ de sécurité; Pompi{er|ère}; Agent{e}~ de la paix; "
        "Sergent{e}-détective; Répartit{eur|rice} 911; Conseill{er|ère}~ en sûreté",
        "Security=sécurité=de la sécurité; Public Safety=sécurité publique=de la sécurité "
        "publique; Corporate Security=sûreté corporative; Emergency Management=mesures "
        "d'urgence=des mesures d'urgence; Fire Prevention=prévention des incendies",
    ),
    "Operations": (
        "Operations Analyst; Operations Coordinator; Logistics Coordinator; Supply Chain Analyst; "
        "Dispatcher; Plant Operator; Production Planner",
        "Analyste~ des opérations; Coordonnat{eur|rice}~ des opérations; Coordonnat{eur|rice} "
        "logistique; Analyste~ chaîne d'approvisionnement; Répartit{eur|rice}; Opérat{eur|rice}~ "
        "de production; Planifica{teur|trice}~ de production",
        "Operations=opérations=des opérations; Supply Chain=chaîne d'approvisionnement=de la "
        "chaîne d'approvisionnement; Logistics=logistique=de la logistique; "
        "Manufacturing=fabrication=de la fabrication; Plant Operations=exploitation de l'usine; "
        "Store Operations=opérations en magasin",
    ),
    "Product Management": (
        "Product Owner; Product Manager; Product Analyst; Technical Product Manager",
        "Responsable~ de produit; Analyste~ de produit; Chargé{e}~ de produit; Product Owner",
        "Product=produit=du produit; Product Management=gestion de produit; Digital "
        "Products=produits numériques=des produits numériques; Platform=plateforme; "
        "Payments=paiements; Mobile=mobile",
    ),
    "Program and Project Management": (
        "Project Coordinator; Program Coordinator; Scrum Master; Project Analyst; PMO Analyst; "
        "Project Manager",
        "Chargé{e}~ de projets; Coordonnat{eur|rice}~ de projets; Analyste PMO; Conseill{er|ère}~ "
        "en gestion de projets; Chargé{e}~ de programme",
        "Project Management=gestion de projets=de projets; Transformation=transformation=de la "
        "transformation; PMO=bureau de projets=du bureau de projets; Digital "
        "Transformation=transformation numérique; Capital Projects=grands projets=des grands "
        "projets; Programs=programmes=des programmes",
    ),
    "Purchasing": (
        "Buyer; Procurement Specialist; Purchasing Agent; Category Specialist; Procurement Analyst",
        "Achet{eur|euse}; Agent{e}~ d'approvisionnement; Conseill{er|ère}~ en approvisionnement; "
        "Analyste~ en approvisionnement; Agent{e}~ aux achats",
        "Procurement=approvisionnement=de l'approvisionnement; Purchasing=achats=des achats; "
        "Strategic Sourcing=approvisionnement stratégique; Contracts=contrats=des contrats; "
        "Category Management=gestion des catégories",
    ),
    "Quality Assurance": (
        "QA Analyst; Quality Assurance Specialist; Test Automation Engineer; Quality Control "
        "Technician; QA Tester",
        "Analyste assurance qualité; Technicien{|ne}~ en contrôle de la qualité; Conseill{er|ère}~ "
        "en assurance qualité; Testeu{r|se} logiciel; Spécialiste assurance qualité",
        "Quality Assurance=assurance qualité=de l'assurance qualité; Quality=qualité=de la "
        "qualité; Quality Control=contrôle de la qualité; Software Quality=qualité logicielle",
    ),
    "Real Estate": (
        "Real Estate Broker; Leasing Agent; Real Estate Analyst; Appraiser; Property Administrator",
        "Court{ier|ière} immobili{er|ère}; Agent{e}~ de location; Analyste immobili{er|ère}; "
        "Évaluat{eur|rice} agréé{e}; Administrat{eur|rice} immobili{er|ère}",
        "Real Estate=immobilier=de l'immobilier; Leasing=location=de la location; Property "
        "Management=gestion immobilière; Asset Management=gestion d'actifs; Real Estate "
        "Development=développement immobilier=du développement immobilier",
    ),
    "Research": (
        "Research Scientist; Researcher; Research Associate; Research Assistant; Research "
        "Engineer; Clinical Research Coordinator",
        "Chercheu{r|se}; Assistant{e}~ de recherche; Professionnel{|le}~ de recherche; "
        "Coordonnat{eur|rice}~ de recherche clinique; Chercheu{r|se}~ en intelligence artificielle",
        "Research=recherche=de la recherche; Research and Development=recherche et développement; "
        "Innovation=innovation=de l'innovation; Clinical Research=recherche clinique=de la "
        "recherche clinique; Applied AI Research=recherche appliquée en IA",
    ),
    "Sales": (
        "Account Executive; Sales Representative; Account Manager; Sales Advisor; Inside Sales "
        "Representative; Customer Success Manager; Sales Associate",
        "Représentant{e}~ des ventes; Conseill{er|ère}~ aux ventes; Gestionnaire de comptes; "
        "Délégué{e} commercial{|e}; Conseill{er|ère}~ en sécurité financière; Représentant{e} "
        "technique",
        "Sales=ventes=des ventes; Key Accounts=comptes majeurs=des comptes majeurs; Sales, Eastern "
        "Canada=ventes, Est du Canada; Enterprise Sales=ventes entreprises; Retail Sales=ventes au "
        "détail; Commercial Sales=ventes commerciales",
    ),
    "Support": (
        "Customer Service Representative; Customer Support Specialist; Technical Support Agent; "
        "Client Service Advisor; Call Centre Agent",
        "Agent{e}~ de service à la clientèle; Conseill{er|ère}~ au service à la clientèle; "
        "Préposé{e}~ au service à la clientèle; Agent{e}~ de soutien technique; Conseill{er|ère}~ "
        "service aux membres; Technicien{|ne}~ au soutien",
        "Customer Service=service à la clientèle=du service à la clientèle; Customer "
        "Support=soutien à la clientèle; Client Experience=expérience client; Technical "
        "Support=soutien technique=du soutien technique; Member Services=services aux membres",
    ),
}

# Chief titles by function; a function missing here uses the generic ones ("*").
CHIEFS: dict[str, tuple[str, str]] = {
    "*": (
        "CEO; President & CEO; Chief Executive Officer; President; COO",
        "Président{e}-direct{eur|rice} général{e}; PDG; Chef{|fe} de la direction; Président{e} et "
        "chef{|fe} de la direction",
    ),
    "Finance": ("CFO; Chief Financial Officer", "Chef{|fe} de la direction financière"),
    "Information Technology": (
        "CIO; Chief Information Officer; Chief Data Officer; Chief Information Security Officer",
        "Chef{|fe} de la direction informatique",
    ),
    "Engineering": ("CTO; Chief Technology Officer", "Chef{|fe} de la technologie; CTO"),
    "Operations": ("COO; Chief Operating Officer", "Chef{|fe} de l'exploitation"),
    "Marketing": ("CMO; Chief Marketing Officer", "Chef{|fe} du marketing"),
    "Human Resources": (
        "Chief People Officer; Chief Human Resources Officer",
        "Chief People Officer",
    ),
    "Legal": ("Chief Legal Officer", "Chef{|fe} des affaires juridiques"),
}

# Title templates by seniority level, (English, French). <role> is the role, <sr> the French role
# with its seniority word, <area>/<Area> the area (lower/capitalised), <de> its de-form.
LEVELS: dict[str, tuple[str, str]] = {
    "Unpaid": (
        "Volunteer; Volunteer, <Area>; Volunteer <role>; Volunteer Board Member, <Area>",
        "Bénévole; Bénévole, <area>; Bénévole – <Area>; Bénévole en <area>",
    ),
    "Training": (
        "<Area> Intern; Intern, <Area>; Co-op Student, <Area>; <role> Intern; <Area> Co-op",
        "Stagiaire en <area>; Stagiaire, <area>; Stagiaire – <role>; Étudiant{e} stagiaire, <area>",
    ),
    "Entry": (
        "<role>; <role>; <role>; <role>; <role>, <Area>",
        "<role>; <role>; <role>; <role>, <area>; <role> – <Area>",
    ),
    "Senior": (
        "Senior <role>; Senior <role>; Senior <role>; Lead <role>; Senior <role>, <Area>",
        "<sr>; <sr>; <sr>, <area>; <role> sénior; <role> senior",
    ),
    "Manager": (
        "<Area> Manager; Manager, <Area>; Team Lead, <Area>; Senior Manager, <Area>; <Area> "
        "Supervisor",
        "Gestionnaire, <area>; Chef{|fe} d'équipe, <area>; Chef{|fe} de service, <area>; Chef{|fe} "
        "<de>; Superviseu{r|se}, <area>; Gestionnaire – <Area>",
    ),
    "Director": (
        "Director, <Area>; Director of <Area>; Senior Director, <Area>; Head of <Area>; Associate "
        "Director, <Area>",
        "Direct{eur|rice}, <area>; Direct{eur|rice} <de>; Direct{eur|rice} principal{e}, <Area>; "
        "Direct{eur|rice} – <Area>; Direct{eur|rice} principal{e}, <area>",
    ),
    "VP": (
        "VP <Area>; Vice President, <Area>; SVP, <Area>; VP, <Area>; Senior Vice President, <Area>",
        "Vice-président{e}, <area>; Vice-président{e} <de>; Vice-président{e} principal{e}, "
        "<Area>; Premi{er|ère} vice-président{e}, <area>",
    ),
    "CXO": ("<chief>", "<chief>"),
    "Partner": (
        "Partner, <Area>; Partner; Senior Partner, <Area>; Partner, <Area> Practice",
        "Associé{e}, <Area>; Associé{e}; Associé{e} principal{e}, <area>; Associé{e} "
        "direct{eur|rice}, <Area>",
    ),
    "Owner": (
        "Owner; Founder; Co-founder; Founder & CEO; Co-founder & CTO; Owner / <role>; President & "
        "Founder; Self-employed <role>",
        "Propriétaire; Fondat{eur|rice}; Co-fondat{eur|rice}; Co-fondat{eur|rice} & CTO; "
        "Président{e} et fondat{eur|rice}; Propriétaire / <role>; Travailleu{r|se} autonome, "
        "<role>",
    ),
}

# Functions whose role an owner puts in a title ("Propriétaire / Notaire"); others write "Owner".
OWNER_ROLES = frozenset(
    ("Accounting", "Arts and Design", "Consulting", "Education", "Engineering",
     "Healthcare Services", "Information Technology", "Legal", "Marketing",
     "Media and Communication", "Real Estate")
)  # fmt: skip

# Weights of the ten levels in a professional network (Entry and Senior dominate).
LEVEL_WEIGHTS: dict[str, float] = {
    "Unpaid": 1.5,
    "Training": 3.5,
    "Entry": 30,
    "Senior": 24,
    "Manager": 15,
    "Director": 10,
    "VP": 4,
    "CXO": 2.5,
    "Partner": 2.5,
    "Owner": 7,
}

# A second line some people add under their title (quoted over two lines in the export).
SECOND_LINES = (
    "Speaker & Mentor; Board Member; Author; Lecturer, McGill University; Mentor, Futurpreneur",
    "Conférenci{er|ère}; Membre du CA; Aut{eur|eure}; Chargé{e} de cours, HEC Montréal; Mentor, "
    "Fondation Montréal inc.",
)
# Whole owner titles written with a slash, kept as people write them.
SLASHED = (
    "CTO / Co-founder; CEO / Founder; Founder / Designer; Owner / Consultant; Founder / Coach",
    "Fondat{eur|rice} / Designer UX; Propriétaire / Consultant{e}; Président{e} / "
    "Fondat{eur|rice}; Co-fondat{eur|rice} / CTO; Fondat{eur|rice} / Format{eur|rice}",
)
