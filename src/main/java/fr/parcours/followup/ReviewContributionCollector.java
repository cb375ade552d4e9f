package fr.parcours.followup;

import static org.camunda.spin.Spin.JSON;


import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

import fr.parcours.validation.JsonLists;

/**
 * Each intervener's contribution to the shared review is kept, in {@code reviewContributions}
 * ({@code [{userId, contribution, date}]}), for the référent who prepares the review with the person.
 */
@Component("reviewContributionCollector")
public class ReviewContributionCollector implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    SpinJsonNode contributions = JsonLists.parse(task.getVariable("reviewContributions"));
    if (contributions == null || !contributions.isArray()) {
      contributions = JSON("[]");
    }
    SpinJsonNode contribution = JSON("{}");
    contribution.prop("userId", task.getAssignee());
    contribution.prop("contribution", (String) task.getVariable("contribution"));
    contribution.prop("date", java.time.format.DateTimeFormatter.ISO_INSTANT.format(
        ClockUtil.getCurrentTime().toInstant()));
    contributions.append(contribution);
    task.getExecution().getProcessInstance().setVariable("reviewContributions", JsonLists.asVariable(contributions));
  }

}
