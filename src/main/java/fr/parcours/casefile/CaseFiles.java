package fr.parcours.casefile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The case file as the Tasklist plugin « Parcours » and {@code /api/cases/{businessKey}/journal}
 * serve it: the case found as the caller may see it ({@link CaseLocator}), its read model
 * ({@link CaseSummary}) and its journal ({@link CaseJournal}). Refusals are {@link fr.parcours.web.Refusal}s.
 */
@Component
public class CaseFiles {

  private final CaseLocator locator;
  private final CaseSummary summary;
  private final CaseJournal journal;

  CaseFiles(CaseLocator locator, CaseSummary summary, CaseJournal journal) {
    this.locator = locator;
    this.summary = summary;
    this.journal = journal;
  }

  /** Summary, action plan, committee decisions and journal of the case. */
  public Map<String, Object> caseFile(Authentication caller, String caseId) {
    HistoricProcessInstance pathway = locator.pathway(caller, caseId);
    Map<String, Object> file = new LinkedHashMap<>(summary.of(caller, pathway));
    file.put("journal", journal.notes(caller, pathway));
    return file;
  }

  public List<Map<String, Object>> journal(Authentication caller, String caseId) {
    return journal.notes(caller, locator.pathway(caller, caseId));
  }

  /** Adds the caller's note; answers the note as stored. */
  public Map<String, Object> addNote(Authentication caller, String caseId, String message) {
    HistoricProcessInstance pathway = locator.pathway(caller, caseId);
    return journal.add(caller, pathway, message);
  }
}
