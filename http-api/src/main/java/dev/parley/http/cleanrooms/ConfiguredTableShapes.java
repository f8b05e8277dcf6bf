package dev.parley.http.cleanrooms;

import static dev.parley.http.cleanrooms.CleanRoomsRequests.enumOf;

import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.actors.configuredtable.ConfiguredTable.AdditionalAnalyses;
import dev.parley.actors.configuredtable.ConfiguredTable.AggregateFunction;
import dev.parley.actors.configuredtable.ConfiguredTable.AggregationPolicy;
import dev.parley.actors.configuredtable.ConfiguredTable.AggregationType;
import dev.parley.actors.configuredtable.ConfiguredTable.CustomPolicy;
import dev.parley.actors.configuredtable.ConfiguredTable.JoinOperator;
import dev.parley.actors.configuredtable.ConfiguredTable.JoinRequired;
import dev.parley.actors.configuredtable.ConfiguredTable.ListPolicy;
import dev.parley.actors.configuredtable.ConfiguredTable.Policy;
import dev.parley.actors.configuredtable.ConfiguredTable.ScalarFunction;
import dev.parley.http.wire.AwsError;
import dev.parley.persistence.ConfiguredTableReadModel.ConfiguredTableRow;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cleanrooms.model.AggregateColumn;
import software.amazon.awssdk.services.cleanrooms.model.AggregationConstraint;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRuleAggregation;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRuleCustom;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRuleList;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRulePolicy;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRulePolicyV1;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRule;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRulePolicy;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRulePolicyV1;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableSummary;
import software.amazon.awssdk.services.cleanrooms.model.GlueTableReference;
import software.amazon.awssdk.services.cleanrooms.model.TableReference;

/** Configured tables and their analysis rules between the model's typed classes and the domain's records. */
final class ConfiguredTableShapes {

    private ConfiguredTableShapes() {}

    /** The Glue reference, the only kind the embedded catalog serves. */
    static ConfiguredTable.TableReference tableReference(TableReference reference) {
        GlueTableReference glue = reference.glue();
        if (glue == null) {
            throw AwsError.validation("tableReference " + reference.type()
                    + " is not supported; only glue, which names a table of Parley's embedded data catalog, is");
        }
        return new ConfiguredTable.TableReference(glue.databaseName(), glue.tableName(), glue.regionAsString());
    }

    static <E extends Enum<E>> List<E> enums(Class<E> type, boolean present, List<String> values) {
        return present ? values.stream().map(value -> enumOf(type, value)).toList() : null;
    }

    static Policy policy(ConfiguredTableAnalysisRulePolicy policy) {
        ConfiguredTableAnalysisRulePolicyV1 v1 = policy.v1();
        if (v1.aggregation() != null) {
            AnalysisRuleAggregation aggregation = v1.aggregation();
            return new AggregationPolicy(
                    aggregation.aggregateColumns().stream()
                            .map(column -> new ConfiguredTable.AggregateColumn(
                                    column.columnNames(), enumOf(AggregateFunction.class, column.functionAsString())))
                            .toList(),
                    aggregation.joinColumns(),
                    enumOf(JoinRequired.class, aggregation.joinRequiredAsString()),
                    enums(
                            JoinOperator.class,
                            aggregation.hasAllowedJoinOperators(),
                            aggregation.allowedJoinOperatorsAsStrings()),
                    aggregation.dimensionColumns(),
                    enums(ScalarFunction.class, true, aggregation.scalarFunctionsAsStrings()),
                    aggregation.outputConstraints().stream()
                            .map(constraint -> new ConfiguredTable.AggregationConstraint(
                                    constraint.columnName(),
                                    constraint.minimum(),
                                    enumOf(AggregationType.class, constraint.typeAsString())))
                            .toList(),
                    enumOf(AdditionalAnalyses.class, aggregation.additionalAnalysesAsString()));
        }
        if (v1.list() != null) {
            AnalysisRuleList list = v1.list();
            return new ListPolicy(
                    list.joinColumns(),
                    enums(JoinOperator.class, list.hasAllowedJoinOperators(), list.allowedJoinOperatorsAsStrings()),
                    list.listColumns(),
                    enumOf(AdditionalAnalyses.class, list.additionalAnalysesAsString()));
        }
        AnalysisRuleCustom custom = v1.custom();
        if (custom.differentialPrivacy() != null) {
            throw AwsError.validation("differentialPrivacy is not supported yet: a CUSTOM analysis rule cannot use it");
        }
        return new CustomPolicy(
                custom.allowedAnalyses(),
                custom.hasAllowedAnalysisProviders() ? custom.allowedAnalysisProviders() : null,
                custom.hasDisallowedOutputColumns() ? custom.disallowedOutputColumns() : null,
                enumOf(AdditionalAnalyses.class, custom.additionalAnalysesAsString()));
    }

