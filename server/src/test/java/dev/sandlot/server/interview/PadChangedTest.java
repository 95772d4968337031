package dev.sandlot.server.interview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.H2Server;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/**
 * {@link PadChanged} is published for each committed change open connections must hear
 * of: settings, timer, end; and not for a refused one.
 */
@H2Server
@RecordApplicationEvents
class PadChangedTest extends PadTestSupport {

    @Autowired
    PadService pads;

    @Autowired
    PadEnding ending;

    @Autowired
    ApplicationEvents events;

    @Test
    void settingsTimerAndEndArePublishedAndARefusedChangeIsNot() {
        User owner = reviewer();
        JsonNode pad = newPad(owner);
        long id = pad.path("id").asLong();
        join(newUser(), token(pad, "candidate"));
        Caller me = new Caller(owner.id(), owner.username(), Role.REVIEWER, "127.0.0.1");
        events.clear();

        pads.update(me, id, new PadService.PadChange(null, true, null));
        pads.startTimer(me, id, 30);
        pads.stopTimer(me, id);
        assertThat(events.stream(PadChanged.class)).extracting(PadChanged::padId).containsExactly(id, id, id);

        events.clear();
        ending.end(me, id);
        assertThat(events.stream(PadChanged.class)).extracting(PadChanged::padId).isNotEmpty().containsOnly(id);

        events.clear();
        try {
            pads.startTimer(me, id, 5);
        }
        catch (RuntimeException refused) {
            // pad-ended
        }
        assertThat(events.stream(PadChanged.class)).isEmpty();
    }

}
