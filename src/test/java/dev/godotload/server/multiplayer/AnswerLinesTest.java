package dev.godotload.server.multiplayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AnswerLinesTest {
    private final List<String> sent = new ArrayList<>();
    private final AnswerLines lines = new AnswerLines((peer, node, method, args) -> sent.add(peer + ":" + method + args));

    @Test
    void aReadyAnswerWaitsOnlyBehindEarlierAnswersToTheSamePeer() {
        Answer slow = lines.reserve(2, "Main/World");
        lines.answer(2, "Main/World", "edit_rejected", List.of(1L));
        lines.answer(3, "Main/World", "edit_rejected", List.of(2L));
        assertThat(sent).containsExactly("3:edit_rejected[2]");
        slow.send("edit_applied", List.of(1L));
        assertThat(sent).containsExactly("3:edit_rejected[2]", "2:edit_applied[1]", "2:edit_rejected[1]");
        assertThat(lines.peersWaiting()).as("nothing pending: no line kept").isZero();
    }

    @Test
    void answersSettledOutOfOrderStillLeaveInOrderAndAWithdrawnOneLetsTheRestGo() {
        Answer first = lines.reserve(2, "Main/World");
        Answer second = lines.reserve(2, "Main/World");
        Answer third = lines.reserve(2, "Main/World");
        third.send("receive_state", List.of());
        second.send("edit_applied", List.of(2L));
        assertThat(sent).isEmpty();
        first.withdraw();
        assertThat(sent).containsExactly("2:edit_applied[2]", "2:receive_state[]");
        assertThatThrownBy(() -> first.send("edit_applied", List.of(1L))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPeerThatLeftGetsNothingOfWhatWasPending() {
        Answer pending = lines.reserve(2, "Main/World");
        lines.answer(2, "Main/World", "edit_rejected", List.of(1L));
        lines.forget(2);
        pending.send("edit_applied", List.of(1L));
        assertThat(sent).isEmpty();
        assertThat(lines.peersWaiting()).isZero();
    }
}
