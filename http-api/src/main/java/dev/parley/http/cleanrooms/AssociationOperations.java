package dev.parley.http.cleanrooms;

import static dev.parley.http.cleanrooms.CleanRoomsRequests.enumOf;

import dev.parley.actors.association.ConfiguredTableAssociation;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.common.Arns;
import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.actors.membership.Membership;
import dev.parley.actors.shared.AnalysisRuleType;
import dev.parley.actors.shared.MemberAbility;
import dev.parley.actors.shared.TableAssociation;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.Cursor;
import dev.parley.persistence.Page;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRule;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRuleAggregation;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRuleCustom;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRuleList;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRulePolicy;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRulePolicyV1;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationSummary;
import software.amazon.awssdk.services.cleanrooms.model.CreateConfiguredTableAssociationAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.CreateConfiguredTableAssociationAnalysisRuleResponse;
import software.amazon.awssdk.services.cleanrooms.model.CreateConfiguredTableAssociationRequest;
import software.amazon.awssdk.services.cleanrooms.model.CreateConfiguredTableAssociationResponse;
import software.amazon.awssdk.services.cleanrooms.model.DeleteConfiguredTableAssociationAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.DeleteConfiguredTableAssociationRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetConfiguredTableAssociationAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetConfiguredTableAssociationAnalysisRuleResponse;
import software.amazon.awssdk.services.cleanrooms.model.GetConfiguredTableAssociationRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetConfiguredTableAssociationResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListConfiguredTableAssociationsRequest;
import software.amazon.awssdk.services.cleanrooms.model.ListConfiguredTableAssociationsResponse;
import software.amazon.awssdk.services.cleanrooms.model.UpdateConfiguredTableAssociationAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.UpdateConfiguredTableAssociationAnalysisRuleResponse;
import software.amazon.awssdk.services.cleanrooms.model.UpdateConfiguredTableAssociationRequest;
import software.amazon.awssdk.services.cleanrooms.model.UpdateConfiguredTableAssociationResponse;

/**
 * Configured table associations and their rules, made by a table's owner in their own membership. Creating one asks the
 * membership and the table (both the caller's), then the collaboration (which keeps the name unique and is the
 * authority on the association), the table and the association in turn; the conversation from collaborations to
 * associations is the backstop. Deleting asks the association, then tells the collaboration and the table.
 */
final class AssociationOperations {

    private final Resources resources;
    private final Answers answers;
    private final String region;

    AssociationOperations(Resources resources, Answers answers, String region) {
        this.resources = resources;
        this.answers = answers;
        this.region = region;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve(
                        "CreateConfiguredTableAssociation",
                        CreateConfiguredTableAssociationRequest::builder,
                        this::createAssociation)
                .serve("GetConfiguredTableAssociation", GetConfiguredTableAssociationRequest::builder, this::get)
                .serve(
                        "ListConfiguredTableAssociations",
                        ListConfiguredTableAssociationsRequest::builder,
                        this::listAssociations)
                .serve(
                        "UpdateConfiguredTableAssociation",
                        UpdateConfiguredTableAssociationRequest::builder,
                        this::updateAssociation)
                .serve(
                        "DeleteConfiguredTableAssociation",
                        DeleteConfiguredTableAssociationRequest::builder,
                        this::deleteAssociation)
                .serve(
                        "CreateConfiguredTableAssociationAnalysisRule",
                        CreateConfiguredTableAssociationAnalysisRuleRequest::builder,
                        this::createRule)
                .serve(
                        "GetConfiguredTableAssociationAnalysisRule",
                        GetConfiguredTableAssociationAnalysisRuleRequest::builder,
                        this::getRule)
                .serve(
                        "UpdateConfiguredTableAssociationAnalysisRule",
                        UpdateConfiguredTableAssociationAnalysisRuleRequest::builder,
                        this::updateRule)
                .serve(
                        "DeleteConfiguredTableAssociationAnalysisRule",
                        DeleteConfiguredTableAssociationAnalysisRuleRequest::builder,
                        this::deleteRule);
    }

