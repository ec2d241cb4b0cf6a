export const FIRST_NAMES = [
  'Hélène', 'Élodie', 'Léa', 'Chloé', 'Zoé', 'Anaïs', 'Noémie', 'Mélanie', 'Céline', 'Inès', 'Maëlle', 'Gaëlle',
  'Bérénice', 'Clémence', 'Agnès', 'Françoise', 'Joëlle', 'Sophie', 'Camille', 'Manon', 'Emma', 'Juliette',
  'Jérôme', 'Stéphane', 'François', 'Frédéric', 'Gaël', 'Noël', 'Loïc', 'Benoît', 'Jérémy', 'Cédric', 'Rémi',
  'Théo', 'Hugo', 'Lucas', 'Mathis', 'Nathan', 'Étienne', 'Hervé', 'Raphaël', 'Joël', 'Aurélien', 'Sébastien',
  'Grégoire', 'Maxime', 'Antoine', 'Thibault', 'Océane', 'Capucine',
] as const;

export const LAST_NAMES = [
  'Lefèvre', 'Dupré', 'Béranger', 'Gérard', 'Mercier', 'Faure', 'Rousseau', 'Lemaître', 'Gauthier', 'Chevalier',
  'Fontaine', 'Moreau', 'Laurent', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Barbier', 'Rivière', 'Perrin',
  'Leroy', 'Renard', 'Brunet', 'Clément', 'Noël', 'Méndez', 'Caron', 'Boucher', 'Texier', 'Hébert', 'Aubry',
  "D'Almeida", 'Le Gall', 'Da Silva', 'Nguyễn', 'Benoît', 'Marchand', 'Roussel', 'Guérin', 'Lacroix', 'Évrard',
  'Vidal', 'Joubert', 'Brière', 'Pétain-Lopez', 'Carré', 'Sénéchal', 'Ménard', 'Tessier', 'Forestier',
] as const;

export const NOTES = [
  'Intéressé par la formule annuelle, rappeler après le 15.',
  'Préfère être appelé le matin.',
  'A demandé une documentation par e-mail.',
  'Décideur absent, repasser par l’assistante.',
  'Devis envoyé, attend validation de la direction.',
  'Client existant, question sur la facturation.',
  'Numéro du standard, demander le poste 214.',
  'Très pressé, rappeler en fin de semaine.',
  'Souhaite comparer avec un concurrent.',
  'Rendez-vous à confirmer pour la démo.',
  'Ne pas appeler le mercredi.',
  'Relance suite au salon de Lyon.',
] as const;
