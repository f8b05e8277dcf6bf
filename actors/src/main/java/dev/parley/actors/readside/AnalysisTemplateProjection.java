package dev.parley.actors.readside;

import dev.parley.actors.analysistemplate.AnalysisTemplate;
import dev.parley.persistence.AnalysisTemplateReadModel;
import java.sql.Connection;

/** Keeps analysis_template_summary in step with analysis template events. */
final class AnalysisTemplateProjection extends ReadModelHandler<AnalysisTemplate.Event> {

    @Override
    void apply(Connection connection, String id, AnalysisTemplate.Event event) {
        if (event instanceof AnalysisTemplate.AnalysisTemplateCreated created) {
            AnalysisTemplate.Template template = created.template();
            long time = template.createTime().toEpochMilli();
            AnalysisTemplateReadModel.insert(
                    connection,
                    new AnalysisTemplateReadModel.AnalysisTemplateRow(
                            id,
                            template.arn(),
                            template.name(),
                            created.description(),
                            template.creatorAccountId(),
                            template.membershipId(),
                            template.membershipArn(),
                            template.collaborationId(),
                            template.collaborationArn(),
                            time,
                            time));
        } else if (event instanceof AnalysisTemplate.AnalysisTemplateUpdated updated) {
            AnalysisTemplateReadModel.update(
                    connection, id, updated.description(), updated.updateTime().toEpochMilli());
        } else if (event instanceof AnalysisTemplate.AnalysisTemplateDeleted) {
            AnalysisTemplateReadModel.delete(connection, id);
        }
    }
}
