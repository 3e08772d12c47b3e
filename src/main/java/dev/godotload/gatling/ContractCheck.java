package dev.godotload.gatling;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.contract.Contract;

/**
 * Whether the server's nodes have the {@code @rpc} methods the contract says. Godot checks it on
 * every path announcement: the receiver compares the methods' checksum and answers CONFIRM_PATH
 * with {@code valid} false when it differs (and prints "The rpc node checksum failed", but confirms
 * all the same). A load test that goes on calling method ids that mean other methods there measures
 * nonsense, so each user's verdict on each node it calls is a row, {@code contract <node>}: OK when
 * the server confirmed our checksum, KO when it refused it, announced a node of its own with another
 * checksum, or never confirmed the path. Shared by the users of a run; thread-safe.
 */
public final class ContractCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ContractCheck.class);
    static final String ROW_PREFIX = "contract ";

    private final Contract contract;
    private final Map<String, AtomicLong> mismatches = new ConcurrentHashMap<>();

    ContractCheck(Contract contract) {
        this.contract = contract;
    }

    static String row(String node) {
        return ROW_PREFIX + node;
    }

    /** Our checksum of {@code node} was refused, or the server's own announcement of it differs. */
    String mismatch(String node, boolean ours) {
        String why = ours ? "the server refused the checksum of " + node + "'s @rpc methods"
                : "the server announced " + node + " with another checksum of its @rpc methods";
        String message = why + ": its script has other methods than " + contract.location()
                + " lists, so method ids may reach other methods";
        if (mismatches.computeIfAbsent(node, n -> new AtomicLong()).getAndIncrement() == 0) {
            LOG.warn("godot-load: contract mismatch: {}", message);
        }
        return message;
    }

    /** The path was announced but the server never confirmed it before the user left. */
    String unconfirmed(String node) {
        mismatches.computeIfAbsent(node, n -> new AtomicLong()).incrementAndGet();
        return "the server never confirmed the path " + node + " (does its scene have that node?); "
                + contract.location() + " says it does";
    }

    /** One line for the end of a run, or null when every node matched. */
    public String summary() {
        if (mismatches.isEmpty()) {
            return null;
        }
        StringBuilder nodes = new StringBuilder();
        new TreeMap<>(mismatches).forEach((node, n) -> nodes.append(nodes.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s (%,d KO)", node, n.get())));
        return "godot-load: the server's nodes differ from " + contract.location() + ": " + nodes
                + "; see the 'contract <node>' rows, then fix the contract or the game's scripts";
    }
}