    private Route createAssociation(String account, CreateConfiguredTableAssociationRequest request) {
        String associationId = UUID.randomUUID().toString();
        CompletionStage<ConfiguredTableAssociation.Active> created = resources
                .membership(request.membershipIdentifier())
                .ask((ActorRef<StatusReply<Membership.Active>> replyTo) -> new Membership.Get(account, replyTo))
                .thenCompose(membership -> resources
                        .configuredTable(request.configuredTableIdentifier())
                        .ask((ActorRef<StatusReply<ConfiguredTable.Active>> replyTo) ->
                                new ConfiguredTable.Get(account, replyTo))
                        .thenCompose(table -> {
                            var details = membership.details();
                            TableAssociation association = new TableAssociation(
                                    associationId,
                                    Arns.configuredTableAssociation(region, account, details.id(), associationId),
                                    request.name(),
                                    request.description(),
                                    request.roleArn(),
                                    account,
                                    details.id(),
                                    details.arn(),
                                    details.collaborationId(),
                                    details.collaborationArn(),
                                    table.id(),
                                    table.arn(),
                                    request.tags(),
                                    Instant.now());
                            return resources
                                    .collaboration(details.collaborationId())
                                    .ask((ActorRef<StatusReply<TableAssociation>> replyTo) ->
                                            new Collaboration.AssociateTable(account, association, replyTo));
                        }))
                .thenCompose(association -> resources
                        .configuredTable(association.configuredTableId())
                        .ask((ActorRef<StatusReply<ConfiguredTable.Active>> replyTo) ->
                                new ConfiguredTable.Associate(account, association.associationId(), replyTo))
                        .thenCompose(table -> resources
                                .configuredTableAssociation(association.associationId())
                                .ask((ActorRef<StatusReply<ConfiguredTableAssociation.Active>> replyTo) ->
                                        new ConfiguredTableAssociation.Create(association, replyTo))));
        return answers.reply(
                created,
                active -> CreateConfiguredTableAssociationResponse.builder()
                        .configuredTableAssociation(association(active))
                        .build());
    }

    private Route get(String account, GetConfiguredTableAssociationRequest request) {
        return answers.reply(
                resources
                        .configuredTableAssociation(request.configuredTableAssociationIdentifier())
                        .ask((ActorRef<StatusReply<ConfiguredTableAssociation.Active>> replyTo) ->
                                new ConfiguredTableAssociation.Get(account, request.membershipIdentifier(), replyTo)),
                active -> GetConfiguredTableAssociationResponse.builder()
                        .configuredTableAssociation(association(active))
                        .build());
    }

    private Route updateAssociation(String account, UpdateConfiguredTableAssociationRequest request) {
        return answers.reply(
                resources
                        .configuredTableAssociation(request.configuredTableAssociationIdentifier())
                        .ask((ActorRef<StatusReply<ConfiguredTableAssociation.Active>> replyTo) ->
                                new ConfiguredTableAssociation.Update(
                                        account,
                                        request.membershipIdentifier(),
                                        request.description(),
                                        request.roleArn(),
                                        replyTo)),
                active -> UpdateConfiguredTableAssociationResponse.builder()
                        .configuredTableAssociation(association(active))
                        .build());
    }

    private Route deleteAssociation(String account, DeleteConfiguredTableAssociationRequest request) {
        CompletionStage<Done> deleted = resources
                .configuredTableAssociation(request.configuredTableAssociationIdentifier())
                .ask((ActorRef<StatusReply<ConfiguredTableAssociation.Active>> replyTo) ->
                        new ConfiguredTableAssociation.Delete(account, request.membershipIdentifier(), replyTo))
                .thenCompose(active -> {
                    TableAssociation association = active.association();
                    return resources
                            .collaboration(association.collaborationId())
                            .ask((ActorRef<StatusReply<Done>> replyTo) ->
                                    new Collaboration.DisassociateTable(account, association.associationId(), replyTo))
                            .thenCompose(done -> resources
                                    .configuredTable(association.configuredTableId())
                                    .ask((ActorRef<StatusReply<Done>> replyTo) ->
                                            new ConfiguredTable.Disassociate(association.associationId(), replyTo)));
                });
        return answers.noContent(deleted);
    }

    /** Served from the collaboration, which knows its associations, and from each association's own word. */
    private Route listAssociations(String account, ListConfiguredTableAssociationsRequest request) {
        String membershipId = request.membershipIdentifier();
        Answers.PageRequest page = answers.pageRequest(
                "ListConfiguredTableAssociations|" + account + "|" + membershipId,
                request.maxResults(),
                request.nextToken());
        CompletionStage<Page<ConfiguredTableAssociation.Active>> listed = resources
                .membership(membershipId)
                .ask((ActorRef<StatusReply<Membership.Active>> replyTo) -> new Membership.Get(account, replyTo))
                .thenCompose(membership -> resources
                        .collaboration(membership.details().collaborationId())
                        .ask((ActorRef<StatusReply<Collaboration.Associations>> replyTo) ->
                                new Collaboration.ListAssociations(account, replyTo)))
                .thenCompose(all -> {
                    List<CompletableFuture<ConfiguredTableAssociation.Active>> own = all.associations().stream()
                            .filter(association -> association.membershipId().equals(membershipId))
                            .map(association -> resources
                                    .configuredTableAssociation(association.associationId())
                                    .ask((ActorRef<StatusReply<ConfiguredTableAssociation.Active>> replyTo) ->
                                            new ConfiguredTableAssociation.Get(account, membershipId, replyTo))
                                    .toCompletableFuture())
                            .toList();
                    return CompletableFuture.allOf(own.toArray(CompletableFuture[]::new))
                            .thenApply(done -> Page.of(
                                    own.stream().map(CompletableFuture::join).toList(),
                                    page.after(),
                                    page.maxResults(),
                                    active -> new Cursor(
                                            active.association().createTime().toEpochMilli(),
                                            active.association().associationId())));
                });
        return answers.page(
                page,
                listed,
                AssociationOperations::summary,
                (items, next) -> ListConfiguredTableAssociationsResponse.builder()
                        .configuredTableAssociationSummaries(items)
                        .nextToken(next)
                        .build());
    }

