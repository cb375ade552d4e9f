package fr.parcours.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The contract read from the project's own forms: keys, labels, rules, options, conditions, rows. */
class FormContractTest {

  static FormContract form(String id) throws IOException {
    return FormContract.parse(Files.readString(Path.of("forms", id + ".form")));
  }

  @Test
  void referralFormStatesTheStartVariablesAndTheirRules() throws IOException {
    FormContract referral = form("referral");

    assertThat(referral.formId()).isEqualTo("referral");
    assertThat(referral.variableNames()).containsExactlyInAnyOrder("personRef", "personLabel", "territory",
        "referrerId", "interveners", "difficultyDomains", "durableSupport", "urgent");
    FormField personRef = referral.field("personRef").orElseThrow();
    assertThat(personRef.required()).isTrue();
    assertThat(personRef.pattern()).isEqualTo("^[A-Za-z0-9._-]{3,64}$");
    assertThat(referral.field("personLabel").orElseThrow().maxLength()).isEqualTo(40);
    assertThat(referral.field("territory").orElseThrow().values()).extracting(FormField.Option::value)
        .contains("artois", "strasbourg");
    FormField interveners = referral.field("interveners").orElseThrow();
    assertThat(interveners.isList()).isTrue();
    assertThat(interveners.rowFields()).extracting(FormField::key).containsExactly("name", "organisation", "role", "userId");
    assertThat(interveners.rowFields().get(1).required()).isTrue();
    assertThat(referral.field("difficultyDomains").orElseThrow().isMultiple()).isTrue();
  }

  @Test
  void conditionalFieldsKeepTheirFeelExpressionAndDynamicOptionsAreMarked() throws IOException {
    FormContract committee = form("holdCommittee");

    FormField duration = committee.field("plannedDuration").orElseThrow();
    assertThat(duration.hide()).isEqualTo("not(committeeDecision = \"admit\" or committeeDecision = \"extend\")");
    assertThat(duration.values()).extracting(FormField.Option::value)
        .containsExactly("P3M", "P6M", "P9M", "P12M", "P18M", "P24M");
    assertThat(committee.field("committeeDecision").orElseThrow().dynamicValues()).isTrue();
    assertThat(committee.field("personPresent").orElseThrow().isYesNo()).isTrue();
    assertThat(committee.label("decisionNotes")).isEqualTo("Relevé de décision");
    assertThat(committee.variableNames()).doesNotContain("case_text", "purpose");
  }

  @Test
  void datesKeepTheirSubtype() throws IOException {
    assertThat(form("signAgreement").field("agreementDate").orElseThrow().subtype()).isEqualTo("date");
    assertThat(form("scheduleCommittee").field("committeeDate").orElseThrow().subtype()).isEqualTo("datetime");
  }

  @Test
  void keysWithDotsAndGroupsWithAPathWriteTheirFirstSegment() throws IOException {
    FormContract contract = FormContract.parse("""
        {"id":"f","components":[
          {"type":"textfield","key":"address.city","label":"Ville"},
          {"type":"group","path":"contact","components":[{"type":"textfield","key":"phone"}]},
          {"type":"group","components":[{"type":"number","key":"amount","label":"Montant","validate":{"min":0,"max":10}}]},
          {"type":"text","text":"hello"},
          {"type":"textfield","key":"mail","validate":{"validationType":"email"}}]}""");

    assertThat(contract.variableNames()).containsExactly("address", "contact", "amount", "mail");
    FormField amount = contract.field("amount").orElseThrow();
    assertThat(amount.min()).isZero();
    assertThat(amount.max()).isEqualTo(10.0);
    assertThat(contract.field("mail").orElseThrow().pattern()).isEqualTo(FormContract.EMAIL);
    assertThat(contract.label("mail")).isEqualTo("mail");
  }
}
