package fr.parcours.access;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fr.parcours.access.EngineAllowList.Caller;
import fr.parcours.access.EngineAllowList.Verdict;
import fr.parcours.engine.CommandArguments;
import fr.parcours.identity.Groups;

/**
 * Deny by default, in the engine: every command an authenticated user who is not an operator
 * ({@code camunda-admin}) asks with authorization checks on is judged by the {@link EngineAllowList}
 * before it runs, whatever door it came through ({@code /engine-rest}, the webapps'
 * {@code /camunda/api/engine}, Java). A refused command does nothing: no retry of a job is spent,
 * no history is written.
 * <p>Not judged: commands inside a command already running (what an allowed step causes: listeners,
 * grants, the next tasks), commands without an authenticated user (job executor, seeders), and the
 * application's own commands (its classes, not Camunda's: "without checks" calls made for a user once
 * their access to the case is established).
 */
@Component
public class EngineGuard extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(EngineGuard.class);

  private final EngineAllowList allowList = new EngineAllowList();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new Interceptor(configuration));
    if (configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequiresNew(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequiresNew().add(new Interceptor(configuration));
  }

  /** Judges a command before the engine opens its command context. */
  final class Interceptor extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;
    private final EngineLookups lookups;

    Interceptor(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
      this.lookups = new EngineLookups(configuration);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T execute(Command<T> command) {
      Caller caller = judgedCaller(command);
      if (caller != null) {
        Verdict verdict = allowList.judge(command, caller, lookups);
        if (verdict instanceof Verdict.Refuse refused) {
          LOG.info("Commande refusée à {} : {}", caller.userId(), command.getClass().getSimpleName());
          if (command instanceof ExecuteJobsCmd) {
            noFailedRun((ExecuteJobsCmd) command);
          }
          throw new Refused(refused.reason());
        }
        if (verdict instanceof Verdict.Nothing nothing) {
          return (T) nothing.answer();
        }
        if (verdict instanceof Verdict.WithoutChecks unchecked) {
          return next.execute(commandContext -> {
            if (!unchecked.tenantCheck()) {
              commandContext.disableTenantCheck();
            }
            return commandContext.runWithoutAuthorization(() -> command.execute(commandContext));
          });
        }
      }
      return next.execute(command);
    }

    /** The caller whose command the allow-list judges, or null when it runs as it is. */
    private Caller judgedCaller(Command<?> command) {
      if (Context.getCommandContext() != null || !configuration.isAuthorizationEnabled()
          || !command.getClass().getName().startsWith("org.camunda.")) {
        return null;
      }
      Authentication authentication = configuration.getIdentityService().getCurrentAuthentication();
      if (authentication == null || authentication.getUserId() == null) {
        return null;
      }
      List<String> groups = authentication.getGroupIds() != null ? authentication.getGroupIds() : List.of();
      return groups.contains(Groups.ADMINS) ? null : new Caller(authentication.getUserId(), groups);
    }
  }

  /**
   * A job execution refused is not a failed run. The engine's job helper ({@code ExecuteJobHelper})
   * treats any exception of {@link ExecuteJobsCmd} as the job failing and then runs its failed-job
   * listener (one retry less, an incident at zero) for the job its collector names. The collector is
   * made to name none, so that the listener is not called at all, rather than counting on it being
   * refused in turn.
   */
  private static void noFailedRun(ExecuteJobsCmd command) {
    JobFailureCollector collector = CommandArguments.of(command, "jobFailureCollector");
    try {
      Field jobId = JobFailureCollector.class.getDeclaredField("jobId");
      jobId.setAccessible(true);
      jobId.set(collector, null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's job failure collector changed: a refused execution could spend a retry", e);
    }
  }

  /**
   * A command refused by the allow-list: 403 with the reason in French, through whichever door it
   * came, also when the engine wraps it (a job execution).
   */
  public static final class Refused extends AuthorizationException {

    Refused(String reason) {
      super(reason);
    }

    /** The guard's refusal behind an exception, or null. */
    public static Refused in(Throwable exception) {
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof Refused refused) {
          return refused;
        }
      }
      return null;
    }
  }

  /** What the allow-list looks up, read in a command of the application's own (not judged), without checks. */
  static final class EngineLookups implements EngineAllowList.Lookups {

    private final ProcessEngineConfigurationImpl configuration;

    EngineLookups(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public String processDefinitionKey(String processDefinitionId) {
      if (processDefinitionId == null) {
        return null;
      }
      return withoutChecks(() -> {
        var definition = configuration.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionId(processDefinitionId).singleResult();
        return definition == null ? null : definition.getKey();
      });
    }

    @Override
    public boolean inTaskTeam(String taskId, String userId) {
      if (taskId == null || userId == null) {
        return false;
      }
      return withoutChecks(() -> {
        var task = configuration.getTaskService().createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
          return false;
        }
        if (userId.equals(task.getAssignee())) {
          return true;
        }
        List<String> groups = new ArrayList<>();
        for (IdentityLink link : configuration.getTaskService().getIdentityLinksForTask(taskId)) {
          if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
            if (userId.equals(link.getUserId())) {
              return true;
            }
            if (link.getGroupId() != null) {
              groups.add(link.getGroupId());
            }
          }
        }
        return !groups.isEmpty() && configuration.getIdentityService().createGroupQuery()
            .groupMember(userId).groupIdIn(groups.toArray(String[]::new)).count() > 0;
      });
    }

    @Override
    public boolean callerSeesTask(String taskId) {
      // as the caller: their authorizations and tenants decide
      return taskId != null && configuration.getTaskService().createTaskQuery().taskId(taskId).count() > 0;
    }

    @Override
    public List<String> storedProfile(String userId) {
      return withoutChecks(() -> {
        User user = configuration.getIdentityService().createUserQuery().userId(userId).singleResult();
        return user == null ? null : List.of(nullToEmpty(user.getFirstName()), nullToEmpty(user.getLastName()),
            nullToEmpty(user.getEmail()));
      });
    }

    private <T> T withoutChecks(java.util.function.Supplier<T> lookup) {
      return configuration.getCommandExecutorTxRequired().execute(commandContext -> {
        commandContext.disableTenantCheck();
        return commandContext.runWithoutAuthorization(lookup::get);
      });
    }

    private static String nullToEmpty(String value) {
      return value == null ? "" : value;
    }
  }
}
