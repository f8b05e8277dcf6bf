package dev.parley.http.athena;

import dev.parley.actors.session.EngineBudget;
import dev.parley.actors.session.Executor;
import dev.parley.actors.session.Session;
import dev.parley.actors.shared.EngineVersions;
import dev.parley.actors.workgroup.Configuration;
import dev.parley.actors.workgroup.WorkGroup;
import dev.parley.persistence.SessionReadModel;
import dev.parley.persistence.WorkGroupReadModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.athena.model.EngineConfiguration;
import software.amazon.awssdk.services.athena.model.EngineVersion;
import software.amazon.awssdk.services.athena.model.ExecutorType;
import software.amazon.awssdk.services.athena.model.ExecutorsSummary;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.SessionConfiguration;
import software.amazon.awssdk.services.athena.model.SessionStatus;
import software.amazon.awssdk.services.athena.model.SessionSummary;
import software.amazon.awssdk.services.athena.model.Tag;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroupSummary;

/** Athena's output shapes, made from what the entities and read tables answer. */
final class AthenaOutputs {

    private AthenaOutputs() {}

    /** The engine every session runs on. */
    static final EngineVersion SPARK = engineVersion(EngineVersions.PYSPARK_3, EngineVersions.PYSPARK_3);

    static EngineConfiguration engineConfiguration(EngineBudget engine) {
        return EngineConfiguration.builder()
                .coordinatorDpuSize(engine.coordinatorDpuSize())
                .maxConcurrentDpus(engine.maxConcurrentDpus())
                .defaultExecutorDpuSize(engine.defaultExecutorDpuSize())
                .sparkProperties(engine.sparkProperties().isEmpty() ? null : engine.sparkProperties())
                .build();
    }

    static SessionConfiguration sessionConfiguration(Session.Parameters parameters) {
        return SessionConfiguration.builder()
                .sessionIdleTimeoutInMinutes(parameters.idleTimeoutMinutes())
                .idleTimeoutSeconds(parameters.idleTimeoutMinutes() * 60L)
                .workingDirectory(parameters.workingDirectory())
                .build();
    }

    static SessionStatus sessionStatus(Session.Active session) {
        return SessionStatus.builder()
                .state(session.state().name())
                .startDateTime(session.startDateTime())
                .idleSinceDateTime(session.idleSinceDateTime())
                .lastModifiedDateTime(session.lastModifiedDateTime())
                .endDateTime(session.endDateTime())
                .stateChangeReason(session.stateChangeReason())
                .build();
    }

    static ExecutorsSummary executorSummary(Executor executor) {
        return ExecutorsSummary.builder()
                .executorId(executor.executorId())
                .executorType(ExecutorType.COORDINATOR)
                .executorSize(Executor.SIZE_DPUS)
                .executorState(executor.state().name())
                .startDateTime(executor.startDateTime().toEpochMilli())
                .terminationDateTime(
                        executor.terminationDateTime() == null
                                ? null
                                : executor.terminationDateTime().toEpochMilli())
                .build();
    }

    static SessionSummary sessionSummary(SessionReadModel.SessionRow row) {
        return SessionSummary.builder()
                .sessionId(row.sessionId())
                .description(row.description())
                .notebookVersion(row.notebookVersion())
                .engineVersion(SPARK)
                .status(SessionStatus.builder()
                        .state(row.state())
                        .startDateTime(Instant.ofEpochMilli(row.startTime()))
                        .idleSinceDateTime(
                                row.idleSinceTime() == null ? null : Instant.ofEpochMilli(row.idleSinceTime()))
                        .lastModifiedDateTime(Instant.ofEpochMilli(row.lastModifiedTime()))
                        .endDateTime(row.endTime() == null ? null : Instant.ofEpochMilli(row.endTime()))
                        .stateChangeReason(row.stateChangeReason())
                        .build())
                .build();
    }

    static software.amazon.awssdk.services.athena.model.WorkGroup workGroup(WorkGroup.Active workGroup) {
        Configuration configuration = workGroup.configuration();
        return software.amazon.awssdk.services.athena.model.WorkGroup.builder()
                .name(workGroup.name())
                .state(workGroup.state().name())
                .description(workGroup.description())
                .creationTime(workGroup.creationTime())
                .configuration(WorkGroupConfiguration.builder()
                        .resultConfiguration(
                                configuration.outputLocation() == null && configuration.expectedBucketOwner() == null
                                        ? null
                                        : ResultConfiguration.builder()
                                                .outputLocation(configuration.outputLocation())
                                                .expectedBucketOwner(configuration.expectedBucketOwner())
                                                .build())
                        .engineVersion(engineVersion(
                                configuration.selectedEngineVersion(), configuration.effectiveEngineVersion()))
                        .enforceWorkGroupConfiguration(configuration.enforceWorkGroupConfiguration())
                        .publishCloudWatchMetricsEnabled(configuration.publishCloudWatchMetricsEnabled())
                        .requesterPaysEnabled(configuration.requesterPaysEnabled())
                        .executionRole(configuration.executionRole())
                        .build())
                .build();
    }

    static WorkGroupSummary workGroupSummary(WorkGroupReadModel.WorkGroupRow row) {
        return WorkGroupSummary.builder()
                .name(row.name())
                .state(row.state())
                .description(row.description())
                .creationTime(Instant.ofEpochMilli(row.creationTime()))
                .engineVersion(engineVersion(row.selectedEngineVersion(), row.effectiveEngineVersion()))
                .build();
    }

    static EngineVersion engineVersion(String selected, String effective) {
        return EngineVersion.builder()
                .selectedEngineVersion(selected)
                .effectiveEngineVersion(effective)
                .build();
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(tag ->
                        Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList();
    }
}