    private Route createRule(String account, CreateConfiguredTableAssociationAnalysisRuleRequest request) {
        return answers.reply(
                putRule(
                        account,
                        request.membershipIdentifier(),
                        request.configuredTableAssociationIdentifier(),
                        true,
                        request.analysisRuleTypeAsString(),
                        request.analysisRulePolicy()),
                rule -> CreateConfiguredTableAssociationAnalysisRuleResponse.builder()
                        .analysisRule(rule)
                        .build());
    }

    private Route updateRule(String account, UpdateConfiguredTableAssociationAnalysisRuleRequest request) {
        return answers.reply(
                putRule(
                        account,
                        request.membershipIdentifier(),
                        request.configuredTableAssociationIdentifier(),
                        false,
                        request.analysisRuleTypeAsString(),
                        request.analysisRulePolicy()),
                rule -> UpdateConfiguredTableAssociationAnalysisRuleResponse.builder()
                        .analysisRule(rule)
                        .build());
    }

    /**
     * The policy's kind must be the rule type the path names, and every result receiver a member of the collaboration
     * who can receive results.
     */
    private CompletionStage<ConfiguredTableAssociationAnalysisRule> putRule(
            String account,
            String membershipId,
            String associationId,
            boolean create,
            String ruleType,
            ConfiguredTableAssociationAnalysisRulePolicy policy) {
        AnalysisRuleType type = enumOf(AnalysisRuleType.class, ruleType);
        Receivers receivers = receivers(type, policy.v1());
        var association = resources.configuredTableAssociation(associationId);
        return association
                .ask((ActorRef<StatusReply<ConfiguredTableAssociation.Active>> replyTo) ->
                        new ConfiguredTableAssociation.Get(account, membershipId, replyTo))
                .thenCompose(active -> resources
                        .collaboration(active.association().collaborationId())
                        .ask((ActorRef<StatusReply<Collaboration.MemberListing>> replyTo) ->
                                new Collaboration.ListMembers(account, replyTo)))
                .thenCompose(members -> {
                    Set<String> receiving = members.members().stream()
                            .map(Collaboration.ListedMember::member)
                            .filter(member -> member.abilities().contains(MemberAbility.CAN_RECEIVE_RESULTS))
                            .map(Collaboration.Member::accountId)
                            .collect(Collectors.toSet());
                    List<String> strangers = receivers.resultReceivers().stream()
                            .filter(receiver -> !receiving.contains(receiver))
                            .toList();
                    if (!strangers.isEmpty()) {
                        throw AwsError.validation("allowedResultReceivers must be members of the collaboration who"
                                + " can receive results; these are not: " + strangers);
                    }
                    return association.ask((ActorRef<StatusReply<ConfiguredTableAssociation.Rule>> replyTo) ->
                            new ConfiguredTableAssociation.PutRule(
                                    account,
                                    membershipId,
                                    create,
                                    type,
                                    receivers.resultReceivers(),
                                    receivers.additionalAnalyses(),
                                    replyTo));
                })
                .thenCompose(rule -> association
                        .ask((ActorRef<StatusReply<ConfiguredTableAssociation.Active>> replyTo) ->
                                new ConfiguredTableAssociation.Get(account, membershipId, replyTo))
                        .thenApply(active -> rule(active, rule)));
    }

    private record Receivers(List<String> resultReceivers, List<String> additionalAnalyses) {}

    /** The lists of the policy member the rule type names; any other member set is a ValidationException. */
    private static Receivers receivers(AnalysisRuleType type, ConfiguredTableAssociationAnalysisRulePolicyV1 v1) {
        ConfiguredTableAssociationAnalysisRuleAggregation aggregation = v1.aggregation();
        ConfiguredTableAssociationAnalysisRuleList list = v1.list();
        ConfiguredTableAssociationAnalysisRuleCustom custom = v1.custom();
        AnalysisRuleType given = aggregation != null
                ? AnalysisRuleType.AGGREGATION
                : list != null ? AnalysisRuleType.LIST : custom != null ? AnalysisRuleType.CUSTOM : null;
        if (given != type) {
            throw AwsError.validation("The policy must be the " + type + " policy the analysisRuleType names");
        }
        return switch (type) {
            case AGGREGATION ->
                new Receivers(aggregation.allowedResultReceivers(), aggregation.allowedAdditionalAnalyses());
            case LIST -> new Receivers(list.allowedResultReceivers(), list.allowedAdditionalAnalyses());
            case CUSTOM -> new Receivers(custom.allowedResultReceivers(), custom.allowedAdditionalAnalyses());
        };
    }

