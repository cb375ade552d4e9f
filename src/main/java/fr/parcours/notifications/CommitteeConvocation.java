package fr.parcours.notifications;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.json.SpinJsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fr.parcours.identity.Departements;
import fr.parcours.identity.Groups;
import fr.parcours.validation.JsonLists;

/**
 * Convenes the participants with an account when a technical committee is scheduled (the
 * committee waits for its day, set by "Planifier l'instance technique" with its place, again after
 * an adjournment): the CTAS of the case's territory (they hold it), the referring social worker,
 * the référent (designated, or preferred by the person), the second worker of the diagnostic and
 * the interveners who have an account. Members without an account (listed in
 * {@code invitedMembers}) and the person are invited by the CTAS by other means. The e-mails go
 * once the scheduling is committed; they carry the case reference, the date, the place and the
 * purpose, nothing about the person.
 */
@Component
public class CommitteeConvocation {

  private static final Logger LOG = LoggerFactory.getLogger(CommitteeConvocation.class);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRANCE);
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm", Locale.FRANCE);
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final Recipients recipients;
  private final NotificationDispatcher dispatcher;
  private final NotificationProperties properties;
  private final Departements departements;

  public CommitteeConvocation(Recipients recipients, NotificationDispatcher dispatcher, NotificationProperties properties,
      Departements departements) {
    this.recipients = recipients;
    this.dispatcher = dispatcher;
    this.properties = properties;
    this.departements = departements;
  }

  /** On the start of the committee's wait for its day: the scheduling step is being completed. */
  public void convene(DelegateExecution committee) {
    String reference = caseReference(committee);
    String territory = (String) committee.getVariable("territory");
    Instant date = instant(committee.getVariable("committeeDate"));
    List<String> users = new ArrayList<>();
    users.add((String) committee.getVariable("referrerId"));
    users.add((String) committee.getVariable("coordinatorId"));
    users.add((String) committee.getVariable("preferredCoordinatorId"));
    users.add((String) committee.getVariable("secondWorkerId"));
    for (SpinJsonNode intervener : JsonLists.elements(committee.getVariable("interveners"))) {
      if (intervener.hasProp("userId") && intervener.prop("userId").isString()) {
        users.add(intervener.prop("userId").stringValue());
      }
    }
    List<Recipients.Recipient> to = recipients.of(users, territory == null ? List.of() : List.of(Groups.ctas(territory)));
    LOG.info("Convocation à l'instance technique du dossier {} : {} destinataire(s)", reference, to.size());
    String when = date == null ? "date à confirmer" : SHORT.format(date.atZone(PARIS));
    String subject = "[Parcours] Convocation à l'instance technique du " + when + " — dossier " + reference;
    String text = text(reference, territory, date, (String) committee.getVariable("committeePlace"),
        (String) committee.getVariable("purpose"));
    dispatcher.sendAfterCommit(to.stream()
        .map(recipient -> new Notification(reference, recipient.userId(), recipient.address(), subject, text))
        .toList());
  }

  private String text(String reference, String territory, Instant date, String place, String purpose) {
    StringBuilder text = new StringBuilder("Bonjour,\n\n");
    text.append("Vous êtes convié(e) à l'instance technique").append(territoryName(territory))
        .append(" qui examinera le dossier ").append(reference).append(".\n\n");
    text.append("Objet : ").append("review".equals(purpose)
        ? "bilan partagé (fin ou prolongation de l'accompagnement)" : "admission dans la démarche du référent de parcours")
        .append('\n');
    text.append("Date : ").append(date == null ? "à confirmer" : DATE.format(date.atZone(PARIS))).append('\n');
    text.append("Lieu : ").append(place == null || place.isBlank() ? "communiqué par le CTAS du territoire" : place.trim())
        .append("\n\n");
    text.append("Le dossier est consultable dans Tasklist : ").append(properties.tasklistUrl()).append("\n\n");
    text.append(Footer.TEXT);
    return text.toString();
  }

  private String territoryName(String territory) {
    return departements.tenants().values().stream()
        .filter(departement -> departement.territories().containsKey(territory))
        .findFirst()
        .map(departement -> " du territoire " + departement.territories().get(territory).name() + " ("
            + departement.name() + ")")
        .orElse("");
  }

  private static String caseReference(DelegateExecution execution) {
    Object reference = execution.getVariable("caseReference");
    return reference != null ? reference.toString() : execution.getProcessBusinessKey();
  }

  /** {@code committeeDate} is a Date once the input rules ran; an ISO string as a form submits it otherwise. */
  private static Instant instant(Object value) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof String text) {
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (RuntimeException notOffset) {
        try {
          return Instant.parse(text);
        } catch (RuntimeException notInstant) {
          return null;
        }
      }
    }
    return null;
  }
}
