package fr.parcours.pathway;

import java.util.List;

import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

import fr.parcours.validation.JsonLists;

/** Facts derived from the case variables for the models' expressions (DMN inputs, multi-instance). */
@Component("caseFacts")
public class CaseFacts {

  public int intervenerCount(Object interveners) {
    return JsonLists.elements(interveners).size();
  }

  public int domainCount(Object difficultyDomains) {
    return domains(difficultyDomains).size();
  }

  public List<String> domains(Object difficultyDomains) {
    return JsonLists.elements(difficultyDomains).stream()
        .filter(SpinJsonNode::isString)
        .map(SpinJsonNode::stringValue)
        .distinct()
        .toList();
  }

  /** The user ids of the interveners who contribute to the shared review, each once. */
  public List<String> reviewerIds(Object interveners) {
    return JsonLists.elements(interveners).stream()
        .filter(intervener -> intervener.hasProp("userId") && intervener.prop("userId").isString())
        .map(intervener -> intervener.prop("userId").stringValue())
        .filter(userId -> !userId.isBlank())
        .distinct()
        .toList();
  }
}