    static software.amazon.awssdk.services.cleanrooms.model.ConfiguredTable configuredTable(
            ConfiguredTable.Active table) {
        ConfiguredTable.Configuration configuration = table.configuration();
        ConfiguredTable.TableReference reference = configuration.tableReference();
        return software.amazon.awssdk.services.cleanrooms.model.ConfiguredTable.builder()
                .id(table.id())
                .arn(table.arn())
                .name(configuration.name())
                .description(configuration.description())
                .tableReference(TableReference.builder()
                        .glue(GlueTableReference.builder()
                                .databaseName(reference.databaseName())
                                .tableName(reference.tableName())
                                .region(reference.region())
                                .build())
                        .build())
                .createTime(table.createTime())
                .updateTime(table.updateTime())
                .analysisRuleTypesWithStrings(names(table.analysisRuleTypes()))
                .analysisMethod(configuration.analysisMethod().name())
                .allowedColumns(configuration.allowedColumns())
                .selectedAnalysisMethodsWithStrings(names(configuration.selectedAnalysisMethods()))
                .build();
    }

    static ConfiguredTableSummary summary(ConfiguredTableRow row) {
        return ConfiguredTableSummary.builder()
                .id(row.id())
                .arn(row.arn())
                .name(row.name())
                .createTime(Instant.ofEpochMilli(row.createTime()))
                .updateTime(Instant.ofEpochMilli(row.updateTime()))
                .analysisRuleTypesWithStrings(row.analysisRuleTypes())
                .analysisMethod(row.analysisMethod())
                .selectedAnalysisMethodsWithStrings(row.selectedAnalysisMethods())
                .build();
    }

    static ConfiguredTableAnalysisRule analysisRule(ConfiguredTable.RuleView view) {
        ConfiguredTable.AnalysisRule rule = view.rule();
        return ConfiguredTableAnalysisRule.builder()
                .configuredTableId(view.configuredTableId())
                .configuredTableArn(view.configuredTableArn())
                .type(rule.policy().type().name())
                .policy(ConfiguredTableAnalysisRulePolicy.builder()
                        .v1(policyV1(rule.policy()))
                        .build())
                .createTime(rule.createTime())
                .updateTime(rule.updateTime())
                .build();
    }

    /** A table's rule as a collaboration's schema shows it: the same policy under the schema's own shape. */
    static AnalysisRulePolicy schemaPolicy(Policy policy) {
        ConfiguredTableAnalysisRulePolicyV1 v1 = policyV1(policy);
        return AnalysisRulePolicy.builder()
                .v1(AnalysisRulePolicyV1.builder()
                        .aggregation(v1.aggregation())
                        .list(v1.list())
                        .custom(v1.custom())
                        .build())
                .build();
    }

    private static ConfiguredTableAnalysisRulePolicyV1 policyV1(Policy policy) {
        if (policy instanceof AggregationPolicy aggregation) {
            return ConfiguredTableAnalysisRulePolicyV1.builder()
                    .aggregation(AnalysisRuleAggregation.builder()
                            .aggregateColumns(aggregation.aggregateColumns().stream()
                                    .map(column -> AggregateColumn.builder()
                                            .columnNames(column.columnNames())
                                            .function(column.function().name())
                                            .build())
                                    .toList())
                            .joinColumns(aggregation.joinColumns())
                            .joinRequired(name(aggregation.joinRequired()))
                            .allowedJoinOperatorsWithStrings(names(aggregation.allowedJoinOperators()))
                            .dimensionColumns(aggregation.dimensionColumns())
                            .scalarFunctionsWithStrings(names(aggregation.scalarFunctions()))
                            .outputConstraints(aggregation.outputConstraints().stream()
                                    .map(constraint -> AggregationConstraint.builder()
                                            .columnName(constraint.columnName())
                                            .minimum(constraint.minimum())
                                            .type(constraint.type().name())
                                            .build())
                                    .toList())
                            .additionalAnalyses(name(aggregation.additionalAnalyses()))
                            .build())
                    .build();
        }
        if (policy instanceof ListPolicy list) {
            return ConfiguredTableAnalysisRulePolicyV1.builder()
                    .list(AnalysisRuleList.builder()
                            .joinColumns(list.joinColumns())
                            .allowedJoinOperatorsWithStrings(names(list.allowedJoinOperators()))
                            .listColumns(list.listColumns())
                            .additionalAnalyses(name(list.additionalAnalyses()))
                            .build())
                    .build();
        }
        CustomPolicy custom = (CustomPolicy) policy;
        return ConfiguredTableAnalysisRulePolicyV1.builder()
                .custom(AnalysisRuleCustom.builder()
                        .allowedAnalyses(custom.allowedAnalyses())
                        .allowedAnalysisProviders(custom.allowedAnalysisProviders())
                        .disallowedOutputColumns(custom.disallowedOutputColumns())
                        .additionalAnalyses(name(custom.additionalAnalyses()))
                        .build())
                .build();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static List<String> names(List<? extends Enum<?>> values) {
        return values == null ? null : values.stream().map(Enum::name).toList();
    }
}
