"""Given names and surnames of a Montréal/Toronto network, French (Québec) and English.

Names are common given names and surnames drawn independently, so every person is an invented
combination; `BLOCKED_NAMES` rules out the combinations that would name someone well known
(athletes, artists, politicians, news anchors). The English side carries Toronto's and Montréal's
diversity; the French side too (Benali, Diallo, Jean-Baptiste). Lists are `;`-separated strings.
"""

from __future__ import annotations

FR_FEMALE = (
    "Hélène; Marie-Ève; Geneviève; Isabelle; Nathalie; Julie; Mélanie; Catherine; Valérie; Émilie; "
    "Sophie; Stéphanie; Annie; Josée; Chantal; Karine; Caroline; Audrey; Véronique; Marie-Claude; "
    "Andrée-Anne; Maude; Élise; Camille; Léa; Chloé; Rosalie; Noémie; Justine; Béatrice; "
    "Gabrielle; Frédérique; Marianne; Amélie; Françoise; Ginette; Lucie; Manon; Sylvie; Johanne; "
    "Zoë; Anne-Sophie; Laurence; Myriam; Ariane; Mylène; Nadia; Anaïs; Océane; Florence; Éloïse; "
    "Maëlle; Marie-Pier; Josianne; Roxanne; Émilie-Jade; Geneviève-Anne; Lyne; Danielle; Mireille"
)
FR_MALE = (
    "Jean-François; Benoît; Mathieu; Étienne; François; Sébastien; Frédéric; Olivier; Maxime; "
    "Simon; Louis-Philippe; Marc-André; Pierre-Luc; Jean-Philippe; Guillaume; Alexandre; Philippe; "
    "Nicolas; Éric; Stéphane; Martin; Luc; Yves; Denis; Réjean; Gilles; Normand; Sylvain; Patrice; "
    "Jérôme; Félix; Raphaël; Gabriel; Samuel; Thomas; William; Antoine; Hugo; Émile; Zacharie; "
    "Xavier; Vincent; Mathis; Loïc; Jonathan; Jean-Sébastien; Charles-Étienne; Francis; Dominic; "
    "Yannick; Michel; Daniel; Karim; Mehdi; Jean-Michel; Marc-Olivier; Pascal; Ghislain"
)
FR_LAST = (
    "Tremblay; Gagnon; Roy; Côté; Bouchard; Gauthier; Morin; Lavoie; Fortin; Gagné; Ouellet; "
    "Pelletier; Bélanger; Lévesque; Bergeron; Leblanc; Paquette; Girard; Simard; Boucher; Caron; "
    "Beaulieu; Cloutier; Dubé; Poirier; Fournier; Lapointe; Leclerc; Lefebvre; Poulin; Thibault; "
    "St-Pierre; Nadeau; Martin; Landry; Martel; Bédard; Grenier; Lessard; Bernier; Richard; "
    "Michaud; Hébert; Desjardins; Couture; Turcotte; Lachance; Parent; Blais; Gosselin; Savard; "
    "Proulx; Beaudoin; Demers; Perreault; Boudreau; Lemieux; Cyr; Paré; Dufour; Mercier; Dion; "
    "Chabot; Rousseau; Vachon; Labelle; Séguin; Charbonneau; Després; Thériault; Brisson; "
    "Duchesne; Béland; Giguère; Provencher; Lacasse; Robitaille; Ménard; Rioux; Tessier; Lemay; "
    "Bérubé; Vaillancourt; Benali; Haddad; Khoury; Diallo; Jean-Baptiste; Pierre-Louis; Nguyen; "
    "Bouzid; Rodriguez; Joseph"
)
EN_FEMALE = (
    "Emily; Sarah; Jessica; Ashley; Megan; Lauren; Rachel; Hannah; Olivia; Emma; Chloe; Madison; "
    "Samantha; Jennifer; Michelle; Rebecca; Laura; Amanda; Kate; Claire; Grace; Natalie; Victoria; "
    "Alison; Heather; Kimberly; Priya; Aisha; Mei; Sofia; Fatima; Leila; Zoe; Abigail; Brooke; "
    "Erin; Kayla; Taylor; Morgan; Jasmine; Meredith; Caitlin; Ananya; Yasmin; Hye-jin; Maya"
)
EN_MALE = (
    "Michael; David; James; Ryan; Matthew; Daniel; Andrew; Kevin; Brian; Jason; Tyler; Justin; "
    "Brandon; Eric; Mark; Steven; Patrick; Sean; Connor; Ethan; Liam; Noah; Owen; Lucas; Nathan; "
    "Adam; Jordan; Ben; Alex; Chris; Raj; Arjun; Wei; Omar; Diego; Mateo; Hamza; Vikram; Graham; "
    "Colin; Duncan; Jeremy; Trevor; Darren; Kenji; Rohan"
)
EN_LAST = (
    "Smith; Brown; Wilson; MacDonald; Campbell; Anderson; Taylor; Thompson; Johnson; Williams; "
    "Clarke; Stewart; Murray; Robertson; Reid; Scott; Young; Mitchell; Walker; Wright; Hughes; "
    "Kelly; O'Brien; Sullivan; Fraser; McLean; Ross; Graham; Bennett; Cooper; Patel; Singh; "
    "Nguyen; Chen; Wong; Li; Kim; Lee; Park; Sharma; Gupta; Khan; Ali; Haddad; Cohen; Goldberg; "
    "Rossi; Russo; Silva; Santos; Kowalski; Novak; Davies; Evans; Morrison; Armstrong; Fitzgerald; "
    "Gallagher; Doyle; Hamilton; McKenzie; Chow; Tan; Ahmed; Friedman; Papadopoulos; Da Costa; "
    "Baptiste"
)

