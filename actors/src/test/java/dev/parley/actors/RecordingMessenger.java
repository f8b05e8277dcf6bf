package dev.parley.actors;

import dev.parley.actors.common.EntityMessenger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for sharding: records what an entity tells its neighbours, by entity id. */
public final class RecordingMessenger<C> implements EntityMessenger<C> {

    public record Told<C>(String entityId, C command) {
    }

    private final List<Told<C>> told = new CopyOnWriteArrayList<>();

    @Override
    public void tell(String entityId, C command) {
        told.add(new Told<>(entityId, command));
    }

    public List<Told<C>> told() {
        return List.copyOf(told);
    }

    public <T extends C> List<T> told(Class<T> type) {
        return told.stream().map(Told::command).filter(type::isInstance).map(type::cast).toList();
    }

    public void clear() {
        told.clear();
    }
}