    private Route getRule(String account, GetConfiguredTableAssociationAnalysisRuleRequest request) {
        var association = resources.configuredTableAssociation(request.configuredTableAssociationIdentifier());
        AnalysisRuleType type = enumOf(AnalysisRuleType.class, request.analysisRuleTypeAsString());
        CompletionStage<ConfiguredTableAssociationAnalysisRule> rule = association
                .ask((ActorRef<StatusReply<ConfiguredTableAssociation.Active>> replyTo) ->
                        new ConfiguredTableAssociation.Get(account, request.membershipIdentifier(), replyTo))
                .thenCompose(active -> association
                        .ask((ActorRef<StatusReply<ConfiguredTableAssociation.Rule>> replyTo) ->
                                new ConfiguredTableAssociation.GetRule(
                                        account, request.membershipIdentifier(), type, replyTo))
                        .thenApply(found -> rule(active, found)));
        return answers.reply(
                rule,
                found -> GetConfiguredTableAssociationAnalysisRuleResponse.builder()
                        .analysisRule(found)
                        .build());
    }

    private Route deleteRule(String account, DeleteConfiguredTableAssociationAnalysisRuleRequest request) {
        return answers.noContent(resources
                .configuredTableAssociation(request.configuredTableAssociationIdentifier())
                .ask((ActorRef<StatusReply<Done>> replyTo) -> new ConfiguredTableAssociation.DeleteRule(
                        account,
                        request.membershipIdentifier(),
                        enumOf(AnalysisRuleType.class, request.analysisRuleTypeAsString()),
                        replyTo)));
    }

    private static software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociation association(
            ConfiguredTableAssociation.Active active) {
        TableAssociation association = active.association();
        return software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociation.builder()
                .id(association.associationId())
                .arn(association.associationArn())
                .name(association.name())
                .description(active.description())
                .roleArn(active.roleArn())
                .configuredTableId(association.configuredTableId())
                .configuredTableArn(association.configuredTableArn())
                .membershipId(association.membershipId())
                .membershipArn(association.membershipArn())
                .analysisRuleTypesWithStrings(ruleTypes(active))
                .createTime(association.createTime())
                .updateTime(active.updateTime())
                .build();
    }

    private static ConfiguredTableAssociationSummary summary(ConfiguredTableAssociation.Active active) {
        TableAssociation association = active.association();
        return ConfiguredTableAssociationSummary.builder()
                .id(association.associationId())
                .arn(association.associationArn())
                .name(association.name())
                .configuredTableId(association.configuredTableId())
                .membershipId(association.membershipId())
                .membershipArn(association.membershipArn())
                .analysisRuleTypesWithStrings(ruleTypes(active))
                .createTime(association.createTime())
                .updateTime(active.updateTime())
                .build();
    }

    private static List<String> ruleTypes(ConfiguredTableAssociation.Active active) {
        return active.rules().keySet().stream().sorted().map(Enum::name).toList();
    }

    private static ConfiguredTableAssociationAnalysisRule rule(
            ConfiguredTableAssociation.Active active, ConfiguredTableAssociation.Rule rule) {
        ConfiguredTableAssociationAnalysisRulePolicyV1.Builder v1 =
                ConfiguredTableAssociationAnalysisRulePolicyV1.builder();
        switch (rule.type()) {
            case AGGREGATION ->
                v1.aggregation(a -> a.allowedResultReceivers(rule.allowedResultReceivers())
                        .allowedAdditionalAnalyses(rule.allowedAdditionalAnalyses()));
            case LIST ->
                v1.list(l -> l.allowedResultReceivers(rule.allowedResultReceivers())
                        .allowedAdditionalAnalyses(rule.allowedAdditionalAnalyses()));
            case CUSTOM ->
                v1.custom(c -> c.allowedResultReceivers(rule.allowedResultReceivers())
                        .allowedAdditionalAnalyses(rule.allowedAdditionalAnalyses()));
        }
        return ConfiguredTableAssociationAnalysisRule.builder()
                .membershipIdentifier(active.association().membershipId())
                .configuredTableAssociationId(active.association().associationId())
                .configuredTableAssociationArn(active.association().associationArn())
                .type(rule.type().name())
                .policy(p -> p.v1(v1.build()))
                .createTime(rule.createTime())
                .updateTime(rule.updateTime())
                .build();
    }
}
