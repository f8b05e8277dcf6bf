package dev.parley.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.actors.analysistemplate.AnalysisTemplate;
import dev.parley.actors.association.ConfiguredTableAssociation;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.actors.conversation.Conversations;
import dev.parley.actors.membership.Membership;
import dev.parley.actors.notebook.Notebook;
import dev.parley.actors.readside.ReadSide;
import dev.parley.actors.session.Session;
import dev.parley.actors.session.SessionWaker;
import dev.parley.actors.workgroup.WorkGroup;
import dev.parley.persistence.DatabaseSettings;
import dev.parley.persistence.SessionReadModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/** The running domain on one node: sharded entities, the read side, and the way in to both. */
public final class Domain {

    private final ClusterSharding sharding;

    private Domain(ClusterSharding sharding) {
        this.sharding = sharding;
    }

    /** The actor-system settings that point the journal and the projections at the database. */
    public static Config configFor(DatabaseSettings database) {
        String profile;
        String dialect;
        switch (database.vendor()) {
            case H2 -> {
                profile = "slick.jdbc.H2Profile$";
                dialect = "h2-dialect";
            }
            case POSTGRESQL -> {
                profile = "slick.jdbc.PostgresProfile$";
                dialect = "postgres-dialect";
            }
            default -> throw new IllegalArgumentException("unsupported database " + database.vendor());
        }
        String shared = "pekko-persistence-jdbc.shared-databases.parley.";
        return ConfigFactory.parseMap(Map.of(
                shared + "profile",
                profile,
                shared + "db.url",
                database.url(),
                shared + "db.user",
                database.user(),
                shared + "db.password",
                database.password(),
                shared + "db.driver",
                database.driverClassName(),
                shared + "db.connectionTimeout",
                database.connectionTimeout().toMillis(),
                "pekko.projection.jdbc.dialect",
                dialect));
    }

    /**
     * Starts sharding for every aggregate, the read side and the conversations between aggregates; joins itself when
     * no seed nodes are set. Calculation results go under {@code dataDir}; {@code askTimeout} bounds each step of a conversation.
     */
    public static Domain start(
            ActorSystem<?> system, String region, DataSource dataSource, Path dataDir, Duration askTimeout) {
        Cluster cluster = Cluster.get(system);
        if (system.settings().config().getList("pekko.cluster.seed-nodes").isEmpty()) {
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
        ClusterSharding sharding = ClusterSharding.get(system);
        Domain domain = new Domain(sharding);
        sharding.init(Entity.of(
                Collaboration.ENTITY_TYPE_KEY, context -> Collaboration.create(context.getEntityId(), region)));
        sharding.init(Entity.of(Membership.ENTITY_TYPE_KEY, context -> Membership.create(context.getEntityId())));
        sharding.init(Entity.of(
                ConfiguredTable.ENTITY_TYPE_KEY, context -> ConfiguredTable.create(context.getEntityId(), region)));
        sharding.init(Entity.of(
                ConfiguredTableAssociation.ENTITY_TYPE_KEY,
                context -> ConfiguredTableAssociation.create(context.getEntityId())));
        sharding.init(Entity.of(WorkGroup.ENTITY_TYPE_KEY, context -> WorkGroup.create(context.getEntityId())));
        Duration sessionMinute = system.settings().config().getDuration("parley.athena.session-minute");
        sharding.init(Entity.of(
                Session.ENTITY_TYPE_KEY,
                context -> Session.create(context.getEntityId(), sessionMinute, dataDir, context.getShard())));
        sharding.init(
                Entity.of(AnalysisTemplate.ENTITY_TYPE_KEY, context -> AnalysisTemplate.create(context.getEntityId())));
        sharding.init(Entity.of(Notebook.ENTITY_TYPE_KEY, context -> Notebook.create(context.getEntityId())));
        ReadSide.start(system, dataSource);
        SessionWaker.start(
                system,
                new SessionReadModel(dataSource),
                system.settings().config().getDuration("parley.athena.session-wake-interval"));
        Conversations.start(system, dataSource, askTimeout);
        return domain;
    }

    public EntityRef<Collaboration.Command> collaboration(String id) {
        return sharding.entityRefFor(Collaboration.ENTITY_TYPE_KEY, id);
    }

    public EntityRef<Membership.Command> membership(String id) {
        return sharding.entityRefFor(Membership.ENTITY_TYPE_KEY, id);
    }

    public EntityRef<ConfiguredTable.Command> configuredTable(String id) {
        return sharding.entityRefFor(ConfiguredTable.ENTITY_TYPE_KEY, id);
    }

    public EntityRef<ConfiguredTableAssociation.Command> configuredTableAssociation(String id) {
        return sharding.entityRefFor(ConfiguredTableAssociation.ENTITY_TYPE_KEY, id);
    }

    public EntityRef<Session.Command> session(String id) {
        return sharding.entityRefFor(Session.ENTITY_TYPE_KEY, id);
    }

    public EntityRef<Notebook.Command> notebook(String id) {
        return sharding.entityRefFor(Notebook.ENTITY_TYPE_KEY, id);
    }

    /** The work group {@code name} of {@code accountId}: names are per account. */
    public EntityRef<WorkGroup.Command> workGroup(String accountId, String name) {
        return sharding.entityRefFor(WorkGroup.ENTITY_TYPE_KEY, WorkGroup.entityId(accountId, name));
    }

    public EntityRef<AnalysisTemplate.Command> analysisTemplate(String id) {
        return sharding.entityRefFor(AnalysisTemplate.ENTITY_TYPE_KEY, id);
    }
}
