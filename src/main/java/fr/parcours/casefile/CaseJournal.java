package fr.parcours.casefile;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Comment;
import org.springframework.stereotype.Component;
import fr.parcours.engine.EngineCalls;
import fr.parcours.identity.UserNames;
import fr.parcours.web.Refusal;

/**
 * The case journal: dated notes the référent and the interveners write for each other. Each note
 * is a Camunda comment on the pathway's process instance, written as the caller (the comment
 * carries their user id, and goes with the case's history: export, erasure, retention). Whoever
 * may read the case may read and add notes; the case is found by {@link CaseLocator}.
 */
@Component
public class CaseJournal {

  public static final int MAX_LENGTH = 4000;

  private final EngineCalls engine;
  private final UserNames userNames;

  CaseJournal(EngineCalls engine, UserNames userNames) {
    this.engine = engine;
    this.userNames = userNames;
  }

  /** The notes of the case, newest first. */
  public List<Map<String, Object>> notes(Authentication caller, HistoricProcessInstance pathway) {
    return engine.withoutChecks(caller, () -> {
      TaskService taskService = engine.engine().getTaskService();
      return taskService.getProcessInstanceComments(pathway.getId()).stream()
          .sorted(Comparator.comparing(Comment::getTime).reversed().thenComparing(Comment::getId, Comparator.reverseOrder()))
          .map(this::describe)
          .toList();
    });
  }

  /**
   * Adds a note written by the caller; refused, nothing stored, when blank or too long (400) or when
   * the case has ended (409: its journal is kept with its history, closed like it).
   */
  public Map<String, Object> add(Authentication caller, HistoricProcessInstance pathway, String message) {
    String text = validate(message);
    if (pathway.getEndTime() != null) {
      throw Refusal.conflict("Ce parcours est terminé : son journal se consulte mais ne reçoit plus de notes.");
    }
    return engine.withoutChecks(caller, () -> describe(
        engine.engine().getTaskService().createComment(null, pathway.getId(), text)));
  }

  /** The note as it will be stored, or the French reason it is refused. */
  static String validate(String message) {
    if (message == null || message.isBlank()) {
      throw Refusal.badRequest("La note est vide : écrivez un texte avant de l'ajouter.");
    }
    String text = message.strip();
    int length = text.codePointCount(0, text.length());
    if (length > MAX_LENGTH) {
      throw Refusal.badRequest("La note compte " + length + " caractères : " + MAX_LENGTH
          + " au plus. Raccourcissez-la ou écrivez-en plusieurs.");
    }
    return text;
  }

  private Map<String, Object> describe(Comment comment) {
    Map<String, Object> note = new LinkedHashMap<>();
    note.put("id", comment.getId());
    note.put("time", comment.getTime() == null ? null : comment.getTime().toInstant().toString());
    note.put("authorId", comment.getUserId());
    note.put("authorName", userNames.fullName(comment.getUserId()));
    note.put("message", comment.getFullMessage());
    return note;
  }
}
