package dev.godotload.server.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.godotload.world.StoredMerge;
import dev.godotload.world.World;
import dev.godotload.world.WorldStore;
import dev.godotload.world.WorldStoreException;

/** A store whose commits happen when the test says so. */
public final class FakeWorldStore implements WorldStore {
    private record Pending(StoredMerge merge, CompletableFuture<Void> done) {
    }

    public final int props;
    public final List<StoredMerge> committed = new ArrayList<>();
    private final List<Pending> queue = new ArrayList<>();

    public FakeWorldStore(int props) {
        this.props = props;
    }

    @Override
    public World load() {
        return new World(props);
    }

    @Override
    public int props() {
        return props;
    }

    @Override
    public CompletableFuture<Void> append(StoredMerge merge) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        queue.add(new Pending(merge, f));
        return f;
    }

    @Override
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        queue.add(new Pending(null, f));
        return f;
    }

    /** Commits everything queued, in order. */
    public void commit() {
        List<Pending> batch = new ArrayList<>(queue);
        queue.clear();
        for (Pending p : batch) {
            if (p.merge != null) {
                committed.add(p.merge);
            }
            p.done.complete(null);
        }
    }

    /** Fails everything queued. */
    public void fail(String why) {
        List<Pending> batch = new ArrayList<>(queue);
        queue.clear();
        for (Pending p : batch) {
            p.done.completeExceptionally(new WorldStoreException(why));
        }
    }

    public int queued() {
        return queue.size();
    }

    @Override
    public String description() {
        return "fake";
    }

    @Override
    public void close() {
    }
}
