package dev.godotload.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SentencesTest {
    @Test
    void sentencesAreThreeToTwelveWordsOfTheList() {
        Sentences s = new Sentences(List.of("glue", "prop", "✓"));
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            String[] words = s.sentence(r).split(" ");
            assertThat(words.length).isBetween(Sentences.MIN_WORDS, Sentences.MAX_WORDS);
            assertThat(words).allMatch(w -> List.of("glue", "prop", "✓").contains(w));
        }
        assertThat(s.hasNext()).isTrue();
        assertThat(s.next()).containsOnlyKeys("sentence");
    }

    @Test
    void anEmptyListIsRefused() {
        assertThatThrownBy(() -> new Sentences(List.of())).hasMessage("the word list is empty");
    }
}
