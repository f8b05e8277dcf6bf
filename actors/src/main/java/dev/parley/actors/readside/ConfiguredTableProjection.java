package dev.parley.actors.readside;

import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.persistence.ConfiguredTableReadModel;
import java.sql.Connection;
import java.util.List;

/** Keeps configured_table_summary in step with configured table events. */
final class ConfiguredTableProjection extends ReadModelHandler<ConfiguredTable.Event> {

    @Override
    void apply(Connection connection, String id, ConfiguredTable.Event event) {
        if (event instanceof ConfiguredTable.ConfiguredTableCreated created) {
            ConfiguredTable.Configuration configuration = created.configuration();
            long time = created.createTime().toEpochMilli();
            ConfiguredTableReadModel.insert(
                    connection,
                    new ConfiguredTableReadModel.ConfiguredTableRow(
                            id,
                            created.arn(),
                            created.owner(),
                            configuration.name(),
                            configuration.analysisMethod().name(),
                            names(configuration.selectedAnalysisMethods()),
                            List.of(),
                            time,
                            time));
        } else if (event instanceof ConfiguredTable.ConfiguredTableUpdated updated) {
            ConfiguredTable.Configuration configuration = updated.configuration();
            ConfiguredTableReadModel.update(
                    connection,
                    id,
                    configuration.name(),
                    configuration.analysisMethod().name(),
                    names(configuration.selectedAnalysisMethods()),
                    updated.updateTime().toEpochMilli());
        } else if (event instanceof ConfiguredTable.ConfiguredTableDeleted) {
            ConfiguredTableReadModel.delete(connection, id);
        } else if (event instanceof ConfiguredTable.AnalysisRuleCreated created) {
            ConfiguredTableReadModel.setAnalysisRule(
                    connection, id, created.policy().type().name(), true);
        } else if (event instanceof ConfiguredTable.AnalysisRuleDeleted deleted) {
            ConfiguredTableReadModel.setAnalysisRule(
                    connection, id, deleted.type().name(), false);
        }
        // Rule updates, associations and tags change nothing that a listing shows.
    }

    private static <E extends Enum<E>> List<String> names(List<E> values) {
        return values == null ? null : values.stream().map(Enum::name).toList();
    }
}
