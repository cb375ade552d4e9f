package fr.parcours.documents;

/** The département and the territory of a case, by name (e.g. "Pas-de-Calais", "Artois"). */
record Place(String departement, String territory) {}
