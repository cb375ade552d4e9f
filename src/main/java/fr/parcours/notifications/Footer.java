package fr.parcours.notifications;

/** The end of every e-mail: why it says so little. */
final class Footer {

  static final String TEXT = "Ce message ne contient aucune information sur la personne accompagnée : "
      + "connectez-vous à Tasklist pour consulter le dossier.\n"
      + "-- \nParcours — démarche du référent de parcours (message automatique, merci de ne pas y répondre)\n";

  private Footer() {}
}
