package fr.parcours.notifications;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends notifications once the step that caused them is committed: a step that fails or is rolled
 * back sends nothing. Inside the engine (listeners, delegates, the events they publish) the
 * engine's transaction context is used; with Spring's transaction manager it is Spring's
 * synchronization, so a step inside an outer transaction sends only when that one commits. A
 * notification that cannot be delivered is logged and never fails the step.
 */
@Component
public class NotificationDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

  private final Notifier notifier;

  public NotificationDispatcher(Notifier notifier) {
    this.notifier = notifier;
  }

  public void sendAfterCommit(List<Notification> notifications) {
    if (notifications.isEmpty()) {
      return;
    }
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext != null) {
      commandContext.getTransactionContext()
          .addTransactionListener(TransactionState.COMMITTED, committed -> sendNow(notifications));
    } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          sendNow(notifications);
        }
      });
    } else {
      sendNow(notifications);
    }
  }

  void sendNow(List<Notification> notifications) {
    for (Notification notification : notifications) {
      try {
        notifier.send(notification);
      } catch (RuntimeException failure) {
        // ids only: the step is done, the notification is lost but said so
        LOG.warn("Notification non envoyée : dossier {}, destinataire {} : {}", notification.caseReference(),
            notification.userId(), failure.getClass().getSimpleName() + ": " + failure.getMessage());
      }
    }
  }
}
