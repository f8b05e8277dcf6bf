package dev.parley.http.athena;

import dev.parley.actors.workgroup.Configuration;
import dev.parley.actors.workgroup.WorkGroup;
import dev.parley.persistence.WorkGroupReadModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.athena.model.EngineVersion;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.Tag;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroupSummary;

/** Athena's output shapes, made from what the entities and read tables answer. */
final class AthenaOutputs {

    private AthenaOutputs() {}

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
