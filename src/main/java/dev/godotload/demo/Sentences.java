package dev.godotload.demo;

import static io.gatling.javaapi.core.CoreDsl.csv;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A feeder of random sentences ({@code sentence}) made from a word list: a CSV with a
 * {@code word} column, e.g. {@code user-files/resources/chat-words.csv}. Never runs dry; safe for
 * any number of users at once.
 */
public final class Sentences implements Iterator<Map<String, Object>> {
    /** The session attribute each feed sets. */
    public static final String KEY = "sentence";
    public static final int MIN_WORDS = 3;
    public static final int MAX_WORDS = 12;

    private final List<String> words;

    Sentences(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the word list is empty");
        }
        this.words = List.copyOf(words);
    }

    /** Reads the word list with Gatling's CSV feeder (so it is found where every feeder is). */
    public static Sentences fromWordList(String csvResource) {
        List<String> words = new ArrayList<>();
        for (Map<String, Object> record : csv(csvResource).readRecords()) {
            Object w = record.get("word");
            if (w == null) {
                throw new IllegalArgumentException(csvResource + " needs a 'word' column");
            }
            if (!w.toString().isBlank()) {
                words.add(w.toString().trim());
            }
        }
        return new Sentences(words);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Map<String, Object> next() {
        return Map.of(KEY, sentence(ThreadLocalRandom.current()));
    }

    String sentence(java.util.random.RandomGenerator random) {
        int n = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(words.get(random.nextInt(words.size())));
        }
        return s.toString();
    }
}
