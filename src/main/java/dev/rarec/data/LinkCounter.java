package dev.rarec.data;

import dev.rarec.corpus.BadRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accumulates a {@link LinkStats} while a reader runs. */
final class LinkCounter {
    int mentions;
    int linked;
    int withoutTargets;
    final List<BadRecord> malformed = new ArrayList<>();
    final List<String> unlinked = new ArrayList<>();

    /** Counts one mention and passes its link through. */
    Optional<Integer> count(Optional<Integer> link, String asWritten) {
        mentions++;
        if (link.isPresent()) {
            linked++;
        } else if (unlinked.size() < 20) {
            unlinked.add(asWritten);
        }
        return link;
    }

    void bad(String file, long line, String reason) {
        malformed.add(new BadRecord(file, line, reason));
    }

    LinkStats stats() {
        return new LinkStats(mentions, linked, withoutTargets, malformed, unlinked);
    }
}
