package dev.godotload.gatling;

/** Counts, times or checks one kind of server push; called on the receiving user's thread. */
@FunctionalInterface
public interface PushHandler {
    void onPush(Push push);
}