# First-last pairs that would name someone well known (athletes, artists, politicians, anchors).
BLOCKED_NAMES = (
    "Michel Tremblay; Denis Lévesque; Daniel Bélanger; Éric Lapointe; Michel Côté; Éric Girard; "
    "Sylvain Lefebvre; Stéphane Richard; Maxime Bernier; Sophie Thibault; Véronique Cloutier; "
    "Nathalie Simard; Chantal Hébert; Sylvie Bernier; Annie Pelletier; Marie-Claude Savard; "
    "Jean-Philippe Dion; Patrice Bergeron; Stéphane Rousseau; Simon Gagné; Philippe Boucher; Éric "
    "Desjardins; Luc Robitaille; Denis Savard; Michel Bergeron; Sylvain Côté; Yves Michaud; Hugo "
    "Girard; Félix Leclerc; Patrice Roy; Stéphane Dion; Mylène Paquette; Ariane Fortin; Catherine "
    "Fournier; Geneviève Simard; Annie Perreault; Stéphanie Lapointe; Denis Gagnon; Julie Lemieux; "
    "Patrick Roy; James Taylor; Emma Thompson; Kevin Smith; Sarah Cooper; Sean Fraser; Patrick "
    "Brown; Jennifer Lee; Ashley Young; Adam Scott; Chris Evans; Chris Young; Brian Williams; "
    "Andrew Young; Andrew Scott; Ryan Murray; Sean Kelly; Grace Kelly; Heather Graham; Rachel "
    "Reid; Michelle Williams; Abigail Johnson; Ashley Graham; Lauren Graham; Raj Patel; Matthew "
    "Walker; Owen Wilson; Patrick Stewart; Brandon Lee; Jason Lee; Ben Johnson; Noah Reid; Mark "
    "Kelly; Chris Hughes; Michael Scott; David Thompson; Taylor Swift; Emma Stone; Colin Powell; "
    "Graham Fraser; Daniel Richard; Martin Lemieux; Mario Lemieux; Alex Harvey; Kevin Kelly; "
    "James Fraser; David Hamilton; Adam Hughes; Denis Boucher; Justine Dufour-Lapointe; "
    "Chloé Dufour-Lapointe; Maxime Dufour-Lapointe; Justin Reid; Leila Ali; Zoe Smith"
)
