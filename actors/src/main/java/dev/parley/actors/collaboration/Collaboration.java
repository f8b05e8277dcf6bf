package dev.parley.actors.collaboration;

import dev.parley.actors.common.Arns;
import dev.parley.actors.common.CborSerializable;
import dev.parley.actors.common.ExpectsStatusReply;
import dev.parley.actors.common.ParleyEntity;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.common.Taggable;
import dev.parley.actors.common.Tags;
import dev.parley.actors.shared.JoinedMember;
import dev.parley.actors.shared.MemberAbility;
import dev.parley.actors.shared.MemberStatus;
import dev.parley.actors.shared.MembershipSettings;
import dev.parley.actors.shared.MembershipStanding;
import dev.parley.actors.shared.QueryLogStatus;
import dev.parley.actors.shared.TableAssociation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilderByState;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandlerBuilder;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * A collaboration: its creator, its fixed list of members and their standing. It is the authority on who may join; a
 * join is recorded here first, then the membership is created from it (by the route that asked, and by the
 * conversation package's projection should that not happen). It knows no other aggregate.
 */
public final class Collaboration extends ParleyEntity<Collaboration.Command, Collaboration.Event, Collaboration.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "Collaboration");
    public static final String TAG = "collaboration";
    private static final Taggable.Events<Event> TAG_EVENTS = new Taggable.Events<>(TagsAdded::new, TagsRemoved::new);

    /** The collaboration's own facts. */
    public record Details(
            String id,
            String arn,
            String name,
            String description,
            String creatorAccountId,
            String creatorDisplayName,
            DataEncryptionMetadata dataEncryptionMetadata,
            QueryLogStatus queryLogStatus,
            AnalyticsEngine analyticsEngine,
            Instant createTime,
            Instant updateTime) {

        Details updated(String newName, String newDescription, AnalyticsEngine newEngine, Instant time) {
            return new Details(
                    id,
                    arn,
                    newName,
                    newDescription,
                    creatorAccountId,
                    creatorDisplayName,
                    dataEncryptionMetadata,
                    queryLogStatus,
                    newEngine,
                    createTime,
                    time);
        }
    }

    /**
     * A member (the creator included). {@code paysForQueryCompute} is the effective payer flag, after
     * the default-payer rule; {@code membershipId} is set once the member joined.
     */
    public record Member(
            String accountId,
            String displayName,
            List<MemberAbility> abilities,
            boolean paysForQueryCompute,
            MemberStatus status,
            String membershipId,
            MembershipSettings membershipSettings,
            Instant createTime,
            Instant updateTime) {
        public Member {
            abilities = List.copyOf(abilities);
        }

        Member with(MemberStatus newStatus, Instant time) {
            return new Member(
                    accountId,
                    displayName,
                    abilities,
                    paysForQueryCompute,
                    newStatus,
                    membershipId,
                    membershipSettings,
                    createTime,
                    time);
        }

        Member joined(String newMembershipId, MembershipSettings settings, Instant time) {
            return new Member(
                    accountId,
                    displayName,
                    abilities,
                    paysForQueryCompute,
                    MemberStatus.ACTIVE,
                    newMembershipId,
                    settings,
                    createTime,
                    time);
        }
    }

    /** What the creator asks for in CreateCollaboration. */
    public record NewCollaboration(
            String creatorAccountId,
            String name,
            String description,
            List<MemberAbility> creatorMemberAbilities,
            String creatorDisplayName,
            Boolean creatorPaysForQueryCompute,
            List<MemberSpecification> members,
            DataEncryptionMetadata dataEncryptionMetadata,
            QueryLogStatus queryLogStatus,
            AnalyticsEngine analyticsEngine,
            Map<String, String> tags) {
        public NewCollaboration {
            creatorMemberAbilities = List.copyOf(creatorMemberAbilities);
            members = List.copyOf(members);
            tags = Map.copyOf(tags);
        }
    }

    /** One member as ListMembers shows them; {@code membershipArn} is null until they join. */
    public record ListedMember(Member member, String membershipArn) implements CborSerializable {}

    public record MemberListing(List<ListedMember> members) implements CborSerializable {
        public MemberListing {
            members = List.copyOf(members);
        }
    }

    /** A collaboration as one member sees it: the details plus that member's own standing. */
    public record View(Details details, Member caller, String callerMembershipArn) implements CborSerializable {}

    // Commands

    public sealed interface Command extends CborSerializable {}

    public record Create(NewCollaboration request, ActorRef<StatusReply<View>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record Get(String caller, ActorRef<StatusReply<View>> replyTo) implements Command, ExpectsStatusReply {}

    /** Every member, the creator first, for anyone who may read the collaboration (ListMembers). */
    public record ListMembers(String caller, ActorRef<StatusReply<MemberListing>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** Null fields are left as they are. */
    public record Update(
            String caller,
            String name,
            String description,
            AnalyticsEngine analyticsEngine,
            ActorRef<StatusReply<View>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record Delete(String caller, ActorRef<StatusReply<Done>> replyTo) implements Command, ExpectsStatusReply {}

    /** The creator removes a member (DeleteMember). */
    public record RemoveMember(String caller, String accountId, ActorRef<StatusReply<Done>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** An invited member joins: answered, once the join is recorded, with what their membership is made from. */
    public record Join(
            String caller,
            String membershipId,
            MembershipSettings settings,
            ActorRef<StatusReply<JoinedMember>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** For the conversation that creates memberships: the joined member whose membership this is. */
    public record DescribeJoinedMember(String membershipId, ActorRef<StatusReply<JoinedMember>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** For the conversation that keeps memberships in step: every joined member's standing now. */
    public record DescribeMembershipStandings(ActorRef<StatusReply<MembershipStanding.All>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** For the conversation from memberships: a member left through their membership. Idempotent. */
    public record MemberLeft(String accountId, ActorRef<StatusReply<Done>> replyTo)
            implements Command, ExpectsStatusReply {}

    /**
     * A member puts one of their configured tables into the collaboration under a name no other association has
     * (CreateConfiguredTableAssociation): answered, once recorded, with what the association is created from.
     * Idempotent for the same association.
     */
    public record AssociateTable(
            String caller, TableAssociation association, ActorRef<StatusReply<TableAssociation>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** The association's owner takes the table out (DeleteConfiguredTableAssociation). Idempotent. */
    public record DisassociateTable(String caller, String associationId, ActorRef<StatusReply<Done>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** The associated tables, in association order, for the creator and active members (ListSchemas). */
    public record ListAssociations(String caller, ActorRef<StatusReply<Associations>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** For the conversation that creates associations: the association as recorded here. */
    public record DescribeAssociation(String associationId, ActorRef<StatusReply<TableAssociation>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** TagResource, UntagResource and ListTagsForResource, answered as every taggable entity answers them. */
    public record Tagging(Taggable.Command command) implements Command, Taggable.Carrier {}

    public record Associations(List<TableAssociation> associations) implements CborSerializable {
        public Associations {
            associations = List.copyOf(associations);
        }
    }

    // Events

    public sealed interface Event extends CborSerializable {}

    public record CollaborationCreated(Details details, List<Member> members, Map<String, String> tags)
            implements Event {}

    public record CollaborationUpdated(
            String name, String description, AnalyticsEngine analyticsEngine, Instant updateTime) implements Event {}

    /**
     * {@code settings} are what the member asked for, so that a membership created again after a crash gets them too;
     * null in events recorded before they were kept.
     */
    public record MemberJoined(
            String accountId,
            String membershipId,
            String membershipArn,
            Instant updateTime,
            MembershipSettings settings)
            implements Event {}

    public record MemberLeftCollaboration(String accountId, Instant updateTime) implements Event {}

    public record MemberRemoved(String accountId, Instant updateTime) implements Event {}

    public record CollaborationDeleted(Instant updateTime) implements Event {}

    public record TagsAdded(Map<String, String> tags) implements Event {}

    public record TagsRemoved(List<String> tagKeys) implements Event {}

    public record TableAssociated(TableAssociation association) implements Event {}

    public record TableDisassociated(String associationId) implements Event {}

    // State

    public sealed interface State extends CborSerializable {}

    public record Empty() implements State {}

    /**
     * Members keyed by account id, in invitation order; associated tables keyed by their name in the collaboration
     * (null in snapshots taken before tables could be associated).
     */
    public record Active(
            Details details,
            Map<String, Member> members,
            Map<String, String> tags,
            Map<String, TableAssociation> associations)
            implements State {
        public Active {
            associations = associations == null ? Map.of() : associations;
        }

        Active(Details details, Map<String, Member> members, Map<String, String> tags) {
            this(details, members, tags, Map.of());
        }

        /** A member who is no longer active takes their tables out of the collaboration with them. */
        Active withMember(Member member, Instant time) {
            Map<String, Member> updated = new LinkedHashMap<>(members);
            updated.put(member.accountId(), member);
            Map<String, TableAssociation> kept = new LinkedHashMap<>(associations);
            if (member.status() != MemberStatus.ACTIVE) {
                kept.values()
                        .removeIf(association -> association.ownerAccountId().equals(member.accountId()));
            }
            return new Active(
                    details.updated(details.name(), details.description(), details.analyticsEngine(), time),
                    updated,
                    tags,
                    kept);
        }

        Active withAssociations(Map<String, TableAssociation> newAssociations) {
            return new Active(details, members, tags, newAssociations);
        }

        /** The creator, and members who joined and are still active, see the collaboration's tables. */
        boolean schemasReadableBy(String account) {
            Member member = members.get(account);
            return member != null
                    && (account.equals(details.creatorAccountId()) || member.status() == MemberStatus.ACTIVE);
        }

        Optional<TableAssociation> association(String associationId) {
            return associations.values().stream()
                    .filter(association -> association.associationId().equals(associationId))
                    .findFirst();
        }

        /** The creator, and invited or active members, may read the collaboration. */
        boolean readableBy(String account) {
            Member member = members.get(account);
            return member != null
                    && (account.equals(details.creatorAccountId())
                            || member.status() == MemberStatus.INVITED
                            || member.status() == MemberStatus.ACTIVE);
        }
    }

    /** Kept with its members so that their memberships can still be told, however late. */
    public record Deleted(Details details, Map<String, Member> members) implements State {}

    public static Behavior<Command> create(String collaborationId, String region) {
        return new Collaboration(collaborationId, region);
    }

    private final String collaborationId;
    private final String region;

    private Collaboration(String collaborationId, String region) {
        super(ENTITY_TYPE_KEY, TAG, collaborationId);
        this.collaborationId = collaborationId;
        this.region = region;
    }

    @Override
    public State emptyState() {
        return new Empty();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
        builder.forStateType(Empty.class)
                .onCommand(Create.class, this::onCreate)
                .onAnyCommand(this::refuseAsNotFound);
        describing(builder.forStateType(Active.class), Active::details, Active::members, false)
                .onCommand(
                        Create.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        StatusReply.error(new Rejection.Conflict(
                                                "Collaboration " + collaborationId + " already exists"))))
                .onCommand(
                        Get.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        state.readableBy(command.caller())
                                                ? StatusReply.success(view(state, command.caller()))
                                                : notAMember()))
                .onCommand(
                        ListMembers.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        state.readableBy(command.caller())
                                                ? StatusReply.success(
                                                        new MemberListing(state.members().values().stream()
                                                                .map(member ->
                                                                        new ListedMember(member, membershipArn(member)))
                                                                .toList()))
                                                : notAMember()))
                .onCommand(Update.class, this::onUpdate)
                .onCommand(Delete.class, (state, command) -> {
                    if (!isCreator(state, command.caller())) {
                        return Effect().reply(command.replyTo(), onlyCreator("delete"));
                    }
                    return Effect()
                            .persist(new CollaborationDeleted(Instant.now()))
                            .thenReply(command.replyTo(), deleted -> StatusReply.ack());
                })
                .onCommand(RemoveMember.class, this::onRemoveMember)
                .onCommand(Join.class, this::onJoin)
                .onCommand(MemberLeft.class, (state, command) -> {
                    Member member = state.members().get(command.accountId());
                    if (member == null || member.status() != MemberStatus.ACTIVE) {
                        return Effect().reply(command.replyTo(), StatusReply.ack());
                    }
                    return Effect()
                            .persist(new MemberLeftCollaboration(command.accountId(), Instant.now()))
                            .thenReply(command.replyTo(), left -> StatusReply.ack());
                })
                .onCommand(AssociateTable.class, this::onAssociateTable)
                .onCommand(DisassociateTable.class, (state, command) -> {
                    Optional<TableAssociation> association = state.association(command.associationId());
                    if (association.isEmpty()) {
                        return Effect().reply(command.replyTo(), StatusReply.ack());
                    }
                    if (!association.get().ownerAccountId().equals(command.caller())) {
                        return Effect()
                                .reply(
                                        command.replyTo(),
                                        StatusReply.error(new Rejection.AccessDenied(
                                                "Only the member who associated a table can take it out")));
                    }
                    return Effect()
                            .persist(new TableDisassociated(command.associationId()))
                            .thenReply(command.replyTo(), removed -> StatusReply.ack());
                })
                .onCommand(
                        ListAssociations.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        state.schemasReadableBy(command.caller())
                                                ? StatusReply.success(new Associations(List.copyOf(
                                                        state.associations().values())))
                                                : notAMember()))
                .onCommand(
                        DescribeAssociation.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        state.association(command.associationId())
                                                .map(StatusReply::success)
                                                .orElseGet(() -> noSuchAssociation(command.associationId()))))
                .onCommand(
                        Tagging.class,
                        (state, tagging) -> Taggable.handle(
                                Effect(),
                                tagging.command(),
                                state.tags(),
                                isCreator(state, tagging.command().caller()),
                                () -> new Rejection.AccessDenied("Only the creator of collaboration " + collaborationId
                                        + " can tag it or list its tags"),
                                TAG_EVENTS));
        describing(builder.forStateType(Deleted.class), Deleted::details, Deleted::members, true)
                .onCommand(MemberLeft.class, (state, command) -> Effect().reply(command.replyTo(), StatusReply.ack()))
                // A deleted collaboration holds no tables, so taking one out of it is already done.
                .onCommand(
                        DisassociateTable.class,
                        (state, command) -> Effect().reply(command.replyTo(), StatusReply.ack()))
                .onAnyCommand(this::refuseAsNotFound);
        return builder.build();
    }

    private ReplyEffect<Event, State> onCreate(Empty state, Create command) {
        NewCollaboration request = command.request();
        List<Member> members;
        try {
            members = PayerRules.membersOf(request, Instant.now());
        } catch (Rejection rejection) {
            return Effect().reply(command.replyTo(), StatusReply.error(rejection));
        }
        try {
            Tags.checkLimit(Map.of(), request.tags());
        } catch (Rejection rejection) {
            return Effect().reply(command.replyTo(), StatusReply.error(rejection));
        }
        Instant now = members.get(0).createTime();
        Details details = new Details(
                collaborationId,
                Arns.collaboration(region, request.creatorAccountId(), collaborationId),
                request.name(),
                request.description(),
                request.creatorAccountId(),
                request.creatorDisplayName(),
                request.dataEncryptionMetadata(),
                request.queryLogStatus(),
                request.analyticsEngine(),
                now,
                now);
        return Effect()
                .persist(new CollaborationCreated(details, members, request.tags()))
                .thenReply(
                        command.replyTo(),
                        created -> StatusReply.success(view((Active) created, request.creatorAccountId())));
    }

    private ReplyEffect<Event, State> onUpdate(Active state, Update command) {
        if (!isCreator(state, command.caller())) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            state.readableBy(command.caller()) ? onlyCreator("update") : notAMember());
        }
        Details current = state.details();
        String name = command.name() != null ? command.name() : current.name();
        String description = command.description() != null ? command.description() : current.description();
        AnalyticsEngine engine =
                command.analyticsEngine() != null ? command.analyticsEngine() : current.analyticsEngine();
        return Effect()
                .persist(new CollaborationUpdated(name, description, engine, Instant.now()))
                .thenReply(command.replyTo(), updated -> StatusReply.success(view((Active) updated, command.caller())));
    }

    private ReplyEffect<Event, State> onRemoveMember(Active state, RemoveMember command) {
        if (!isCreator(state, command.caller())) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            state.readableBy(command.caller()) ? onlyCreator("remove members from") : notAMember());
        }
        if (command.accountId().equals(command.caller())) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.Invalid(
                                    "The collaboration creator cannot be removed; delete the collaboration instead")));
        }
        Member member = state.members().get(command.accountId());
        if (member == null) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.NotFound("Account " + command.accountId()
                                    + " is not a member of collaboration " + collaborationId)));
        }
        if (member.status() == MemberStatus.LEFT || member.status() == MemberStatus.REMOVED) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.Conflict(
                                    "Member " + command.accountId() + " is already " + member.status())));
        }
        return Effect()
                .persist(new MemberRemoved(command.accountId(), Instant.now()))
                .thenReply(command.replyTo(), removed -> StatusReply.ack());
    }

    private ReplyEffect<Event, State> onJoin(Active state, Join command) {
        Member member = state.members().get(command.caller());
        if (member == null) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.AccessDenied("Account " + command.caller()
                                    + " is not invited to collaboration " + collaborationId)));
        }
        if (member.status() != MemberStatus.INVITED) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.Conflict(
                                    member.status() == MemberStatus.ACTIVE
                                            ? "Account " + command.caller() + " already has membership "
                                                    + member.membershipId() + " in collaboration " + collaborationId
                                            : "Account " + command.caller() + " is " + member.status()
                                                    + " and cannot join collaboration " + collaborationId + " again")));
        }
        try {
            PayerRules.checkAcceptance(member, command.settings().paysForQueryCompute());
            Tags.checkLimit(Map.of(), command.settings().tags());
        } catch (Rejection rejection) {
            return Effect().reply(command.replyTo(), StatusReply.error(rejection));
        }
        String membershipArn = Arns.membership(region, command.caller(), command.membershipId());
        return Effect()
                .persist(new MemberJoined(
                        command.caller(), command.membershipId(), membershipArn, Instant.now(), command.settings()))
                .thenReply(
                        command.replyTo(),
                        joined -> describeJoinedMember(
                                ((Active) joined).details(), ((Active) joined).members(), command.membershipId()));
    }

    private ReplyEffect<Event, State> onAssociateTable(Active state, AssociateTable command) {
        TableAssociation association = command.association();
        Member member = state.members().get(command.caller());
        if (member == null || member.status() != MemberStatus.ACTIVE) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.AccessDenied("Account " + command.caller()
                                    + " is not an active member of collaboration " + collaborationId)));
        }
        if (!command.caller().equals(association.ownerAccountId())
                || !association.membershipId().equals(member.membershipId())) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.AccessDenied(
                                    "A table can only be associated through the caller's own membership")));
        }
        try {
            Tags.checkLimit(Map.of(), association.tags());
        } catch (Rejection rejection) {
            return Effect().reply(command.replyTo(), StatusReply.error(rejection));
        }
        TableAssociation named = state.associations().get(association.name());
        if (named != null) {
            return named.associationId().equals(association.associationId())
                    ? Effect().reply(command.replyTo(), StatusReply.success(named))
                    : Effect()
                            .reply(
                                    command.replyTo(),
                                    StatusReply.error(new Rejection.Conflict("A table is already associated as "
                                            + association.name() + " in collaboration " + collaborationId)));
        }
        return Effect()
                .persist(new TableAssociated(association))
                .thenReply(command.replyTo(), associated -> StatusReply.success(association));
    }

    private <T> StatusReply<T> noSuchAssociation(String associationId) {
        return StatusReply.error(new Rejection.NotFound(
                "No table is associated with collaboration " + collaborationId + " as " + associationId));
    }

    /** What the conversations ask of a collaboration, answered alike while it is active and once deleted. */
    private <S extends State> CommandHandlerWithReplyBuilderByState<Command, Event, S, State> describing(
            CommandHandlerWithReplyBuilderByState<Command, Event, S, State> handlers,
            Function<S, Details> details,
            Function<S, Map<String, Member>> members,
            boolean deleted) {
        return handlers.onCommand(
                        DescribeJoinedMember.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        describeJoinedMember(
                                                details.apply(state), members.apply(state), command.membershipId())))
                .onCommand(
                        DescribeMembershipStandings.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        StatusReply.success(
                                                standings(details.apply(state), members.apply(state), deleted))));
    }

    private StatusReply<JoinedMember> describeJoinedMember(
            Details details, Map<String, Member> members, String membershipId) {
        return members.values().stream()
                .filter(member -> membershipId.equals(member.membershipId()))
                .findFirst()
                .map(member -> StatusReply.success(new JoinedMember(
                        membershipId,
                        Arns.membership(region, member.accountId(), membershipId),
                        member.accountId(),
                        collaborationId,
                        details.arn(),
                        details.name(),
                        details.creatorAccountId(),
                        details.creatorDisplayName(),
                        member.abilities(),
                        member.paysForQueryCompute(),
                        // Joins recorded before the settings were kept fall back to the collaboration's defaults.
                        member.membershipSettings() != null
                                ? member.membershipSettings()
                                : new MembershipSettings(details.queryLogStatus(), null, null, Map.of()),
                        member.updateTime())))
                .orElseGet(() -> StatusReply.error(new Rejection.NotFound(
                        "No member of collaboration " + collaborationId + " joined as membership " + membershipId)));
    }

    private static MembershipStanding.All standings(Details details, Map<String, Member> members, boolean deleted) {
        return new MembershipStanding.All(members.values().stream()
                .filter(member -> member.membershipId() != null)
                .map(member -> new MembershipStanding(member.membershipId(), details.name(), member.status(), deleted))
                .toList());
    }

    private View view(Active state, String caller) {
        Member member = state.members().get(caller);
        return new View(state.details(), member, membershipArn(member));
    }

    private String membershipArn(Member member) {
        return member.membershipId() == null
                ? null
                : Arns.membership(region, member.accountId(), member.membershipId());
    }

    private static boolean isCreator(Active state, String caller) {
        return state.details().creatorAccountId().equals(caller);
    }

    private <T> StatusReply<T> notFound() {
        return StatusReply.error(new Rejection.NotFound("Collaboration " + collaborationId + " not found"));
    }

    private <T> StatusReply<T> notAMember() {
        return StatusReply.error(
                new Rejection.AccessDenied("The caller is not a member of collaboration " + collaborationId));
    }

    private <T> StatusReply<T> onlyCreator(String action) {
        return StatusReply.error(new Rejection.AccessDenied(
                "Only the creator of collaboration " + collaborationId + " can " + action + " it"));
    }

    /** Answers any command that expects a reply with not-found; notices (MemberLeft) need none. */
    private ReplyEffect<Event, State> refuseAsNotFound(Command command) {
        return refuse(command, new Rejection.NotFound("Collaboration " + collaborationId + " not found"));
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        EventHandlerBuilder<State, Event> builder = newEventHandlerBuilder();
        builder.forStateType(Empty.class).onEvent(CollaborationCreated.class, (state, event) -> {
            Map<String, Member> members = new LinkedHashMap<>();
            event.members().forEach(member -> members.put(member.accountId(), member));
            return new Active(event.details(), members, event.tags());
        });
        builder.forStateType(Active.class)
                .onEvent(
                        CollaborationUpdated.class,
                        (state, event) -> new Active(
                                state.details()
                                        .updated(
                                                event.name(),
                                                event.description(),
                                                event.analyticsEngine(),
                                                event.updateTime()),
                                state.members(),
                                state.tags(),
                                state.associations()))
                .onEvent(
                        MemberJoined.class,
                        (state, event) -> state.withMember(
                                state.members()
                                        .get(event.accountId())
                                        .joined(event.membershipId(), event.settings(), event.updateTime()),
                                event.updateTime()))
                .onEvent(MemberLeftCollaboration.class, (state, event) -> {
                    Member member = state.members().get(event.accountId());
                    return state.withMember(member.with(MemberStatus.LEFT, event.updateTime()), event.updateTime());
                })
                .onEvent(MemberRemoved.class, (state, event) -> {
                    Member member = state.members().get(event.accountId());
                    return state.withMember(member.with(MemberStatus.REMOVED, event.updateTime()), event.updateTime());
                })
                .onEvent(CollaborationDeleted.class, (state, event) -> new Deleted(state.details(), state.members()))
                .onEvent(
                        TagsAdded.class,
                        (state, event) -> new Active(
                                state.details(),
                                state.members(),
                                Tags.merged(state.tags(), event.tags()),
                                state.associations()))
                .onEvent(
                        TagsRemoved.class,
                        (state, event) -> new Active(
                                state.details(),
                                state.members(),
                                Tags.without(state.tags(), event.tagKeys()),
                                state.associations()))
                .onEvent(TableAssociated.class, (state, event) -> {
                    Map<String, TableAssociation> associations = new LinkedHashMap<>(state.associations());
                    associations.put(event.association().name(), event.association());
                    return state.withAssociations(associations);
                })
                .onEvent(TableDisassociated.class, (state, event) -> {
                    Map<String, TableAssociation> associations = new LinkedHashMap<>(state.associations());
                    associations
                            .values()
                            .removeIf(association -> association.associationId().equals(event.associationId()));
                    return state.withAssociations(associations);
                });
        return builder.build();
    }
}
