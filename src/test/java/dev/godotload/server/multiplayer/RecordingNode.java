package dev.godotload.server.multiplayer;

import java.util.ArrayList;
import java.util.List;

/** A stand-in node that records what the server did to it. */
public class RecordingNode implements ServerNode {
    public final String path;
    public final List<String> calls = new ArrayList<>();
    public final List<NodeHost> hosts = new ArrayList<>();
    public final List<Integer> joined = new ArrayList<>();
    public final List<Integer> left = new ArrayList<>();

    public RecordingNode(String path) {
        this.path = path;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void call(NodeCall call) {
        calls.add(call.method() + " from " + call.from());
    }

    @Override
    public void attach(NodeHost host) {
        hosts.add(host);
    }

    @Override
    public void peerJoined(int peer) {
        joined.add(peer);
    }

    @Override
    public void peerLeft(int peer) {
        left.add(peer);
    }
}
